/// The filters of FixMyStreet's GET servicerequestupdates: only `start_date` and `end_date`
/// (mySociety's extension takes no service_code, status or id), with the same window rules as
/// GET requests, applied to `updated_datetime`.
public struct ServiceRequestUpdateQuery: Sendable, Equatable {
    public var jurisdictionID: String?
    public var window: DateWindow

    public static func parse(_ query: String, now: W3CDateTime) throws(Open311Error) -> ServiceRequestUpdateQuery {
        try parse(FormFields(query), now: now)
    }

    public static func parse(_ fields: FormFields, now: W3CDateTime) throws(Open311Error) -> ServiceRequestUpdateQuery {
        var problems: [Problem] = []
        let window = DateWindow.parse(
            start: fields.values("start_date").last, end: fields.values("end_date").last, now: now,
            problems: &problems)
        guard problems.isEmpty, let window else { throw Open311Error(problems) }
        return ServiceRequestUpdateQuery(jurisdictionID: fields.values("jurisdiction_id").first, window: window)
    }
}

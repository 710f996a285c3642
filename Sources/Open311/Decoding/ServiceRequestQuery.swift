/// The filters of GET requests, with the spec's defaults and the paging extension.
public struct ServiceRequestQuery: Sendable, Equatable {
    public var jurisdictionID: String?
    public var selection: Selection
    /// `extensions=true`: add the extension fields to each request (see `ServiceRequestList`).
    public var extensions: Bool

    public enum Selection: Sendable, Equatable {
        /// `service_request_id=1,2,3`: exactly these; the spec says it "overrides all other arguments".
        case ids([String])
        case filter(Filter)
    }

    public struct Filter: Sendable, Equatable {
        /// Empty means every service.
        public var serviceCodes: [String]
        /// Empty means both states.
        public var statuses: Set<RequestStatus>
        public var window: DateWindow
        public var page: Page
    }

    /// The paging extension (`page`, `page_size`; "the most widely and consistently implemented
    /// extension", per the extensions page). Pages count from 1; without the parameters, page 1 of
    /// 1,000, which is the spec's "first 1000 requests".
    public struct Page: Sendable, Equatable {
        public var number: Int
        public var size: Int

        public var offset: Int { (number - 1) * size }
        public var limit: Int { size }
    }

    /// The spec's response cap, also the largest `page_size` (a larger one is lowered to it).
    public static let maximumResults = 1000

    /// Parses a query string such as `start_date=2010-05-24T00:00:00Z&status=open`.
    public static func parse(_ query: String, now: W3CDateTime) throws(Open311Error) -> ServiceRequestQuery {
        try parse(FormFields(query), now: now)
    }

    /// Reads the filters; repeated parameters and comma lists are joined, as the spec allows
    /// ("can be declared multiple times, comma delimited"). Every problem is reported at once.
    public static func parse(_ fields: FormFields, now: W3CDateTime) throws(Open311Error) -> ServiceRequestQuery {
        var problems: [Problem] = []
        let jurisdiction = fields.values("jurisdiction_id").first
        let extensions = parseFlag(fields.values("extensions").last, name: "extensions", problems: &problems)

        let ids = commaList(fields.values("service_request_id"))
        if !ids.isEmpty {
            if ids.count > maximumResults { problems.append(.tooManyRequestIDs(maximum: maximumResults)) }
            guard problems.isEmpty else { throw Open311Error(problems) }
            return ServiceRequestQuery(jurisdictionID: jurisdiction, selection: .ids(ids), extensions: extensions)
        }

        var statuses = Set<RequestStatus>()
        for word in commaList(fields.values("status")) {
            if let status = RequestStatus(rawValue: word.lowercased()) {
                statuses.insert(status)
            } else {
                problems.append(.invalidParameter(name: "status", reason: "\(word) is not open or closed"))
            }
        }
        let window = DateWindow.parse(
            start: fields.values("start_date").last, end: fields.values("end_date").last, now: now,
            problems: &problems)
        let number = parseCount(fields.values("page").last, name: "page", problems: &problems) ?? 1
        let size = min(
            parseCount(fields.values("page_size").last, name: "page_size", problems: &problems) ?? maximumResults, maximumResults)
        guard problems.isEmpty, let window else { throw Open311Error(problems) }
        let filter = Filter(
            serviceCodes: commaList(fields.values("service_code")), statuses: statuses, window: window,
            page: Page(number: number, size: size))
        return ServiceRequestQuery(jurisdictionID: jurisdiction, selection: .filter(filter), extensions: extensions)
    }

    /// `a,b, c` from every occurrence, trimmed, empties and repeats dropped, first order kept.
    static func commaList(_ values: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for value in values {
            for part in value.split(separator: ",") {
                let item = String(part).trimmingCharacters(" ")
                if !item.isEmpty, seen.insert(item).inserted { out.append(item) }
            }
        }
        return out
    }

    static func parseCount(_ text: String?, name: String, problems: inout [Problem]) -> Int? {
        guard let text else { return nil }
        guard text.utf8.count <= 9, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(text), value >= 1 else {
            problems.append(.invalidParameter(name: name, reason: "must be a whole number from 1"))
            return nil
        }
        return value
    }

    static func parseFlag(_ text: String?, name: String, problems: inout [Problem]) -> Bool {
        switch text?.lowercased() {
        case nil, "false", "0": return false
        case "true", "1": return true
        default:
            problems.append(.invalidParameter(name: name, reason: "must be true or false"))
            return false
        }
    }
}

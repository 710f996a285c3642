/// One change to a request, for FixMyStreet's `servicerequestupdates` extension (mySociety's
/// "Open311 FMS – proposed differences": GET servicerequestupdates.[format]?start_date&end_date).
/// FixMyStreet polls it to show a council's progress on reports it sent.
public struct ServiceRequestUpdate: Sendable, Equatable {
    public var updateID: String
    public var serviceRequestID: String
    public var status: UpdateStatus
    public var updatedDatetime: W3CDateTime
    public var description: String?
    public var mediaURL: String?
    /// The back office's own state code; FixMyStreet can map it to a response template.
    /// Written only when set.
    public var externalStatusCode: String?

    public init(
        updateID: String, serviceRequestID: String, status: UpdateStatus, updatedDatetime: W3CDateTime,
        description: String? = nil, mediaURL: String? = nil, externalStatusCode: String? = nil
    ) {
        self.updateID = updateID
        self.serviceRequestID = serviceRequestID
        self.status = status
        self.updatedDatetime = updatedDatetime
        self.description = description
        self.mediaURL = mediaURL
        self.externalStatusCode = externalStatusCode
    }

    var node: Node {
        .object([
            .init("update_id", .string(updateID)),
            .init("service_request_id", .string(serviceRequestID)),
            .init("status", .string(status.rawValue)),
            .init("updated_datetime", .datetime(updatedDatetime)),
            .init("description", .string(description)),
            .init("media_url", .string(mediaURL)),
            .init("external_status_code", .string(externalStatusCode), omitInJSONIfAbsent: true, omitInXMLIfAbsent: true),
        ])
    }
}

/// The states FixMyStreet understands in an update: the spec's open/closed plus mySociety's
/// "additional states". Written in lower case, as mySociety's own open311-adapter does;
/// FixMyStreet reads them case-insensitively.
public enum UpdateStatus: String, Sendable, CaseIterable {
    case open
    case closed
    case fixed
    case inProgress = "in_progress"
    case actionScheduled = "action_scheduled"
    case investigating
    case duplicate
    case notCouncilsResponsibility = "not_councils_responsibility"
    case noFurtherAction = "no_further_action"
    case internalReferral = "internal_referral"
}

/// `<service_request_updates><request_update>…</request_update></service_request_updates>`, or a
/// JSON array. The root is the name in mySociety's specification and adapter; FixMyStreet's reader
/// ignores the root's name (some of its fixtures say `service_requests_updates`).
public struct ServiceRequestUpdateList: GeoReportResponse, Equatable {
    public var updates: [ServiceRequestUpdate]

    public init(_ updates: [ServiceRequestUpdate]) { self.updates = updates }

    public func render(_ format: ResponseFormat) -> String {
        let node = Node.list(item: "request_update", updates.map(\.node))
        return format == .xml ? XMLWriter.document(root: "service_request_updates", node) : JSONWriter.document(node)
    }
}

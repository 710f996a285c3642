/// A filed request as GET requests and GET requests/{id} show it: in the product, a work order
/// (工单) seen through Open311's two-state lens.
public struct ServiceRequest: Sendable, Equatable {
    public var serviceRequestID: String
    public var status: RequestStatus
    /// Why the status is what it is, e.g. the handler's reply (办理意见).
    public var statusNotes: String?
    public var serviceName: String?
    public var serviceCode: String
    /// Free text, at most 4,000 characters; may hold line breaks.
    public var description: String?
    /// The department handling it (承办单位).
    public var agencyResponsible: String?
    public var serviceNotice: String?
    public var requestedDatetime: W3CDateTime
    public var updatedDatetime: W3CDateTime?
    /// The handling deadline (办理时限).
    public var expectedDatetime: W3CDateTime?
    public var address: String?
    public var addressID: String?
    public var zipcode: String?
    public var coordinates: Coordinates?
    public var mediaURL: String?
    /// Extension: the finer state behind open/closed (e.g. `dispatched`, 已派单), written only
    /// when the client asks with `extensions=true`, inside `extended_attributes`.
    public var detailedStatus: String?
    /// Extension: the request's history, written only with `extensions=true`, as the extensions
    /// page's "Update History" (`notes`).
    public var notes: [RequestNote]

    public init(
        serviceRequestID: String, status: RequestStatus, statusNotes: String? = nil, serviceName: String? = nil,
        serviceCode: String, description: String? = nil, agencyResponsible: String? = nil, serviceNotice: String? = nil,
        requestedDatetime: W3CDateTime, updatedDatetime: W3CDateTime? = nil, expectedDatetime: W3CDateTime? = nil,
        address: String? = nil, addressID: String? = nil, zipcode: String? = nil, coordinates: Coordinates? = nil,
        mediaURL: String? = nil, detailedStatus: String? = nil, notes: [RequestNote] = []
    ) {
        self.serviceRequestID = serviceRequestID
        self.status = status
        self.statusNotes = statusNotes
        self.serviceName = serviceName
        self.serviceCode = serviceCode
        self.description = description
        self.agencyResponsible = agencyResponsible
        self.serviceNotice = serviceNotice
        self.requestedDatetime = requestedDatetime
        self.updatedDatetime = updatedDatetime
        self.expectedDatetime = expectedDatetime
        self.address = address
        self.addressID = addressID
        self.zipcode = zipcode
        self.coordinates = coordinates
        self.mediaURL = mediaURL
        self.detailedStatus = detailedStatus
        self.notes = notes
    }

    func node(extensions: Bool) -> Node {
        var members: [Node.Member] = [
            .init("service_request_id", .string(serviceRequestID)),
            .init("status", .string(status.rawValue)),
            .init("status_notes", .string(statusNotes)),
            .init("service_name", .string(serviceName)),
            .init("service_code", .string(serviceCode)),
            .init("description", .string(description)),
            .init("agency_responsible", .string(agencyResponsible)),
            .init("service_notice", .string(serviceNotice)),
            .init("requested_datetime", .datetime(requestedDatetime)),
            .init("updated_datetime", .datetime(updatedDatetime)),
            .init("expected_datetime", .datetime(expectedDatetime)),
            .init("address", .string(address)),
            .init("address_id", .string(addressID)),
            .init("zipcode", .string(zipcode)),
            .init("lat", .decimal(coordinates?.latitude)),
            .init("long", .decimal(coordinates?.longitude)),
            .init("media_url", .string(mediaURL)),
        ]
        if extensions {
            members.append(.init("extended_attributes", .object([.init("detailed_status", .string(detailedStatus))])))
            members.append(.init("notes", .list(item: "note", notes.map(\.node))))
        }
        return .object(members)
    }
}

/// The spec's two states. Everything before 办结 is `open`; resolved, archived, rejected and
/// withdrawn orders are `closed`.
public enum RequestStatus: String, Sendable, CaseIterable {
    case open
    case closed
}

/// A WGS84 position (GPS coordinates; the GCJ-02 offsets of Chinese maps must be undone before).
public struct Coordinates: Sendable, Equatable {
    public let latitude: Double
    public let longitude: Double

    /// Nil outside ±90° latitude, ±180° longitude, or for a non-finite number.
    public init?(latitude: Double, longitude: Double) {
        guard latitude.isFinite, longitude.isFinite, (-90...90).contains(latitude), (-180...180).contains(longitude) else { return nil }
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// GET requests and GET requests/{id}: `<service_requests><request>…</request></service_requests>`,
/// or a JSON array (also for a single request, as the spec shows).
public struct ServiceRequestList: GeoReportResponse, Equatable {
    public var requests: [ServiceRequest]
    /// Whether to add the extension fields (`extended_attributes`, `notes`); off unless the client
    /// passed `extensions=true`, so strict clients see only the spec's fields.
    public var extensions: Bool

    public init(_ requests: [ServiceRequest], extensions: Bool = false) {
        self.requests = requests
        self.extensions = extensions
    }

    public func render(_ format: ResponseFormat) -> String {
        let node = Node.list(item: "request", requests.map { $0.node(extensions: extensions) })
        return format == .xml ? XMLWriter.document(root: "service_requests", node) : JSONWriter.document(node)
    }
}

/// GET tokens/{token}: which request a `batch` service's token became. Until the request exists
/// the id is absent (an empty element in XML, left out of JSON, whose swagger type has no null).
public struct TokenResolution: Sendable, Equatable {
    public var token: String
    public var serviceRequestID: String?

    public init(token: String, serviceRequestID: String?) {
        self.token = token
        self.serviceRequestID = serviceRequestID
    }

    var node: Node {
        .object([.init("service_request_id", .string(serviceRequestID), omitInJSONIfAbsent: true), .init("token", .string(token))])
    }
}

/// `<service_requests><request><service_request_id/><token/></request></service_requests>`, or a JSON array.
public struct TokenResolutionList: GeoReportResponse, Equatable {
    public var resolutions: [TokenResolution]

    public init(_ resolutions: [TokenResolution]) { self.resolutions = resolutions }

    public func render(_ format: ResponseFormat) -> String {
        let node = Node.list(item: "request", resolutions.map(\.node))
        return format == .xml ? XMLWriter.document(root: "service_requests", node) : JSONWriter.document(node)
    }
}

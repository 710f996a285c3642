/// A service type a request can be filed under (GET services), e.g. a catalog item of the
/// talent-services platform (人才服务事项) such as 人才公寓申请.
public struct Service: Sendable, Equatable {
    public var serviceCode: String
    public var serviceName: String
    public var description: String?
    /// True when the service has a definition with attributes (GET services/{code}).
    public var metadata: Bool
    public var type: Kind
    /// Comma-separated tags and synonyms.
    public var keywords: String?
    /// The category it is listed under, e.g. 安居保障.
    public var group: String?

    /// How a POST answers (the spec's `type`).
    public enum Kind: String, Sendable, CaseIterable {
        /// The service_request_id comes back at once.
        case realtime
        /// A token comes back, later exchanged for the id (GET tokens/{token}).
        case batch
        /// Nothing comes back.
        case blackbox
    }

    public init(
        serviceCode: String, serviceName: String, description: String? = nil, metadata: Bool, type: Kind = .realtime,
        keywords: String? = nil, group: String? = nil
    ) {
        self.serviceCode = serviceCode
        self.serviceName = serviceName
        self.description = description
        self.metadata = metadata
        self.type = type
        self.keywords = keywords
        self.group = group
    }

    var node: Node {
        .object([
            .init("service_code", .string(serviceCode)),
            .init("service_name", .string(serviceName)),
            .init("description", .string(description)),
            .init("metadata", .bool(metadata)),
            .init("type", .string(type.rawValue)),
            .init("keywords", .string(keywords)),
            .init("group", .string(group)),
        ])
    }
}

/// GET services: `<services><service>…</service></services>`, or a JSON array.
public struct ServiceList: GeoReportResponse, Equatable {
    public var services: [Service]

    public init(_ services: [Service]) { self.services = services }

    public func render(_ format: ResponseFormat) -> String {
        let node = Node.list(item: "service", services.map(\.node))
        return format == .xml ? XMLWriter.document(root: "services", node) : JSONWriter.document(node)
    }
}

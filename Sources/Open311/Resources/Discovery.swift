/// Service discovery (`discovery.xml`): where the GeoReport v2 endpoint of a deployment is, which
/// formats it speaks and whom to contact, as the spec's "Service Discovery" section describes.
public struct Discovery: GeoReportResponse, Equatable {
    public var changeset: W3CDateTime
    public var contact: String
    public var keyService: String
    public var endpoints: [Endpoint]

    public struct Endpoint: Sendable, Equatable {
        public var specification: String
        public var url: String
        public var changeset: W3CDateTime
        /// `production`, `test`.
        public var type: String
        public var formats: [String]

        public init(url: String, changeset: W3CDateTime, type: String = "production",
                    formats: [String] = ["text/xml", "application/json"], specification: String = "http://wiki.open311.org/GeoReport_v2") {
            self.specification = specification
            self.url = url
            self.changeset = changeset
            self.type = type
            self.formats = formats
        }
    }

    public init(changeset: W3CDateTime, contact: String, keyService: String, endpoints: [Endpoint]) {
        self.changeset = changeset
        self.contact = contact
        self.keyService = keyService
        self.endpoints = endpoints
    }

    public func render(_ format: ResponseFormat) -> String {
        let node = Node.object([
            .init("changeset", .datetime(changeset)),
            .init("contact", .string(contact)),
            .init("key_service", .string(keyService)),
            .init("endpoints", .list(item: "endpoint", endpoints.map { e in
                .object([
                    .init("specification", .string(e.specification)),
                    .init("url", .string(e.url)),
                    .init("changeset", .datetime(e.changeset)),
                    .init("type", .string(e.type)),
                    .init("formats", .list(item: "format", e.formats.map { .string($0) })),
                ])
            })),
        ])
        return format == .xml ? XMLWriter.document(root: "discovery", node) : JSONWriter.document(node)
    }
}

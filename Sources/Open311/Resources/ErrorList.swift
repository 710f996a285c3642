/// One entry of the spec's error response.
public struct APIError: Sendable, Equatable {
    /// Usually the HTTP status; the spec allows more specific codes.
    public var code: Int
    /// Shown to the user.
    public var description: String

    public init(code: Int, description: String) {
        self.code = code
        self.description = description
    }
}

/// The error response: `<errors><error><code/><description/></error></errors>`, or a JSON array.
public struct ErrorList: GeoReportResponse, Equatable {
    public var errors: [APIError]

    public init(_ errors: [APIError]) { self.errors = errors }

    public func render(_ format: ResponseFormat) -> String {
        let node = Node.list(
            item: "error",
            errors.map {
                .object([.init("code", .integer($0.code)), .init("description", .string($0.description))])
            })
        return format == .xml ? XMLWriter.document(root: "errors", node) : JSONWriter.document(node)
    }
}

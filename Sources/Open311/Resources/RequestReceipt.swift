/// The answer to POST requests: the new request's id, or a token to exchange for it later, or
/// neither (for a `blackbox` service), with an optional notice and account id.
public struct RequestReceipt: Sendable, Equatable {
    public var reference: Reference
    /// What will happen next, e.g. the promised handling time (办理时限).
    public var serviceNotice: String?
    public var accountID: String?

    /// The spec allows the id or the token, never both.
    public enum Reference: Sendable, Equatable {
        case serviceRequestID(String)
        case token(String)
        case none
    }

    public init(reference: Reference, serviceNotice: String? = nil, accountID: String? = nil) {
        self.reference = reference
        self.serviceNotice = serviceNotice
        self.accountID = accountID
    }

    /// XML writes absent fields as empty elements, as the spec's example does (`<account_id/>`);
    /// JSON leaves them out, because the swagger definition types them as strings without null.
    var node: Node {
        var members: [Node.Member] = []
        switch reference {
        case .serviceRequestID(let id): members.append(.init("service_request_id", .string(id)))
        case .token(let token): members.append(.init("token", .string(token)))
        case .none: break
        }
        members.append(.init("service_notice", .string(serviceNotice), omitInJSONIfAbsent: true))
        members.append(.init("account_id", .string(accountID), omitInJSONIfAbsent: true))
        return .object(members)
    }
}

/// POST requests: `<service_requests><request>…</request></service_requests>`, or a JSON array.
public struct RequestReceiptList: GeoReportResponse, Equatable {
    public var receipts: [RequestReceipt]

    public init(_ receipts: [RequestReceipt]) { self.receipts = receipts }

    public func render(_ format: ResponseFormat) -> String {
        let node = Node.list(item: "request", receipts.map(\.node))
        return format == .xml ? XMLWriter.document(root: "service_requests", node) : JSONWriter.document(node)
    }
}

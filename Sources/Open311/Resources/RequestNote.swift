/// One entry of a request's history in the "Update History" extension (`notes`: datetime,
/// description, type), as Chicago, Boston and San Francisco serve it.
public struct RequestNote: Sendable, Equatable {
    public var datetime: W3CDateTime
    public var description: String
    /// A short machine word, e.g. `submitted`, `opened`, `dispatched`, `closed`.
    public var type: String

    public init(datetime: W3CDateTime, description: String, type: String) {
        self.datetime = datetime
        self.description = description
        self.type = type
    }

    var node: Node {
        .object([.init("datetime", .datetime(datetime)), .init("description", .string(description)), .init("type", .string(type))])
    }
}

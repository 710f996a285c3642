/// The shape every GeoReport response shares before it becomes XML or JSON. The spec's JSON is the
/// "Spark convention" mapping of its XML, so one tree serves both: an object is a run of child
/// elements or a JSON object; a list is a wrapper element around repeated items or a JSON array;
/// an absent value is an empty element or `null`.
indirect enum Node: Sendable {
    case text(String?)
    /// A number already written as a JSON/XML literal.
    case number(String)
    case bool(Bool)
    case object([Member])
    case list(item: String, [Node])

    struct Member: Sendable {
        let name: String
        let value: Node
        /// Left out of JSON when the value is absent (for resources whose schema has no null).
        let omitInJSONIfAbsent: Bool
        /// Left out of XML when the value is absent.
        let omitInXMLIfAbsent: Bool

        init(_ name: String, _ value: Node, omitInJSONIfAbsent: Bool = false, omitInXMLIfAbsent: Bool = false) {
            self.name = name
            self.value = value
            self.omitInJSONIfAbsent = omitInJSONIfAbsent
            self.omitInXMLIfAbsent = omitInXMLIfAbsent
        }
    }

    var isAbsent: Bool {
        if case .text(nil) = self { return true }
        return false
    }

    static func string(_ value: String?) -> Node { .text(value) }

    static func datetime(_ value: W3CDateTime?) -> Node { .text(value?.description) }

    static func integer(_ value: Int?) -> Node { value.map { .number(String($0)) } ?? .text(nil) }

    /// A finite double as its shortest round-tripping literal (Swift's description), e.g. `37.762221815`.
    static func decimal(_ value: Double?) -> Node {
        guard let value, value.isFinite else { return .text(nil) }
        return .number(value.description)
    }
}

/// The extra questions a service asks (GET services/{service_code}), e.g. for 人才公寓申请 the
/// district and the number of family members moving in.
public struct ServiceDefinition: GeoReportResponse, Equatable {
    public var serviceCode: String
    public var attributes: [ServiceAttribute]

    public init(serviceCode: String, attributes: [ServiceAttribute]) {
        self.serviceCode = serviceCode
        self.attributes = attributes
    }

    /// `<service_definition>…</service_definition>`, or a JSON object (not an array: the spec's
    /// only single-object response).
    public func render(_ format: ResponseFormat) -> String {
        let node = Node.object([
            .init("service_code", .string(serviceCode)),
            .init("attributes", .list(item: "attribute", attributes.map(\.node))),
        ])
        return format == .xml ? XMLWriter.document(root: "service_definition", node) : JSONWriter.document(node)
    }
}

/// One question of a service definition.
public struct ServiceAttribute: Sendable, Equatable {
    /// False for a note shown to the user that takes no input.
    public var variable: Bool
    public var code: String
    public var datatype: Datatype
    public var required: Bool
    public var datatypeDescription: String?
    /// Display position, 1 first.
    public var order: Int
    public var description: String?
    /// The choices, for `singlevaluelist` and `multivaluelist`; written only for those.
    public var values: [AttributeValue]

    public enum Datatype: String, Sendable, CaseIterable {
        /// One line of text.
        case string
        case number
        /// An ISO 8601 date-time.
        case datetime
        /// Text that may span lines.
        case text
        case singlevaluelist
        case multivaluelist

        var isList: Bool { self == .singlevaluelist || self == .multivaluelist }
    }

    public init(
        variable: Bool = true, code: String, datatype: Datatype, required: Bool, datatypeDescription: String? = nil,
        order: Int, description: String? = nil, values: [AttributeValue] = []
    ) {
        self.variable = variable
        self.code = code
        self.datatype = datatype
        self.required = required
        self.datatypeDescription = datatypeDescription
        self.order = order
        self.description = description
        self.values = values
    }

    var node: Node {
        var members: [Node.Member] = [
            .init("variable", .bool(variable)),
            .init("code", .string(code)),
            .init("datatype", .string(datatype.rawValue)),
            .init("required", .bool(required)),
            .init("datatype_description", .string(datatypeDescription)),
            .init("order", .integer(order)),
            .init("description", .string(description)),
        ]
        if datatype.isList {
            members.append(.init("values", .list(item: "value", values.map(\.node))))
        }
        return .object(members)
    }
}

/// One choice of a list attribute: `key` is submitted, `name` is shown.
public struct AttributeValue: Sendable, Equatable {
    public var key: String
    public var name: String

    public init(key: String, name: String) {
        self.key = key
        self.name = name
    }

    var node: Node { .object([.init("key", .string(key)), .init("name", .string(name))]) }
}

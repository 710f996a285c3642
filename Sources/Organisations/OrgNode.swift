/// One node of the organisation tree.
public struct OrgNode: Hashable, Sendable, Codable {
    public let code: OrgCode
    public let parent: OrgCode?
    public let name: String
    public let nameEn: String
    public let kind: OrgKind

    public init(code: OrgCode, parent: OrgCode?, name: String, nameEn: String, kind: OrgKind) {
        self.code = code
        self.parent = parent
        self.name = name
        self.nameEn = nameEn
        self.kind = kind
    }
}

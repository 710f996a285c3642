import Organisations

/// Who is asking: a signed-in user with their roles at their node of the tree.
public struct Principal: Sendable, Equatable {
    public let userId: Int64
    public let username: String
    public let roles: Set<Role>
    public let org: OrgCode
    /// The talent record of a user with the talent role, once registered.
    public let talentId: Int64?

    public init(userId: Int64, username: String, roles: Set<Role>, org: OrgCode, talentId: Int64?) {
        self.userId = userId
        self.username = username
        self.roles = roles
        self.org = org
        self.talentId = talentId
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }
    public func hasAny(_ wanted: Role...) -> Bool { wanted.contains { roles.contains($0) } }

    /// A user who only acts as a talent (never sees other people's records).
    public var isTalentOnly: Bool { roles == [.talent] }
}

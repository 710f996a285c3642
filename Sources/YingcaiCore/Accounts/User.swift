import Organisations

/// A user account: a person who signs in, with roles at one node of the tree.
public struct User: Sendable, Equatable, Codable {
    public let id: Int64
    public let username: String
    public let displayName: String
    public let roles: [Role]
    public let orgCode: OrgCode
    public let disabled: Bool
}

extension Role {
    /// Parses the comma-separated list stored in `users.roles`.
    static func list(_ stored: String) -> [Role] {
        stored.split(separator: ",").compactMap { Role(rawValue: String($0)) }.sorted()
    }
}

/// What a user may do, scoped to the node of the tree their account belongs to.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// 人才
    case talent
    /// 人才管家 / 服务专员
    case butler
    /// 受理派单员
    case dispatcher
    /// 承办人员
    case handler
    /// 督办员
    case supervisor
    /// 评审专家
    case reviewer
    /// 管理员
    case admin
    /// 领导
    case leader
    /// 核验点
    case verifier
    /// 知识库编辑: writes and reviews the hotline knowledge base's articles of their department
    case editor

    public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }

    /// Staff who work with the talent registry of their area.
    public var readsRegistry: Bool {
        switch self {
        case .butler, .dispatcher, .handler, .supervisor, .admin, .leader: return true
        case .talent, .reviewer, .verifier, .editor: return false
        }
    }
}

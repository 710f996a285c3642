/// The levels of the tree: city → district/county/functional zone → street/town → community → grid,
/// and departments at any of the first two levels.
public enum OrgKind: String, Sendable, Codable, CaseIterable {
    case city
    case district
    case county
    case functionalZone = "functional_zone"
    case street
    case community
    case grid
    case department

    /// The kinds a node of this kind may have as children (departments aside).
    public var childKinds: Set<OrgKind> {
        switch self {
        case .city: return [.district, .county, .functionalZone]
        case .district, .county, .functionalZone: return [.street]
        case .street: return [.community]
        case .community: return [.grid]
        case .grid, .department: return []
        }
    }

    /// 区县级: the level where a talent's employer and most service counterparts sit.
    public var isDistrictLevel: Bool { self == .district || self == .county || self == .functionalZone }
}

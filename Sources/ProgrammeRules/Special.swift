/// The six specials (专项) of a yearly call of the 重庆英才计划: five for people, one for teams.
///
/// The raw values are the API strings and are stored, so they are a contract: add cases, never
/// rename a raw value.
public enum Special: String, Sendable, Codable, CaseIterable, Comparable {
    /// 优秀科学家
    case outstandingScientist = "outstanding_scientist"
    /// 名家名师
    case masterTeacher = "master_teacher"
    /// 创新创业领军人才
    case innovationLeader = "innovation_leader"
    /// 技术技能领军人才
    case skillsLeader = "skills_leader"
    /// 青年拔尖人才
    case youngTopTalent = "young_top_talent"
    /// 创新创业示范团队: the one special whose applicant is a team (a leader plus members).
    case demonstrationTeam = "demonstration_team"

    public var chinese: String {
        switch self {
        case .outstandingScientist: "优秀科学家"
        case .masterTeacher: "名家名师"
        case .innovationLeader: "创新创业领军人才"
        case .skillsLeader: "技术技能领军人才"
        case .youngTopTalent: "青年拔尖人才"
        case .demonstrationTeam: "创新创业示范团队"
        }
    }

    public var english: String {
        switch self {
        case .outstandingScientist: "outstanding scientist"
        case .masterTeacher: "master teacher"
        case .innovationLeader: "innovation and entrepreneurship leader"
        case .skillsLeader: "technical skills leader"
        case .youngTopTalent: "young top talent"
        case .demonstrationTeam: "innovation and entrepreneurship demonstration team"
        }
    }

    /// A team special: the application names team members, whose conflicts count like the leader's.
    public var isTeam: Bool { self == .demonstrationTeam }

    /// Declaration order (the order of `allCases`), so reports list the specials as the notice does.
    public static func < (lhs: Special, rhs: Special) -> Bool {
        order(lhs) < order(rhs)
    }

    private static func order(_ special: Special) -> Int {
        allCases.firstIndex(of: special) ?? 0
    }
}

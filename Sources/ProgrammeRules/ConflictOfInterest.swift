/// A reviewer (评审专家) as the conflict-of-interest rules (回避) see them.
public struct ReviewerProfile: Sendable, Equatable, Codable {
    public var id: Int64
    /// The reviewer's own talent id when they are also a registered talent (so they may be an
    /// applicant or a team member themselves); `nil` otherwise.
    public var talentId: Int64?
    /// 工作单位, compared after `EmployerName` normalisation.
    public var employer: String
    /// Talents the reviewer declared as close collaborators (合作者: co-authors, supervisors,
    /// students, co-investigators of the last years).
    public var collaboratorTalentIds: Set<Int64>
    /// Applications the reviewer asked to be recused from (主动申请回避), for reasons of their own.
    public var recusedApplicationIds: Set<Int64>
    /// The reviewer's field code (`FieldTaxonomy`).
    public var field: String

    public init(
        id: Int64, talentId: Int64? = nil, employer: String, collaboratorTalentIds: Set<Int64> = [],
        recusedApplicationIds: Set<Int64> = [], field: String
    ) {
        self.id = id
        self.talentId = talentId
        self.employer = employer
        self.collaboratorTalentIds = collaboratorTalentIds
        self.recusedApplicationIds = recusedApplicationIds
        self.field = field
    }
}

/// 申请回避: a reviewer the applicant asks to be kept away from their application, with a reason.
public struct ReviewerExclusion: Sendable, Equatable, Codable {
    public var reviewerId: Int64
    public var reason: String

    public init(reviewerId: Int64, reason: String) {
        self.reviewerId = reviewerId
        self.reason = reason
    }
}

/// The parties of an application (申报) as the conflict rules see them.
public struct ApplicationParties: Sendable, Equatable, Codable {
    public var id: Int64
    public var applicantTalentId: Int64
    /// Team members other than the applicant (team special only; empty otherwise).
    public var teamMemberTalentIds: Set<Int64>
    /// The applicant's employer first, then the team members' employers.
    public var employers: [String]
    /// At most `ConflictRules.maxExclusions`, each with a reason (see `validateExclusions`).
    public var exclusions: [ReviewerExclusion]
    /// The application's field code (`FieldTaxonomy`).
    public var field: String

    public init(
        id: Int64, applicantTalentId: Int64, teamMemberTalentIds: Set<Int64> = [], employers: [String],
        exclusions: [ReviewerExclusion] = [], field: String
    ) {
        self.id = id
        self.applicantTalentId = applicantTalentId
        self.teamMemberTalentIds = teamMemberTalentIds
        self.employers = employers
        self.exclusions = exclusions
        self.field = field
    }
}

/// Why a reviewer may not review an application. The raw values are stored and shown.
public enum ConflictCause: String, Sendable, Codable, CaseIterable, Comparable {
    /// 本人申报: the reviewer is the applicant.
    case isApplicant = "is_applicant"
    /// 团队成员: the reviewer is a member of the applying team.
    case isTeamMember = "is_team_member"
    /// 同单位: the reviewer works where the applicant or a team member works.
    case sameEmployer = "same_employer"
    /// 合作关系: the reviewer declared the applicant or a team member as a collaborator.
    case declaredCollaborator = "declared_collaborator"
    /// 申请人申请回避: the applicant excluded this reviewer (with a reason).
    case excludedByApplicant = "excluded_by_applicant"
    /// 专家主动回避: the reviewer asked to be recused from this application.
    case declaredByReviewer = "declared_by_reviewer"

    public var chinese: String {
        switch self {
        case .isApplicant: "本人申报"
        case .isTeamMember: "团队成员"
        case .sameEmployer: "同单位"
        case .declaredCollaborator: "合作关系"
        case .excludedByApplicant: "申请人申请回避"
        case .declaredByReviewer: "专家主动回避"
        }
    }

    public static func < (lhs: ConflictCause, rhs: ConflictCause) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// One conflict found: a reviewer, an application, one cause, and what matched (a talent id, the
/// normalised employer, the exclusion's reason), for the office to read. A pair with two causes
/// gives two conflicts: nothing is merged away.
public struct Conflict: Sendable, Hashable, Codable {
    public var reviewerId: Int64
    public var applicationId: Int64
    public var cause: ConflictCause
    public var detail: String

    public init(reviewerId: Int64, applicationId: Int64, cause: ConflictCause, detail: String) {
        self.reviewerId = reviewerId
        self.applicationId = applicationId
        self.cause = cause
        self.detail = detail
    }

    /// The pair the assignment must keep apart.
    public var pair: ConflictPair { ConflictPair(applicationId: applicationId, reviewerId: reviewerId) }
}

/// A reviewer that must not be assigned to an application, whatever the cause.
public struct ConflictPair: Sendable, Hashable, Codable {
    public var applicationId: Int64
    public var reviewerId: Int64

    public init(applicationId: Int64, reviewerId: Int64) {
        self.applicationId = applicationId
        self.reviewerId = reviewerId
    }
}

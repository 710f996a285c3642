import Foundation
import ProgrammeRules
import WorkCalendar

/// What a call asks of the applicants of one special, beyond the rules' configuration: who may
/// apply (a condition of the policy language, checked live with its reason) and what they upload.
public struct SpecialSettings: Sendable, Codable, Equatable {
    /// A condition over the applicant's record, as a policy's `eligible:` (`age < 40 and tier in ["A", "B"]`).
    public var eligibility: String
    public var materials: [ServiceItem.Material]

    public init(eligibility: String, materials: [ServiceItem.Material]) {
        self.eligibility = eligibility
        self.materials = materials
    }
}

/// The settings of every special of a call, by the special's code.
public struct CallSettings: Sendable, Codable, Equatable {
    public var specials: [String: SpecialSettings]

    public init(specials: [String: SpecialSettings]) { self.specials = specials }

    public subscript(_ special: Special) -> SpecialSettings? { specials[special.rawValue] }
}

/// A yearly call (申报通知) as stored.
public struct ProgrammeCall: Sendable {
    public let id: Int64
    public var rules: Call
    public var settings: CallSettings
    public let createdAt: Int64
    public var updatedAt: Int64

    public var year: Int { rules.year }
}

/// An application (申报) as stored.
public struct ProgrammeApplication: Sendable {
    public let id: Int64
    public let callId: Int64
    public let year: Int
    public let applicantTalentId: Int64
    public let applicantUserId: Int64?
    public let applicantName: String
    public let districtCode: String
    public var rules: Application
    public let title: String
    public let summary: String
    public let field: String
    public let employer: String
    public let teamMemberIds: [Int64]
    public let exclusions: [ReviewerExclusion]
    public var rawScore: Double?
    public var score: Double?
    public var place: Int?
    public var tied: Bool
    public let createdAt: Int64
    public var updatedAt: Int64
    public var lastSeq: Int

    public var special: Special { rules.special }
    public var state: ApplicationState { rules.state }
}

/// One step in the life of a call or an application: who, when, from, to, why.
public struct ProgrammeEvent: Sendable, Equatable {
    public let seq: Int
    public let at: Int64
    public let actorName: String
    public let action: String
    public let from: String?
    public let to: String
    public let note: String?
}

/// An application as a talent submits it.
public struct NewApplication: Sendable, Codable {
    public var special: String?
    public var title: String?
    public var summary: String?
    /// A field code of `FieldTaxonomy.standard`.
    public var field: String?
    /// The team special only: the members' talent ids (registered talents).
    public var teamMembers: [Int64]?
    /// The team special only: members named by name and identity number, as an applicant knows them.
    public var teamMemberIdentities: [MemberIdentity]?
    /// At most 3 reviewers the applicant asks to be kept away, each with a reason (申请回避).
    public var exclusions: [ExclusionInput]?
    /// Material code → upload id.
    public var materials: [String: String]?

    public struct MemberIdentity: Sendable, Codable {
        public var name: String?
        public var idNumber: String?
        public init(name: String? = nil, idNumber: String? = nil) { self.name = name; self.idNumber = idNumber }
    }

    public struct ExclusionInput: Sendable, Codable {
        /// The reviewer's username.
        public var reviewer: String?
        public var reason: String?
        public init(reviewer: String? = nil, reason: String? = nil) { self.reviewer = reviewer; self.reason = reason }
    }

    public init(special: String? = nil, title: String? = nil, summary: String? = nil, field: String? = nil, teamMembers: [Int64]? = nil,
                teamMemberIdentities: [MemberIdentity]? = nil, exclusions: [ExclusionInput]? = nil, materials: [String: String]? = nil) {
        self.special = special; self.title = title; self.summary = summary; self.field = field; self.teamMembers = teamMembers
        self.teamMemberIdentities = teamMemberIdentities
        self.exclusions = exclusions; self.materials = materials
    }
}

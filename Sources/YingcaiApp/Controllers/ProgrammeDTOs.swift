import Foundation
import ProgrammeRules
import YingcaiCore

/// The talent programme as the API shows it.
struct CallDTO: Encodable {
    struct SpecialDTO: Encodable {
        let code: String
        let name: String
        let nameEn: String
        let isTeam: Bool
        let quota: Int
        let reviewersPerApplication: Int
        let lumpSumYuan: Int64
        let eligibility: String
        let rubric: [Rubric.Criterion]
        let materials: [ServiceItem.Material]
    }

    let year: Int
    let state: String
    let stateName: String
    let open: String
    let close: String
    let review: String
    let notice: String
    let noticeStartedOn: String?
    let specials: [SpecialDTO]

    init(_ c: ProgrammeCall) {
        year = c.year; state = c.rules.state.rawValue; stateName = c.rules.state.chinese
        open = c.rules.dates.open.description; close = c.rules.dates.close.description
        review = c.rules.dates.review.description; notice = c.rules.dates.notice.description
        noticeStartedOn = c.rules.noticeStartedOn?.description
        specials = Special.allCases.compactMap { s in
            guard let config = c.rules.specials[s], let settings = c.settings[s] else { return nil }
            return SpecialDTO(code: s.rawValue, name: s.chinese, nameEn: s.english, isTeam: s.isTeam, quota: config.quota,
                              reviewersPerApplication: config.reviewersPerApplication, lumpSumYuan: config.lumpSumYuan,
                              eligibility: settings.eligibility, rubric: config.rubric.criteria, materials: settings.materials)
        }
    }
}

struct ApplicationDTO: Encodable {
    struct EventDTO: Encodable {
        let seq: Int
        let at: String
        let actor: String
        let action: String
        let from: String?
        let to: String
        let note: String?
    }

    let id: Int64
    let year: Int
    let special: String
    let specialName: String
    let state: String
    let stateName: String
    let applicantTalentId: Int64
    let applicantName: String
    let districtCode: String
    let title: String
    let summary: String
    let field: String
    let employer: String
    let teamMembers: [Int64]
    let returnReason: String?
    let closingReason: String?
    let rawScore: Double?
    let score: Double?
    let place: Int?
    let tied: Bool
    let availableActions: [String]?
    let materials: [String: String]?
    let timeline: [EventDTO]?
    let createdAt: String

    init(_ a: ProgrammeApplication, actions: [String]? = nil, materials: [(code: String, uploadId: String)]? = nil,
         events: [ProgrammeEvent]? = nil, showScores: Bool = false) {
        id = a.id; year = a.year; special = a.special.rawValue; specialName = a.special.chinese; state = a.state.rawValue
        stateName = a.state.chinese; applicantTalentId = a.applicantTalentId; applicantName = a.applicantName; districtCode = a.districtCode
        title = a.title; summary = a.summary; field = a.field; employer = a.employer; teamMembers = a.teamMemberIds
        returnReason = a.rules.returnReason; closingReason = a.rules.closingReason
        rawScore = showScores ? a.rawScore.map(round4) : nil; score = showScores ? a.score.map(round4) : nil
        place = showScores ? a.place : nil; tied = showScores && a.tied
        availableActions = actions
        self.materials = materials.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.code, $0.uploadId) }) }
        timeline = events?.map { EventDTO(seq: $0.seq, at: RFC3339.string($0.at), actor: $0.actorName, action: $0.action, from: $0.from, to: $0.to, note: $0.note) }
        createdAt = RFC3339.string(a.createdAt)
    }
}

struct ScoreDTO: Encodable {
    let applicationId: Int64
    let reviewer: String
    let scores: [String: Double]
    let total: Double
    let normalised: Double?
    let comment: String
    let submittedAt: String

    init(_ s: ProgrammeScore) {
        applicationId = s.applicationId; reviewer = s.reviewerName; scores = s.scores; total = round4(s.total)
        normalised = s.normalised.map(round4); comment = s.comment; submittedAt = RFC3339.string(s.submittedAt)
    }
}

struct AssignmentDTO: Encodable {
    struct Entry: Encodable {
        let applicationId: Int64
        let title: String
        let special: String
        let needed: Int
        let reviewers: [Reviewer]
    }

    struct Reviewer: Encodable {
        let username: String
        let affinity: Int
        let scored: Bool
    }

    struct ConflictDTO: Encodable {
        let applicationId: Int64
        let reviewerId: Int64
        let cause: String
        let causeName: String
        let detail: String
    }

    let totalAffinity: Int
    let entries: [Entry]
    let shortfalls: [Int64]
    let conflicts: [ConflictDTO]

    init(_ v: AssignmentView) {
        totalAffinity = v.totalAffinity
        entries = v.entries.map {
            Entry(applicationId: $0.application.id, title: $0.application.title, special: $0.application.special.rawValue, needed: $0.needed,
                  reviewers: $0.reviewers.map { Reviewer(username: $0.username, affinity: $0.affinity, scored: $0.scored) })
        }
        shortfalls = v.shortfalls.map(\.application.id)
        conflicts = v.conflicts.map { ConflictDTO(applicationId: $0.applicationId, reviewerId: $0.reviewerId, cause: $0.cause.rawValue,
                                                  causeName: $0.cause.chinese, detail: $0.detail) }
    }
}

struct RankingDTO: Encodable {
    struct Row: Encodable {
        let application: ApplicationDTO
        let scores: [ScoreDTO]
    }

    let special: String
    let quota: Int
    let placesLeftForTie: Int?
    let rows: [Row]

    init(_ v: RankingView) {
        special = v.special.rawValue; quota = v.quota; placesLeftForTie = v.placesLeftForTie
        rows = v.rows.map { Row(application: ApplicationDTO($0.application, showScores: true), scores: $0.scores.map(ScoreDTO.init)) }
    }
}

struct ProjectDTO: Encodable {
    struct Tranche: Encodable {
        let stage: String
        let stageName: String
        let percent: Int
        let yuan: Int64
        let payoutId: Int64?
        let payoutState: String?
    }

    struct Report: Encodable {
        let kind: String
        let year: Int
        let text: String
        let spending: [String: Int64]
        let submittedAt: String
    }

    let applicationId: Int64
    let title: String
    let special: String
    let budgetYuan: Int64
    let paidYuan: Int64
    let categories: [String: Int64]
    let tranches: [Tranche]
    let reports: [Report]
    let midtermAccepted: Bool
    let completionResult: String?

    init(_ p: ProgrammeProject) {
        applicationId = p.application.id; title = p.application.title; special = p.application.special.rawValue
        budgetYuan = p.budgetYuan; paidYuan = p.paidYuan; categories = p.categories
        tranches = p.tranches.map { Tranche(stage: $0.stage.rawValue, stageName: $0.stage.chinese, percent: $0.percent, yuan: $0.yuan,
                                            payoutId: $0.payoutId, payoutState: $0.payoutState?.rawValue) }
        reports = p.reports.map { Report(kind: $0.kind, year: $0.year, text: $0.text, spending: $0.spending, submittedAt: RFC3339.string($0.submittedAt)) }
        midtermAccepted = p.midtermAcceptedAt != nil; completionResult = p.completionResult
    }
}

struct NoticeDTO: Encodable {
    struct Entry: Encodable {
        let applicationId: Int64
        let name: String
        let employer: String
        let special: String
        let specialName: String
        let title: String
    }

    let year: Int
    let state: String
    let start: String?
    let end: String?
    let entries: [Entry]

    init(_ n: PublicNoticeList) {
        year = n.year; state = n.state.rawValue; start = n.start?.description; end = n.end?.description
        entries = n.entries.map { Entry(applicationId: $0.applicationId, name: $0.name, employer: $0.employer, special: $0.special.rawValue,
                                        specialName: $0.special.chinese, title: $0.title) }
    }
}

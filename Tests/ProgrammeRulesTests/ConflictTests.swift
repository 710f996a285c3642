import TestRandom
import Testing
@testable import ProgrammeRules

/// 回避: each cause found, none dropped, employers normalised.
@Suite struct ConflictTests {
    static let application = ApplicationParties(
        id: 1, applicantTalentId: 100, teamMemberTalentIds: [101, 102], employers: ["重庆大学", "ABC科技（重庆）有限公司"],
        exclusions: [ReviewerExclusion(reviewerId: 9, reason: " 学术观点分歧 ")], field: "software")

    static func causes(_ reviewer: ReviewerProfile) -> [ConflictCause] {
        ConflictRules.conflicts(reviewer, application).map(\.cause)
    }

    @Test func eachCause() {
        #expect(Self.causes(ReviewerProfile(id: 1, talentId: 100, employer: "西南大学", field: "software")) == [.isApplicant])
        #expect(Self.causes(ReviewerProfile(id: 2, talentId: 102, employer: "西南大学", field: "software")) == [.isTeamMember])
        #expect(Self.causes(ReviewerProfile(id: 3, employer: "重庆大学", field: "software")) == [.sameEmployer])
        #expect(Self.causes(ReviewerProfile(id: 4, employer: "西南大学", collaboratorTalentIds: [101, 555], field: "software"))
            == [.declaredCollaborator])
        #expect(Self.causes(ReviewerProfile(id: 9, employer: "西南大学", field: "software")) == [.excludedByApplicant])
        #expect(Self.causes(ReviewerProfile(id: 5, employer: "西南大学", recusedApplicationIds: [1], field: "software"))
            == [.declaredByReviewer])
        #expect(Self.causes(ReviewerProfile(id: 6, talentId: 999, employer: "西南大学", collaboratorTalentIds: [5], field: "software")) == [])
    }

    @Test func everyCauseOfAPairIsKept() {
        let reviewer = ReviewerProfile(
            id: 9, talentId: 100, employer: "重庆大学", collaboratorTalentIds: [100, 101, 102], recusedApplicationIds: [1], field: "software")
        let found = ConflictRules.conflicts(reviewer, Self.application)
        #expect(found.map(\.cause) == [.isApplicant, .sameEmployer, .declaredCollaborator, .declaredCollaborator,
                                        .declaredCollaborator, .excludedByApplicant, .declaredByReviewer])
        #expect(found.first { $0.cause == .excludedByApplicant }?.detail == "学术观点分歧")
        #expect(Set(found.map(\.pair)) == [ConflictPair(applicationId: 1, reviewerId: 9)])
    }

    /// The same employer typed with spaces, full-width forms or another case still conflicts.
    @Test func employerNamesAreNormalised() {
        for typed in ["重庆 大学", " 重庆大学\u{3000}", "重庆大学\n", "ＡＢＣ科技(重庆)有限公司", "abc 科技（重庆）有限公司", "Abc科技(重庆)有限公司"] {
            #expect(Self.causes(ReviewerProfile(id: 3, employer: typed, field: "software")) == [.sameEmployer], "\(typed)")
        }
        #expect(EmployerName("ＡＢＣ（重庆）") == EmployerName("abc(重庆)"))
        #expect(EmployerName("重庆大学") != EmployerName("重庆大学城"))
    }

    /// An unknown (blank) employer is not evidence of a shared one.
    @Test func blankEmployersNeverMatch() {
        let blank = ApplicationParties(id: 2, applicantTalentId: 1, employers: ["", " "], field: "software")
        #expect(ConflictRules.conflicts(ReviewerProfile(id: 1, employer: "  ", field: "software"), blank) == [])
        #expect(ConflictRules.conflicts(ReviewerProfile(id: 1, employer: "重庆大学", field: "software"), blank) == [])
    }

    /// The indexed bulk search finds exactly what the pairwise rule finds on every pair.
    @Test func bulkSearchEqualsThePairwiseRule() {
        var rng = SplitMix64(seed: 5)
        let employers = ["重庆大学", "西南大学", "重庆 大学", "ＸＹＺ公司", "xyz公司", ""]
        let reviewers = (0..<40).map { j in
            ReviewerProfile(
                id: Int64(j), talentId: rng.chance(percent: 30) ? Int64(rng.below(60)) : nil, employer: employers[rng.below(employers.count)],
                collaboratorTalentIds: Set((0..<rng.below(4)).map { _ in Int64(rng.below(60)) }),
                recusedApplicationIds: rng.chance(percent: 10) ? [Int64(1000 + rng.below(30))] : [], field: "software")
        }
        let applications = (0..<30).map { i in
            ApplicationParties(
                id: Int64(1000 + i), applicantTalentId: Int64(rng.below(60)),
                teamMemberTalentIds: Set((0..<rng.below(3)).map { _ in Int64(rng.below(60)) }),
                employers: (0...rng.below(2)).map { _ in employers[rng.below(employers.count)] },
                exclusions: rng.chance(percent: 30) ? [ReviewerExclusion(reviewerId: Int64(rng.below(40)), reason: "理由")] : [], field: "ai")
        }
        let pairwise = applications.flatMap { application in reviewers.flatMap { ConflictRules.conflicts($0, application) } }
        let bulk = ConflictRules.allConflicts(reviewers: reviewers, applications: applications)
        #expect(bulk == pairwise)
        #expect(Set(bulk.map(\.cause)) == Set(ConflictCause.allCases))
    }

    @Test func exclusionsAreAtMostThreeWithReasons() {
        let three = (1...3).map { ReviewerExclusion(reviewerId: Int64($0), reason: "理由") }
        #expect(ConflictRules.validateExclusions(three).success != nil)
        #expect(ConflictRules.validateExclusions([]).success != nil)
        #expect(ConflictRules.validateExclusions(three + [ReviewerExclusion(reviewerId: 4, reason: "理由")]).failure?.invalidField
            == "exclusions")
        #expect(ConflictRules.validateExclusions([ReviewerExclusion(reviewerId: 1, reason: "\u{3000} ")]).failure != nil)
        let twice = [ReviewerExclusion(reviewerId: 1, reason: "a"), ReviewerExclusion(reviewerId: 1, reason: "b")]
        #expect(ConflictRules.validateExclusions(twice).failure != nil)
    }
}

import TestRandom
import Testing
@testable import ProgrammeRules

/// 排序与遴选: ties at the quota line go to the committee, never broken silently.
@Suite struct RankingTests {
    static func rank(_ scores: [Double], quota: Int, special: Special = .youngTopTalent) -> SpecialRanking? {
        let entries = scores.enumerated().map { RankingEntry(applicationId: Int64($0.offset + 1), special: special, score: $0.element) }
        return Ranking.rank(entries, quotas: [special: quota]).success?.first
    }

    @Test func ranksDescendingWithSharedRanks() {
        let ranking = Self.rank([70, 90, 85, 85, 60], quota: 10)
        #expect(ranking?.places.map(\.applicationId) == [2, 3, 4, 1, 5])
        #expect(ranking?.places.map(\.rank) == [1, 2, 2, 4, 5])
        #expect(ranking?.selected == [2, 3, 4, 1, 5])
        #expect(ranking?.tie == nil)
    }

    /// 90, 85, 85, 85, 80 with 2 places: 90 is in, the three 85s share 1 place, 80 is out.
    @Test func tieStraddlingTheLine() {
        let ranking = Self.rank([85, 90, 85, 80, 85], quota: 2)
        #expect(ranking?.selected == [2])
        #expect(ranking?.tie == SpecialRanking.Tie(applicationIds: [1, 3, 5], placesLeft: 1, score: 85))
        #expect(ranking?.notSelected == [4])
    }

    @Test func tieThatFitsIsSelected() {
        let ranking = Self.rank([85, 90, 85, 80, 85], quota: 4)
        #expect(ranking?.selected == [2, 1, 3, 5])
        #expect(ranking?.tie == nil)
        #expect(ranking?.notSelected == [4])
    }

    /// A tie just below a full line is no tie for the committee: no place is left for it.
    @Test func tieBelowAFullLine() {
        let ranking = Self.rank([90, 85, 85], quota: 1)
        #expect(ranking?.selected == [1])
        #expect(ranking?.tie == nil)
        #expect(ranking?.notSelected == [2, 3])
    }

    @Test func quotaEdges() {
        let zero = Self.rank([90, 80, 70], quota: 0)
        #expect(zero?.selected == [] && zero?.tie == nil && zero?.notSelected == [1, 2, 3])
        let plenty = Self.rank([90, 80, 70], quota: 3)
        #expect(plenty?.selected == [1, 2, 3] && plenty?.notSelected == [])
        #expect(Self.rank([90, 80, 70], quota: 50)?.selected.count == 3)
        let allTied = Self.rank([75, 75, 75, 75, 75], quota: 2)
        #expect(allTied?.selected == [])
        #expect(allTied?.tie == SpecialRanking.Tie(applicationIds: [1, 2, 3, 4, 5], placesLeft: 2, score: 75))
        #expect(allTied?.places.allSatisfy { $0.rank == 1 } == true)
        #expect(Self.rank([75, 75], quota: 2)?.tie == nil)
        #expect(Self.rank([], quota: 2) == nil)
    }

    @Test func tolerance() {
        #expect(Self.rank([85, 85 + 1e-10, 70], quota: 1)?.tie?.applicationIds == [1, 2])
        #expect(Self.rank([85, 85 + 1e-6, 70], quota: 1)?.selected == [2])
    }

    @Test func specialsAreRankedSeparately() {
        let entries = [RankingEntry(applicationId: 1, special: .masterTeacher, score: 60),
                       RankingEntry(applicationId: 2, special: .outstandingScientist, score: 50),
                       RankingEntry(applicationId: 3, special: .masterTeacher, score: 70)]
        let rankings = Ranking.rank(entries, quotas: [.masterTeacher: 1, .outstandingScientist: 1]).success
        #expect(rankings?.map(\.special) == [.outstandingScientist, .masterTeacher])
        #expect(rankings?.map(\.selected) == [[2], [3]])
    }

    @Test func refusals() {
        let entry = RankingEntry(applicationId: 1, special: .masterTeacher, score: 60)
        #expect(Ranking.rank([entry], quotas: [:]).failure?.invalidField == "quotas")
        #expect(Ranking.rank([entry], quotas: [.masterTeacher: -1]).failure?.invalidField == "quotas")
        #expect(Ranking.rank([entry, entry], quotas: [.masterTeacher: 1]).failure?.invalidField == "entries")
        #expect(Ranking.rank([RankingEntry(applicationId: 1, special: .masterTeacher, score: .infinity)], quotas: [.masterTeacher: 1])
            .failure != nil)
    }

    /// 30,000 scores, normalised and ranked, well within a second even in a debug build.
    @Test func thirtyThousandScoresQuickly() {
        var rng = SplitMix64(seed: 11)
        let scores = (0..<30_000).map { i in
            ReviewScore(reviewerId: Int64(rng.below(2_000)), applicationId: Int64(i / 3), total: (rng.unit() * 200).rounded() / 2)
        }
        // One score per (reviewer, application): drop the random repeats.
        var seen = Set<ConflictPair>()
        let unique = scores.filter { seen.insert(ConflictPair(applicationId: $0.applicationId, reviewerId: $0.reviewerId)).inserted }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            guard let normalised = ScoreNormalisation.normalise(unique).success else { return }
            let entries = normalised.applicationScores.map {
                RankingEntry(applicationId: $0.key, special: Special.allCases[Int($0.key) % 6], score: $0.value)
            }
            let rankings = Ranking.rank(entries, quotas: Dictionary(uniqueKeysWithValues: Special.allCases.map { ($0, 150) }))
            #expect(rankings.success?.count == 6)
        }
        #expect(elapsed < .seconds(1))
    }
}

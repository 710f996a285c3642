import Testing
@testable import ProgrammeRules

/// 评分标准化: harshness and leniency cancel out; few scores are shrunk toward the global scale.
@Suite struct NormalisationTests {
    static func normalise(_ scores: [ReviewScore]) -> ScoreNormalisation.NormalisedScores? { ScoreNormalisation.normalise(scores).success }

    /// A fair, a harsh (20 lower) and a lenient-but-compressed (half the spread, +30) reviewer
    /// score the same six applications in the same order: their normalised scores are equal.
    @Test func harshAndLenientWeighTheSame() {
        let merit: [Double] = [55, 62, 70, 71, 80, 93]
        var scores: [ReviewScore] = []
        for (i, m) in merit.enumerated() {
            scores.append(ReviewScore(reviewerId: 1, applicationId: Int64(i), total: m))
            scores.append(ReviewScore(reviewerId: 2, applicationId: Int64(i), total: m - 20))
            scores.append(ReviewScore(reviewerId: 3, applicationId: Int64(i), total: m / 2 + 30))
        }
        guard let result = Self.normalise(scores) else {
            Issue.record("refused")
            return
        }
        for i in merit.indices {
            let (fair, harsh, lenient) = (result.normalised[3 * i], result.normalised[3 * i + 1], result.normalised[3 * i + 2])
            #expect(abs(fair - harsh) < 1e-9)
            #expect(abs(fair - lenient) < 1e-9)
        }
        // Raw means would differ by 20 points between reviewers 1 and 2; normalised they do not.
        #expect(abs(result.scales[1]!.mean - result.scales[2]!.mean - 20) < 1e-9)
    }

    /// Two applications of equal merit, one reviewed by harsh reviewers, one by lenient ones: raw
    /// averages would rank them 20 points apart; normalised, they tie.
    @Test func whoReviewedDoesNotDecideTheRank() {
        var scores: [ReviewScore] = []
        let others: [Double] = [40, 50, 60, 70, 80]
        for (k, base) in others.enumerated() {
            for reviewer in 1...4 {
                let offset: Double = reviewer <= 2 ? -10 : 10
                scores.append(ReviewScore(reviewerId: Int64(reviewer), applicationId: Int64(100 + k * 10 + reviewer), total: base + offset))
            }
        }
        scores += [ReviewScore(reviewerId: 1, applicationId: 1, total: 55), ReviewScore(reviewerId: 2, applicationId: 1, total: 55),
                   ReviewScore(reviewerId: 3, applicationId: 2, total: 75), ReviewScore(reviewerId: 4, applicationId: 2, total: 75)]
        guard let result = Self.normalise(scores), let one = result.applicationScores[1], let two = result.applicationScores[2] else {
            Issue.record("refused")
            return
        }
        #expect(abs(one - two) < 1e-9)
    }

    /// One score: w = 1/5, and m̃ and s̃ move together, so the raw score is kept.
    @Test func aSingleScoreKeepsItsValue() {
        var scores = (0..<10).map { ReviewScore(reviewerId: 1, applicationId: Int64($0), total: Double(50 + 3 * $0)) }
        scores.append(ReviewScore(reviewerId: 2, applicationId: 0, total: 91))
        let result = Self.normalise(scores)
        #expect(abs((result?.normalised.last ?? 0) - 91) < 1e-9)
    }

    /// Two scores: checks the documented formula term by term.
    @Test func fewScoresAreShrunkInProportion() {
        var scores = (0..<8).map { ReviewScore(reviewerId: 1, applicationId: Int64($0), total: Double(40 + 5 * $0)) }
        scores += [ReviewScore(reviewerId: 2, applicationId: 0, total: 90), ReviewScore(reviewerId: 2, applicationId: 1, total: 70)]
        guard let result = Self.normalise(scores), let scale = result.scales[2] else {
            Issue.record("refused")
            return
        }
        let all = scores.map(\.total)
        let mean = all.reduce(0, +) / Double(all.count)
        let sd = (all.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(all.count)).squareRoot()
        let w = 2.0 / 5.0
        #expect(abs(result.globalMean - mean) < 1e-9 && abs(result.globalStandardDeviation - sd) < 1e-9)
        #expect(abs(scale.shrunkMean - (w * 80 + (1 - w) * mean)) < 1e-9)
        #expect(abs(scale.shrunkStandardDeviation - (w * 10 + (1 - w) * sd)) < 1e-9)
        let expected = mean + sd * (90 - scale.shrunkMean) / scale.shrunkStandardDeviation
        #expect(abs(result.normalised[8] - expected) < 1e-9)
        // Shrinkage matters: a full z-score would put 90 one global sd above the mean.
        #expect(abs(result.normalised[8] - (mean + sd)) > 1)
    }

    /// A reviewer giving everyone the same score: with 5 or more, all at the global mean.
    @Test func zeroSpread() {
        var scores = (0..<6).map { ReviewScore(reviewerId: 1, applicationId: Int64($0), total: 77) }
        scores += (0..<6).map { ReviewScore(reviewerId: 2, applicationId: Int64($0), total: Double(40 + 10 * $0)) }
        guard let result = Self.normalise(scores) else {
            Issue.record("refused")
            return
        }
        for y in result.normalised.prefix(6) { #expect(abs(y - result.globalMean) < 1e-9) }
        let flat = Self.normalise((0..<4).map { ReviewScore(reviewerId: Int64($0), applicationId: 1, total: 60) })
        #expect(flat?.normalised == [60, 60, 60, 60])
    }

    @Test func refusals() {
        #expect(ScoreNormalisation.normalise([ReviewScore(reviewerId: 1, applicationId: 1, total: .nan)]).failure != nil)
        #expect(ScoreNormalisation.normalise([ReviewScore(reviewerId: 1, applicationId: 1, total: 5),
                                              ReviewScore(reviewerId: 1, applicationId: 1, total: 6)]).failure?.invalidField == "scores")
        #expect(Self.normalise([])?.normalised == [])
    }

    @Test func rubricWeightedTotal() throws {
        let rubric = Rubric([Rubric.Criterion(code: "a", name: "甲", weight: 3, maxScore: 10),
                             Rubric.Criterion(code: "b", name: "乙", weight: 1, maxScore: 50)])
        #expect(try rubric.weightedTotal(["a": 10, "b": 50]) == 100)
        #expect(try rubric.weightedTotal(["a": 5, "b": 0]) == 37.5)
        #expect(throws: ProgrammeError.self) { try rubric.weightedTotal(["a": 11, "b": 0]) }
        #expect(throws: ProgrammeError.self) { try rubric.weightedTotal(["a": 1]) }
        #expect(throws: ProgrammeError.self) { try rubric.weightedTotal(["a": 1, "b": 1, "c": 1]) }
        #expect(throws: ProgrammeError.self) { try rubric.weightedTotal(["a": -1, "b": 1]) }
        try Rubric.standard.validate()
        #expect(throws: ProgrammeError.self) { try Rubric([]).validate() }
        #expect(throws: ProgrammeError.self) { try Rubric([.init(code: "a", name: "甲", weight: 0, maxScore: 10)]).validate() }
        #expect(throws: ProgrammeError.self) {
            try Rubric([.init(code: "a", name: "甲", weight: 1, maxScore: 10),
                        .init(code: "a", name: "乙", weight: 1, maxScore: 10)]).validate()
        }
    }
}

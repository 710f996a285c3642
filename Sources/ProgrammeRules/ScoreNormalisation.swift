/// One reviewer's weighted total for one application (`Rubric.weightedTotal`, 0–100).
public struct ReviewScore: Sendable, Equatable, Codable {
    public var reviewerId: Int64
    public var applicationId: Int64
    public var total: Double

    public init(reviewerId: Int64, applicationId: Int64, total: Double) {
        self.reviewerId = reviewerId
        self.applicationId = applicationId
        self.total = total
    }
}

/// 评分标准化: takes out each reviewer's harshness or leniency, so that who reviewed an application
/// does not decide its rank.
///
/// With all the totals x given (one per reviewer and application), let M and S be their mean and
/// (population) standard deviation. For reviewer j with n_j totals of mean m_j and standard
/// deviation s_j, and K = `fullWeightCount` (5):
///
///     w_j = min(n_j, K) / K                       trust in the reviewer's own scale
///     m̃_j = w_j · m_j + (1 − w_j) · M             their mean, shrunk toward the global mean
///     s̃_j = w_j · s_j + (1 − w_j) · S             their spread, shrunk toward the global spread
///     y   = M + S · (x − m̃_j) / s̃_j               the normalised score (y = M when s̃_j = 0)
///
/// So a reviewer with 5 or more scores is fully z-scored (y = M + S·z) and a harsh and a lenient
/// reviewer who order the same applications the same way give them the same normalised scores;
/// a reviewer with fewer scores is trusted in proportion to their count (a single score keeps its
/// raw value, as m̃ and s̃ then move together). A reviewer whose scores are all equal has
/// s_j = 0: with 5 or more scores every x equals m̃_j and y = M; with fewer, s̃_j > 0 as long as
/// S > 0. When S = 0 (every total equal) every y is M. The scale is "0–100-like": y is not clamped,
/// clamping would undo the ordering the normalisation preserves.
///
/// An application's score is the mean of its reviewers' normalised scores (`applicationScores`).
public enum ScoreNormalisation {
    /// K: from this many scores on, a reviewer's own mean and spread are used unshrunk.
    public static let fullWeightCount = 5

    /// One reviewer's scale.
    public struct ReviewerScale: Sendable, Equatable {
        public var count: Int
        public var mean: Double
        public var standardDeviation: Double
        /// m̃ and s̃ of the formula.
        public var shrunkMean: Double
        public var shrunkStandardDeviation: Double
    }

    /// The normalised scores, in the input's order, with the scales used.
    public struct NormalisedScores: Sendable, Equatable {
        public var normalised: [Double]
        public var globalMean: Double
        public var globalStandardDeviation: Double
        public var scales: [Int64: ReviewerScale]
        /// Mean normalised score per application.
        public var applicationScores: [Int64: Double]
    }

    /// Normalises `scores`. Refuses a total that is not finite, or a reviewer scoring the same
    /// application twice (a duplicate would weigh double).
    public static func normalise(_ scores: [ReviewScore]) -> Result<NormalisedScores, ProgrammeError> {
        var seen = Set<ConflictPair>(minimumCapacity: scores.count)
        for score in scores {
            guard score.total.isFinite else {
                return .failure(.invalid("scores", "评分须为有限数值", "score totals must be finite numbers"))
            }
            if !seen.insert(ConflictPair(applicationId: score.applicationId, reviewerId: score.reviewerId)).inserted {
                return .failure(.invalid("scores", "专家\(score.reviewerId)对申报\(score.applicationId)重复评分",
                                         "reviewer \(score.reviewerId) scored application \(score.applicationId) twice"))
            }
        }
        let global = Moments(scores.map(\.total))
        var byReviewer: [Int64: [Double]] = [:]
        for score in scores { byReviewer[score.reviewerId, default: []].append(score.total) }
        var scales: [Int64: ReviewerScale] = [:]
        for (reviewer, totals) in byReviewer {
            let own = Moments(totals)
            let w = Double(min(totals.count, fullWeightCount)) / Double(fullWeightCount)
            scales[reviewer] = ReviewerScale(
                count: totals.count, mean: own.mean, standardDeviation: own.standardDeviation,
                shrunkMean: w * own.mean + (1 - w) * global.mean,
                shrunkStandardDeviation: w * own.standardDeviation + (1 - w) * global.standardDeviation)
        }
        var normalised: [Double] = []
        normalised.reserveCapacity(scores.count)
        var sums: [Int64: (sum: Double, count: Int)] = [:]
        for score in scores {
            let y: Double
            if let scale = scales[score.reviewerId], scale.shrunkStandardDeviation > 0 {
                y = global.mean + global.standardDeviation * (score.total - scale.shrunkMean) / scale.shrunkStandardDeviation
            } else {
                y = global.mean
            }
            normalised.append(y)
            let previous = sums[score.applicationId] ?? (0, 0)
            sums[score.applicationId] = (previous.sum + y, previous.count + 1)
        }
        return .success(NormalisedScores(
            normalised: normalised, globalMean: global.mean, globalStandardDeviation: global.standardDeviation,
            scales: scales, applicationScores: sums.mapValues { $0.sum / Double($0.count) }))
    }

    /// Mean and population standard deviation (two passes, for accuracy).
    struct Moments {
        let mean: Double
        let standardDeviation: Double

        init(_ values: [Double]) {
            guard !values.isEmpty else {
                mean = 0
                standardDeviation = 0
                return
            }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            self.mean = mean
            standardDeviation = variance.squareRoot()
        }
    }
}

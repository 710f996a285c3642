/// 评分细则: the criteria a reviewer scores an application of one special on.
public struct Rubric: Sendable, Equatable, Codable {
    /// One criterion (评分指标), e.g. 学术水平 weighted 0.4 and scored out of 100.
    public struct Criterion: Sendable, Equatable, Codable {
        /// Stable code, unique within the rubric (`academic_level`).
        public var code: String
        /// Name shown to reviewers (学术水平).
        public var name: String
        /// Relative weight (> 0); weights need not sum to 1, `weightedTotal` divides by their sum.
        public var weight: Double
        /// The highest score a reviewer may give (> 0); scores run 0…maxScore.
        public var maxScore: Double

        public init(code: String, name: String, weight: Double, maxScore: Double) {
            self.code = code
            self.name = name
            self.weight = weight
            self.maxScore = maxScore
        }
    }

    public var criteria: [Criterion]

    public init(_ criteria: [Criterion]) {
        self.criteria = criteria
    }

    /// A plain four-criterion rubric used when a special is configured without one.
    public static let standard = Rubric([
        Criterion(code: "achievement", name: "业绩成果", weight: 0.4, maxScore: 100),
        Criterion(code: "innovation", name: "创新能力", weight: 0.3, maxScore: 100),
        Criterion(code: "potential", name: "发展潜力", weight: 0.2, maxScore: 100),
        Criterion(code: "contribution", name: "贡献与影响", weight: 0.1, maxScore: 100),
    ])

    /// Refuses an empty rubric, blank or repeated codes, blank names, non-positive weights or maxima.
    public func validate() throws(ProgrammeError) {
        if criteria.isEmpty { throw .invalid("rubric", "评分细则不能为空", "the rubric needs at least one criterion") }
        var seen: Set<String> = []
        for criterion in criteria {
            if TextRule.isBlank(criterion.code) || TextRule.isBlank(criterion.name) {
                throw .invalid("rubric", "评分指标须有代码和名称", "every criterion needs a code and a name")
            }
            if !seen.insert(criterion.code).inserted {
                throw .invalid("rubric", "评分指标代码重复：\(criterion.code)", "criterion code \(criterion.code) is repeated")
            }
            if !(criterion.weight > 0) || !criterion.weight.isFinite {
                throw .invalid("rubric", "指标“\(criterion.name)”的权重须大于0", "criterion \(criterion.code) needs a weight above 0")
            }
            if !(criterion.maxScore > 0) || !criterion.maxScore.isFinite {
                throw .invalid("rubric", "指标“\(criterion.name)”的满分须大于0", "criterion \(criterion.code) needs a maximum above 0")
            }
        }
    }

    /// The weighted total of one reviewer's scores on a 0–100 scale:
    /// `100 × Σ weight·(score/maxScore) / Σ weight`, so rubrics with different maxima compare.
    ///
    /// Every criterion must be scored exactly once, within 0…maxScore; a score for an unknown
    /// criterion is refused rather than ignored, so a mistyped code cannot pass silently.
    public func weightedTotal(_ scores: [String: Double]) throws(ProgrammeError) -> Double {
        var sum = 0.0
        var weights = 0.0
        for criterion in criteria {
            guard let score = scores[criterion.code] else {
                throw .invalid("scores", "缺少指标“\(criterion.name)”的评分", "criterion \(criterion.code) is not scored")
            }
            guard score.isFinite, score >= 0, score <= criterion.maxScore else {
                throw .invalid("scores", "指标“\(criterion.name)”的评分须在0至\(criterion.maxScore)之间",
                               "criterion \(criterion.code) must be scored 0 to \(criterion.maxScore)")
            }
            sum += criterion.weight * score / criterion.maxScore
            weights += criterion.weight
        }
        if scores.count != criteria.count {
            let unknown = scores.keys.filter { code in !criteria.contains { $0.code == code } }.sorted()
            throw .invalid("scores", "未知的评分指标：\(unknown.joined(separator: "、"))",
                           "unknown criteria: \(unknown.joined(separator: ", "))")
        }
        return 100 * sum / weights
    }
}

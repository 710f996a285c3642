/// How one special (专项) of a call is run: its places, its review and its funding.
public struct SpecialConfiguration: Sendable, Equatable, Codable {
    /// 遴选名额: how many applications may be selected (0 allowed: a special not run this year).
    public var quota: Int
    /// 每份申报的评审专家人数.
    public var reviewersPerApplication: Int
    /// 包干经费: the lump sum each selected project receives, in whole yuan (元).
    public var lumpSumYuan: Int64
    /// 评分细则.
    public var rubric: Rubric

    public init(quota: Int, reviewersPerApplication: Int = 3, lumpSumYuan: Int64, rubric: Rubric = .standard) {
        self.quota = quota
        self.reviewersPerApplication = reviewersPerApplication
        self.lumpSumYuan = lumpSumYuan
        self.rubric = rubric
    }

    /// Refuses a negative quota or budget, fewer than one reviewer, or an invalid rubric.
    public func validate() throws(ProgrammeError) {
        if quota < 0 { throw .invalid("quota", "名额不能为负数", "the quota must not be negative") }
        if reviewersPerApplication < 1 {
            throw .invalid("reviewersPerApplication", "每份申报至少需要1名评审专家", "each application needs at least 1 reviewer")
        }
        if lumpSumYuan < 0 { throw .invalid("lumpSumYuan", "包干经费不能为负数", "the lump sum must not be negative") }
        try rubric.validate()
    }
}

/// 包干制经费拨付: a selected project's lump sum is paid in tranches (分期拨付).
///
/// Amounts are whole yuan (元) in `Int64`, as the budget is configured (`lumpSumYuan`); grants
/// are never split into fen. Each tranche is `floor(budget × percent / 100)` and the last takes
/// whatever the rounding left over, so the tranches always add up to the budget exactly.
public enum LumpSumFunding {
    /// When a tranche is paid.
    public enum Stage: String, Sendable, Codable, CaseIterable {
        /// 立项拨付: on approval.
        case onApproval = "on_approval"
        /// 中期报告后拨付: after the mid-term report.
        case afterMidTermReport = "after_mid_term_report"
        /// 结题验收后拨付: after the completion review.
        case afterCompletionReview = "after_completion_review"

        public var chinese: String {
            switch self {
            case .onApproval: "立项拨付"
            case .afterMidTermReport: "中期报告后拨付"
            case .afterCompletionReview: "结题验收后拨付"
            }
        }
    }

    /// One stage's share of the budget, in whole percent.
    public struct Share: Sendable, Equatable, Codable {
        public var stage: Stage
        public var percent: Int

        public init(_ stage: Stage, _ percent: Int) {
            self.stage = stage
            self.percent = percent
        }
    }

    /// One payment.
    public struct Tranche: Sendable, Equatable, Codable {
        public var stage: Stage
        public var percent: Int
        public var yuan: Int64
    }

    /// The programme's usual split: 50 % on approval, 30 % after the mid-term report, 20 % after
    /// the completion review.
    public static let standardShares: [Share] = [
        Share(.onApproval, 50), Share(.afterMidTermReport, 30), Share(.afterCompletionReview, 20),
    ]

    /// Splits `budgetYuan` by `shares`, in the shares' order.
    ///
    /// Refuses a negative budget, no share, a share of 0 % or less, a stage named twice, or
    /// percentages that do not sum to exactly 100.
    public static func tranches(
        budgetYuan: Int64, shares: [Share] = standardShares
    ) -> Result<[Tranche], ProgrammeError> {
        do throws(ProgrammeError) {
            try validate(budgetYuan: budgetYuan, shares: shares)
        } catch {
            return .failure(error)
        }
        var tranches: [Tranche] = []
        var paid: Int64 = 0
        for (index, share) in shares.enumerated() {
            let isLast = index == shares.count - 1
            let yuan = isLast ? budgetYuan - paid : floorPercent(budgetYuan, share.percent)
            paid += yuan
            tranches.append(Tranche(stage: share.stage, percent: share.percent, yuan: yuan))
        }
        return .success(tranches)
    }

    /// `floor(amount × percent / 100)` without overflow for any non-negative `Int64` amount and
    /// percent in 1...100 (the product itself could overflow near `Int64.max`).
    static func floorPercent(_ amount: Int64, _ percent: Int) -> Int64 {
        let p = Int64(percent)
        return (amount / 100) * p + (amount % 100) * p / 100
    }

    static func validate(budgetYuan: Int64, shares: [Share]) throws(ProgrammeError) {
        if budgetYuan < 0 { throw .invalid("budgetYuan", "经费不能为负数", "the budget must not be negative") }
        if shares.isEmpty { throw .invalid("shares", "至少需要一期拨付", "at least one tranche is needed") }
        var stages: Set<Stage> = []
        var sum = 0
        for share in shares {
            if share.percent <= 0 || share.percent > 100 {
                throw .invalid("shares", "每期比例须在1%至100%之间", "each tranche must be 1 to 100 percent")
            }
            if !stages.insert(share.stage).inserted {
                throw .invalid("shares", "拨付阶段“\(share.stage.chinese)”重复", "stage \(share.stage.rawValue) appears twice")
            }
            sum += share.percent
        }
        if sum != 100 {
            throw .invalid("shares", "各期比例之和须为100%（现为\(sum)%）", "the percentages must sum to 100, not \(sum)")
        }
    }
}

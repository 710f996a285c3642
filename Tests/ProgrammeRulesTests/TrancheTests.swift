import TestRandom
import Testing
@testable import ProgrammeRules

/// 包干制分期拨付: tranches always sum to the budget exactly.
@Suite struct TrancheTests {
    static func yuan(_ budget: Int64, _ shares: [LumpSumFunding.Share] = LumpSumFunding.standardShares) -> [Int64]? {
        LumpSumFunding.tranches(budgetYuan: budget, shares: shares).success?.map(\.yuan)
    }

    @Test func standardSplit() {
        let tranches = LumpSumFunding.tranches(budgetYuan: 1_000_000).success
        #expect(tranches?.map(\.yuan) == [500_000, 300_000, 200_000])
        #expect(tranches?.map(\.stage) == [.onApproval, .afterMidTermReport, .afterCompletionReview])
        #expect(tranches?.map(\.percent) == [50, 30, 20])
    }

    @Test func remainderGoesToTheLast() {
        #expect(Self.yuan(1_000_001) == [500_000, 300_000, 200_001])
        #expect(Self.yuan(1) == [0, 0, 1])
        #expect(Self.yuan(0) == [0, 0, 0])
        let thirds = [LumpSumFunding.Share(.onApproval, 33), .init(.afterMidTermReport, 33), .init(.afterCompletionReview, 34)]
        #expect(Self.yuan(100, thirds) == [33, 33, 34])
        #expect(Self.yuan(10, thirds) == [3, 3, 4])
    }

    @Test func hugeBudgetsDoNotOverflow() {
        let tranches = Self.yuan(Int64.max)
        #expect(tranches?.reduce(0, +) == Int64.max)
        #expect(tranches?.first == Int64.max / 2)
    }

    @Test func alwaysSumsExactly() {
        var rng = SplitMix64(seed: 3)
        let stages = LumpSumFunding.Stage.allCases
        for _ in 0..<2_000 {
            let budget = Int64(rng.next() >> UInt64(1 + rng.below(63)))
            let count = 1 + rng.below(3)
            var left = 100
            var shares: [LumpSumFunding.Share] = []
            for index in 0..<count {
                let percent = index == count - 1 ? left : 1 + rng.below(left - (count - 1 - index))
                shares.append(.init(stages[index], percent))
                left -= percent
            }
            guard let tranches = Self.yuan(budget, shares) else {
                Issue.record("refused \(shares)")
                return
            }
            #expect(tranches.reduce(0, +) == budget)
            for (tranche, share) in zip(tranches.dropLast(), shares) {
                #expect(tranche == LumpSumFunding.floorPercent(budget, share.percent))
            }
            #expect(tranches.allSatisfy { $0 >= 0 })
        }
    }

    @Test func validation() {
        #expect(LumpSumFunding.tranches(budgetYuan: -1).failure?.invalidField == "budgetYuan")
        #expect(LumpSumFunding.tranches(budgetYuan: 100, shares: []).failure?.invalidField == "shares")
        let bad: [[LumpSumFunding.Share]] = [
            [.init(.onApproval, 50), .init(.afterMidTermReport, 49)],
            [.init(.onApproval, 100), .init(.afterMidTermReport, 0)],
            [.init(.onApproval, 110), .init(.afterMidTermReport, -10)],
            [.init(.onApproval, 50), .init(.onApproval, 50)],
        ]
        for shares in bad {
            #expect(LumpSumFunding.tranches(budgetYuan: 100, shares: shares).failure?.invalidField == "shares", "\(shares)")
        }
        #expect(LumpSumFunding.tranches(budgetYuan: 100, shares: [.init(.onApproval, 100)]).success?.map(\.yuan) == [100])
    }
}

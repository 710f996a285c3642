import Foundation

/// The two figures both engines report, computed the same way in reference.py:
/// recall@5 = |top 5 ∩ relevant| / min(5, |relevant|); MRR = mean of 1 / rank of the first relevant article
/// in the top 10 (0 when none).
struct Metrics {
    private(set) var recallSum = 0.0
    private(set) var reciprocalSum = 0.0
    private(set) var count = 0

    mutating func add(ranked: [Int], relevant: Set<Int>) {
        let top5 = ranked.prefix(5).filter(relevant.contains).count
        recallSum += Double(top5) / Double(max(1, min(5, relevant.count)))
        if let rank = ranked.prefix(10).firstIndex(where: relevant.contains) { reciprocalSum += 1 / Double(rank + 1) }
        count += 1
    }

    var recall: Double { count == 0 ? 0 : recallSum / Double(count) }
    var mrr: Double { count == 0 ? 0 : reciprocalSum / Double(count) }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
    return sorted[max(0, min(sorted.count - 1, rank))]
}

/// Three decimals, as reference.py prints them.
func format(_ x: Double) -> String {
    String(format: "%.3f", x)
}

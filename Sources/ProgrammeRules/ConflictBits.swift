/// The conflict pairs as one bit per (application, reviewer) position: the assignment asks
/// "conflict?" millions of times, and a bit test beats any hash. 10,000 × 2,000 pairs take
/// 2.5 MB; a call 10 times larger would take 250 MB, still fine for a batch job.
struct ConflictBits: Sendable {
    private var words: [UInt64]
    private let reviewers: Int

    init(applications: Int, reviewers: Int) {
        self.reviewers = reviewers
        words = [UInt64](repeating: 0, count: (applications * reviewers + 63) / 64)
    }

    mutating func insert(application: Int, reviewer: Int) {
        let bit = application * reviewers + reviewer
        words[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    func contains(application: Int, reviewer: Int) -> Bool {
        let bit = application * reviewers + reviewer
        return words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}

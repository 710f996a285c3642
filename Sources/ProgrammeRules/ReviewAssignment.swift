/// The result of `ReviewerAssignment.solve`: who reviews what, how good it is, and what is missing.
public struct ReviewAssignment: Sendable, Equatable {
    /// One application's reviewers.
    public struct Entry: Sendable, Equatable, Codable {
        public var applicationId: Int64
        /// Distinct reviewer ids, ascending. Fewer than needed only for an application in `shortfalls`.
        public var reviewerIds: [Int64]
        /// Σ affinity of these reviewers for the application.
        public var affinity: Int

        public init(applicationId: Int64, reviewerIds: [Int64], affinity: Int) {
            self.applicationId = applicationId
            self.reviewerIds = reviewerIds
            self.affinity = affinity
        }
    }

    /// One entry per application, in the problem's order.
    public var entries: [Entry]
    /// Σ affinity over all entries: the maximum possible for the places given (see `solve`).
    public var totalAffinity: Int
    /// Applications that did not get all their reviewers, in the problem's order.
    public var shortfalls: [Shortfall]
    /// Applications given per reviewer id (every reviewer of the problem, 0 included).
    public var loads: [Int64: Int]

    /// An assignment as stored (after manual swaps, say), to check a further swap against.
    public init(entries: [Entry], totalAffinity: Int, shortfalls: [Shortfall], loads: [Int64: Int]) {
        self.entries = entries
        self.totalAffinity = totalAffinity
        self.shortfalls = shortfalls
        self.loads = loads
    }

    /// Every application got all the reviewers it needs.
    public var isComplete: Bool { shortfalls.isEmpty }
}

/// An application that could not get N reviewers, and why: never silently short.
public struct Shortfall: Sendable, Equatable, Codable {
    public var applicationId: Int64
    public var needed: Int
    public var assigned: Int
    /// Reviewers with a non-zero cap who have no conflict with the application.
    public var eligibleReviewers: Int
    public var reason: ShortfallReason

    /// Chinese / English, ready to show to the office.
    public var message: String {
        switch reason {
        case .tooManyConflicts:
            "申报\(applicationId)需要\(needed)名专家，但无回避关系的专家只有\(eligibleReviewers)名 / "
                + "application \(applicationId) needs \(needed) reviewers but only \(eligibleReviewers) have no conflict with it"
        case .notEnoughCapacity:
            "申报\(applicationId)只分配到\(assigned)名专家（需要\(needed)名）：可用专家的评审上限已满 / "
                + "application \(applicationId) got \(assigned) of \(needed) reviewers: the eligible reviewers are at their caps"
        }
    }
}

/// Why an application is short of reviewers.
public enum ShortfallReason: String, Sendable, Codable {
    /// Fewer eligible reviewers (no conflict, cap above 0) exist than it needs: add reviewers.
    case tooManyConflicts = "too_many_conflicts"
    /// Enough eligible reviewers exist, but every maximum assignment leaves it short: the reviewers
    /// it could have are full with other applications. Raise caps or add reviewers.
    case notEnoughCapacity = "not_enough_capacity"
}

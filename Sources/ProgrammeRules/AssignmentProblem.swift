/// 评审专家分配: what the assignment is asked to solve.
///
/// Every application needs `reviewersNeeded` distinct reviewers, none in conflict with it, and no
/// reviewer may take more than `maxLoad` applications; among all assignments that do this, the one
/// with the highest total field affinity (`FieldTaxonomy.affinity`) is chosen.
public struct AssignmentProblem: Sendable {
    /// An application waiting for reviewers.
    public struct ApplicationNeed: Sendable, Equatable, Codable {
        public var id: Int64
        /// Field code (`FieldTaxonomy`).
        public var field: String
        /// N: how many distinct reviewers it needs (the special's `reviewersPerApplication`).
        public var reviewersNeeded: Int

        public init(id: Int64, field: String, reviewersNeeded: Int = 3) {
            self.id = id
            self.field = field
            self.reviewersNeeded = reviewersNeeded
        }
    }

    /// A reviewer available for the round.
    public struct ReviewerCapacity: Sendable, Equatable, Codable {
        public var id: Int64
        /// Field code (`FieldTaxonomy`).
        public var field: String
        /// 评审上限: the most applications the reviewer takes this round.
        public var maxLoad: Int

        public init(id: Int64, field: String, maxLoad: Int) {
            self.id = id
            self.field = field
            self.maxLoad = maxLoad
        }
    }

    public var applications: [ApplicationNeed]
    public var reviewers: [ReviewerCapacity]
    /// Pairs that must stay apart (from `ConflictRules.allConflicts`, `Conflict.pair`). Repeats are
    /// fine; a pair naming an unknown application or reviewer is refused by `validate`.
    public var conflicts: [ConflictPair]
    public var taxonomy: FieldTaxonomy

    public init(
        applications: [ApplicationNeed], reviewers: [ReviewerCapacity], conflicts: [ConflictPair],
        taxonomy: FieldTaxonomy = .standard
    ) {
        self.applications = applications
        self.reviewers = reviewers
        self.conflicts = conflicts
        self.taxonomy = taxonomy
    }
}

/// 手工调整: an officer replaces one reviewer of an application by another after the assignment.
extension ReviewerAssignment {
    /// An accepted swap: the assignment with it applied, and what it did to the affinity.
    public struct SwapOutcome: Sendable, Equatable {
        public var assignment: ReviewAssignment
        /// New total affinity minus the old (negative when the officer trades fit for something else).
        public var affinityChange: Int
    }

    /// Replaces reviewer `removed` by `added` on application `applicationId`, keeping every rule of
    /// `solve`. Refuses (`.invalid`) an unknown application or reviewer, a `removed` who is not on
    /// the application, an `added` who already is, who has a conflict with it, or who is at their
    /// cap. The result is no longer guaranteed optimal; `affinityChange` says by how much it moved.
    public static func checkSwap(
        in assignment: ReviewAssignment, of problem: AssignmentProblem, application applicationId: Int64,
        replacing removed: Int64, with added: Int64
    ) -> Result<SwapOutcome, ProgrammeError> {
        guard let position = assignment.entries.firstIndex(where: { $0.applicationId == applicationId }),
              let application = problem.applications.first(where: { $0.id == applicationId }) else {
            return .failure(.invalid("application", "未知的申报：\(applicationId)", "unknown application \(applicationId)"))
        }
        guard let newcomer = problem.reviewers.first(where: { $0.id == added }),
              let leaving = problem.reviewers.first(where: { $0.id == removed }) else {
            return .failure(.invalid("reviewer", "未知的评审专家", "unknown reviewer"))
        }
        var entry = assignment.entries[position]
        guard let slot = entry.reviewerIds.firstIndex(of: removed) else {
            return .failure(.invalid("removed", "专家\(removed)不在该申报的评审名单中", "reviewer \(removed) does not review this application"))
        }
        if entry.reviewerIds.contains(added) {
            return .failure(.invalid("added", "专家\(added)已在该申报的评审名单中", "reviewer \(added) already reviews this application"))
        }
        if problem.conflicts.contains(ConflictPair(applicationId: applicationId, reviewerId: added)) {
            return .failure(.invalid("added", "专家\(added)与该申报存在回避关系", "reviewer \(added) has a conflict of interest with it"))
        }
        let load = assignment.loads[added] ?? 0
        if load >= newcomer.maxLoad {
            return .failure(.invalid("added", "专家\(added)已达评审上限（\(newcomer.maxLoad)份）",
                                     "reviewer \(added) is at their cap of \(newcomer.maxLoad)"))
        }
        let taxonomy = problem.taxonomy
        let gained = taxonomy.affinity(newcomer.field, application.field) ?? 0
        let change = gained - (taxonomy.affinity(leaving.field, application.field) ?? 0)
        entry.reviewerIds[slot] = added
        entry.reviewerIds.sort()
        entry.affinity += change
        var after = assignment
        after.entries[position] = entry
        after.totalAffinity += change
        after.loads[added] = load + 1
        after.loads[removed] = (after.loads[removed] ?? 1) - 1
        return .success(SwapOutcome(assignment: after, affinityChange: change))
    }
}

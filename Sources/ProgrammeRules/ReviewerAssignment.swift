/// 评审专家分配: which reviewers review which application.
public enum ReviewerAssignment {
    /// Assigns reviewers: every application gets exactly its N distinct reviewers, none in
    /// conflict with it, no reviewer above their cap, and the total affinity is the MAXIMUM over
    /// all such assignments. When no complete assignment exists, the result is a maximum one (as
    /// many places filled as possible) of maximum affinity among those, and every application left
    /// short is in `shortfalls` with its reason. The same problem always gives the same result.
    ///
    /// Method: a min-cost flow (source → application cap N → reviewer cap 1 → sink cap = cap,
    /// cost `3 − affinity`) solved by the primal-dual method: a shortest-path pass sets potentials
    /// (dual prices), then Dinic's maximum flow along arcs of reduced cost 0, repeated until the
    /// sink is out of reach. Every step keeps the reduced costs of all residual arcs ≥ 0, which
    /// is the optimality certificate of a min-cost flow, so the result is exact, not a heuristic.
    /// The application → reviewer arcs are not stored: reviewers are grouped by (field,
    /// potential) and conflicts are skipped member by member, so each pass costs about
    /// applications × classes + conflicts instead of applications × reviewers.
    ///
    /// Refuses (`.invalid`) repeated ids, an unknown field code, a negative N or cap, and a
    /// conflict naming an application or reviewer not in the problem.
    public static func solve(_ problem: AssignmentProblem) -> Result<ReviewAssignment, ProgrammeError> {
        let indexed: IndexedProblem
        do throws(ProgrammeError) {
            indexed = try IndexedProblem(problem)
        } catch {
            return .failure(error)
        }
        var network = indexed.network()
        network.solve()
        return .success(indexed.result(of: network))
    }
}

/// The problem with ids and codes turned into positions, checked.
struct IndexedProblem {
    let problem: AssignmentProblem
    let applicationIndex: [Int64: Int]
    let reviewerIndex: [Int64: Int]
    let applicationField: [Int32]
    let reviewerField: [Int32]
    let conflicts: ConflictBits

    init(_ problem: AssignmentProblem) throws(ProgrammeError) {
        self.problem = problem
        let taxonomy = problem.taxonomy
        var applicationIndex: [Int64: Int] = [:]
        var applicationField: [Int32] = []
        for (index, application) in problem.applications.enumerated() {
            if applicationIndex.updateValue(index, forKey: application.id) != nil {
                throw .invalid("applications", "申报编号重复：\(application.id)", "application \(application.id) appears twice")
            }
            guard let field = taxonomy.index(of: application.field) else {
                throw .invalid("applications", "申报\(application.id)的学科领域未知：\(application.field)",
                               "application \(application.id) has an unknown field \(application.field)")
            }
            if application.reviewersNeeded < 0 {
                throw .invalid("applications", "评审专家人数不能为负数", "application \(application.id) needs a negative number of reviewers")
            }
            applicationField.append(Int32(field))
        }
        var reviewerIndex: [Int64: Int] = [:]
        var reviewerField: [Int32] = []
        for (index, reviewer) in problem.reviewers.enumerated() {
            if reviewerIndex.updateValue(index, forKey: reviewer.id) != nil {
                throw .invalid("reviewers", "专家编号重复：\(reviewer.id)", "reviewer \(reviewer.id) appears twice")
            }
            guard let field = taxonomy.index(of: reviewer.field) else {
                throw .invalid("reviewers", "专家\(reviewer.id)的学科领域未知：\(reviewer.field)",
                               "reviewer \(reviewer.id) has an unknown field \(reviewer.field)")
            }
            if reviewer.maxLoad < 0 {
                throw .invalid("reviewers", "专家\(reviewer.id)的评审上限不能为负数", "reviewer \(reviewer.id) has a negative cap")
            }
            reviewerField.append(Int32(field))
        }
        var conflicts = ConflictBits(applications: problem.applications.count, reviewers: problem.reviewers.count)
        for pair in problem.conflicts {
            guard let a = applicationIndex[pair.applicationId], let r = reviewerIndex[pair.reviewerId] else {
                throw .invalid("conflicts", "回避关系引用了未知的申报或专家：\(pair.applicationId)–\(pair.reviewerId)",
                               "a conflict names an unknown application or reviewer: \(pair.applicationId)–\(pair.reviewerId)")
            }
            conflicts.insert(application: a, reviewer: r)
        }
        self.applicationIndex = applicationIndex
        self.reviewerIndex = reviewerIndex
        self.applicationField = applicationField
        self.reviewerField = reviewerField
        self.conflicts = conflicts
    }

    func network() -> FlowNetwork {
        let taxonomy = problem.taxonomy
        return FlowNetwork(
            applicationField: applicationField,
            need: problem.applications.map { Int32(clamping: $0.reviewersNeeded) },
            reviewerField: reviewerField,
            cap: problem.reviewers.map { Int32(clamping: $0.maxLoad) },
            fieldCount: taxonomy.fields.count,
            affinity: { taxonomy.affinity(index: $0, index: $1) },
            conflicts: conflicts)
    }

    func result(of network: FlowNetwork) -> ReviewAssignment {
        let taxonomy = problem.taxonomy
        var entries: [ReviewAssignment.Entry] = []
        var shortfalls: [Shortfall] = []
        var total = 0
        for (a, application) in problem.applications.enumerated() {
            let assigned = network.reviewers(of: a).map(Int.init)
            let affinity = assigned.reduce(0) { sum, r in
                sum + taxonomy.affinity(index: Int(reviewerField[r]), index: Int(applicationField[a]))
            }
            total += affinity
            entries.append(.init(
                applicationId: application.id, reviewerIds: assigned.map { problem.reviewers[$0].id }.sorted(), affinity: affinity))
            if assigned.count < application.reviewersNeeded {
                let eligible = problem.reviewers.indices.count { r in
                    problem.reviewers[r].maxLoad > 0 && !conflicts.contains(application: a, reviewer: r)
                }
                shortfalls.append(Shortfall(
                    applicationId: application.id, needed: application.reviewersNeeded, assigned: assigned.count,
                    eligibleReviewers: eligible,
                    reason: eligible < application.reviewersNeeded ? .tooManyConflicts : .notEnoughCapacity))
            }
        }
        var loads: [Int64: Int] = [:]
        for (r, reviewer) in problem.reviewers.enumerated() { loads[reviewer.id] = Int(network.reviewerLoad[r]) }
        return ReviewAssignment(entries: entries, totalAffinity: total, shortfalls: shortfalls, loads: loads)
    }
}

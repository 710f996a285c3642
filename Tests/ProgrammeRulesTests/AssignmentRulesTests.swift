import TestRandom
import Testing
@testable import ProgrammeRules

/// Infeasibility reports, determinism, validation and manual swaps of the assignment.
@Suite struct AssignmentRulesTests {
    typealias Need = AssignmentProblem.ApplicationNeed
    typealias Reviewer = AssignmentProblem.ReviewerCapacity

    static func solve(_ problem: AssignmentProblem) -> ReviewAssignment? { ReviewerAssignment.solve(problem).success }

    /// The classic trap for first-come-first-served: application 1 (first in line) takes the only
    /// same-field reviewer that application 2 could have had; the optimum gives it the neighbour.
    @Test func notFirstComeFirstServed() {
        let problem = AssignmentProblem(
            applications: [Need(id: 1, field: "software", reviewersNeeded: 1), Need(id: 2, field: "software", reviewersNeeded: 1)],
            reviewers: [Reviewer(id: 10, field: "software", maxLoad: 1), Reviewer(id: 11, field: "artificial_intelligence", maxLoad: 1)],
            conflicts: [ConflictPair(applicationId: 2, reviewerId: 11)])
        let result = Self.solve(problem)
        #expect(result?.entries.map(\.reviewerIds) == [[11], [10]])
        #expect(result?.totalAffinity == 5)
        #expect(result?.isComplete == true)
    }

    @Test func tooManyConflicts() {
        let problem = AssignmentProblem(
            applications: [Need(id: 1, field: "software", reviewersNeeded: 3)],
            reviewers: (0..<4).map { Reviewer(id: Int64(10 + $0), field: "software", maxLoad: 5) }
                + [Reviewer(id: 20, field: "software", maxLoad: 0)],
            conflicts: [ConflictPair(applicationId: 1, reviewerId: 10), ConflictPair(applicationId: 1, reviewerId: 11)])
        let result = Self.solve(problem)
        let expected = Shortfall(applicationId: 1, needed: 3, assigned: 2, eligibleReviewers: 2, reason: .tooManyConflicts)
        #expect(result?.shortfalls == [expected])
        #expect(result?.entries.first?.reviewerIds == [12, 13])
        #expect(result?.shortfalls.first?.message.contains("只有2名") == true)
    }

    @Test func notEnoughCapacity() {
        let problem = AssignmentProblem(
            applications: (1...3).map { Need(id: Int64($0), field: "software", reviewersNeeded: 2) },
            reviewers: [Reviewer(id: 10, field: "software", maxLoad: 2), Reviewer(id: 11, field: "finance", maxLoad: 3)],
            conflicts: [])
        guard let result = Self.solve(problem) else {
            Issue.record("refused")
            return
        }
        // 5 places exist for 6 needed: one application is short, for capacity, not conflicts.
        #expect(result.entries.reduce(0) { $0 + $1.reviewerIds.count } == 5)
        #expect(result.shortfalls.count == 1)
        #expect(result.shortfalls.first?.reason == .notEnoughCapacity)
        #expect(result.shortfalls.first?.eligibleReviewers == 2)
        #expect(AssignmentFixtures.violations(result, problem) == [])
    }

    /// The same input gives the same output, whatever the order or repetition of the conflicts.
    @Test func deterministic() {
        var rng = SplitMix64(seed: 31)
        let problem = AssignmentFixtures.random(&rng, applications: 200, reviewers: 40, maxNeed: 3, maxCap: 18, conflictPercent: 5)
        var shuffled = problem
        shuffled.conflicts = problem.conflicts.reversed() + problem.conflicts.prefix(10)
        let first = Self.solve(problem)
        #expect(first != nil)
        #expect(first == Self.solve(problem))
        #expect(first == Self.solve(shuffled))
    }

    @Test func refusesInvalidProblems() {
        let good = AssignmentProblem(
            applications: [Need(id: 1, field: "software")], reviewers: [Reviewer(id: 10, field: "software", maxLoad: 3)], conflicts: [])
        var problem = good
        problem.applications.append(Need(id: 1, field: "software"))
        #expect(ReviewerAssignment.solve(problem).failure?.invalidField == "applications")
        problem = good
        problem.reviewers.append(Reviewer(id: 11, field: "astrology", maxLoad: 3))
        #expect(ReviewerAssignment.solve(problem).failure?.invalidField == "reviewers")
        problem = good
        problem.reviewers[0].maxLoad = -1
        #expect(ReviewerAssignment.solve(problem).failure?.invalidField == "reviewers")
        problem = good
        problem.conflicts = [ConflictPair(applicationId: 1, reviewerId: 99)]
        #expect(ReviewerAssignment.solve(problem).failure?.invalidField == "conflicts")
        #expect(ReviewerAssignment.solve(good).success?.shortfalls.count == 1)
    }

    @Test func emptyAndZeroNeeds() {
        let none = AssignmentProblem(applications: [], reviewers: [], conflicts: [])
        #expect(Self.solve(none)?.totalAffinity == 0)
        let zero = AssignmentProblem(applications: [Need(id: 1, field: "software", reviewersNeeded: 0)], reviewers: [], conflicts: [])
        #expect(Self.solve(zero)?.isComplete == true)
    }

    @Test func manualSwap() {
        let problem = AssignmentProblem(
            applications: [Need(id: 1, field: "software", reviewersNeeded: 2), Need(id: 2, field: "software", reviewersNeeded: 1)],
            reviewers: [Reviewer(id: 10, field: "software", maxLoad: 2), Reviewer(id: 11, field: "software", maxLoad: 1),
                        Reviewer(id: 12, field: "finance", maxLoad: 1), Reviewer(id: 13, field: "big_data", maxLoad: 1),
                        Reviewer(id: 14, field: "software", maxLoad: 1)],
            conflicts: [ConflictPair(applicationId: 1, reviewerId: 13)])
        guard let result = Self.solve(problem), result.totalAffinity == 9 else {
            Issue.record("unexpected optimum")
            return
        }
        func swap(_ application: Int64, _ out: Int64, _ into: Int64) -> Result<ReviewerAssignment.SwapOutcome, ProgrammeError> {
            ReviewerAssignment.checkSwap(in: result, of: problem, application: application, replacing: out, with: into)
        }
        let onOne = result.entries[0].reviewerIds
        let outsider = onOne[0]
        // A conflict, a reviewer already on it, one not on it, a full reviewer, unknown ids: refused.
        #expect(swap(1, outsider, 13).failure?.message.contains("回避") == true)
        #expect(swap(1, outsider, onOne[1]).failure?.invalidField == "added")
        #expect(swap(1, 12, 14).failure?.invalidField == "removed")
        let full = problem.reviewers.first { reviewer in result.loads[reviewer.id] == reviewer.maxLoad && !onOne.contains(reviewer.id) }
        if let full { #expect(swap(1, outsider, full.id).failure?.message.contains("上限") == true) }
        #expect(swap(9, outsider, 12).failure?.invalidField == "application")
        #expect(swap(1, outsider, 99).failure?.invalidField == "reviewer")
        // Allowed: to the finance reviewer (affinity 1 instead of 3), loads and totals follow.
        guard let done = swap(1, outsider, 12).success else {
            Issue.record("swap refused")
            return
        }
        #expect(done.affinityChange == -2)
        #expect(done.assignment.totalAffinity == 7)
        #expect(done.assignment.entries[0].reviewerIds.contains(12))
        #expect(done.assignment.loads[12] == 1)
        #expect(done.assignment.loads[outsider] == (result.loads[outsider] ?? 0) - 1)
        #expect(AssignmentFixtures.violations(done.assignment, problem) == [])
    }
}

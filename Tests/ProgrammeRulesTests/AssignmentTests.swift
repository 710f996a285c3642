import TestRandom
import Testing
@testable import ProgrammeRules

/// 评审专家分配: hard rules always hold, and the total affinity is the true optimum.
@Suite struct AssignmentTests {
    static func solve(_ problem: AssignmentProblem) -> ReviewAssignment? {
        guard case .success(let result) = ReviewerAssignment.solve(problem) else { return nil }
        return result
    }

    /// The brute force and the explicit-graph solver agree (so the latter can check larger cases).
    @Test func referenceSolversAgree() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<150 {
            let problem = AssignmentFixtures.random(
                &rng, applications: 1 + rng.below(4), reviewers: 1 + rng.below(5), maxNeed: 2, maxCap: 2, conflictPercent: 20)
            let brute = BruteForceAssignment.optimum(problem)
            let exact = ExactAssignment.optimum(problem)
            #expect(brute.placed == exact.placed && brute.affinity == exact.affinity)
        }
    }

    /// Many small random problems, feasible and not: the same placed count and the same total
    /// affinity as the exact reference, and every hard rule respected.
    @Test(arguments: 0..<8)
    func matchesTheExactOptimum(seed: UInt64) {
        var rng = SplitMix64(seed: 1000 + seed)
        for _ in 0..<60 {
            let problem = AssignmentFixtures.random(
                &rng, applications: 1 + rng.below(14), reviewers: 1 + rng.below(9), maxNeed: 4, maxCap: 5,
                conflictPercent: rng.below(40))
            guard let result = Self.solve(problem) else {
                Issue.record("refused a valid problem")
                return
            }
            #expect(AssignmentFixtures.violations(result, problem) == [])
            let exact = ExactAssignment.optimum(problem)
            let placed = result.entries.reduce(0) { $0 + $1.reviewerIds.count }
            #expect(placed == exact.placed)
            #expect(result.totalAffinity == exact.affinity)
        }
    }

    /// Tiny problems against the brute force directly.
    @Test func matchesTheBruteForce() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<300 {
            let problem = AssignmentFixtures.random(
                &rng, applications: 1 + rng.below(4), reviewers: 1 + rng.below(5), maxNeed: 3, maxCap: 3, conflictPercent: 25)
            let result = Self.solve(problem)
            let brute = BruteForceAssignment.optimum(problem)
            #expect(result?.totalAffinity == brute.affinity)
            #expect(result.map { $0.entries.reduce(0) { $0 + $1.reviewerIds.count } } == brute.placed)
        }
    }

    /// A medium problem with realistic proportions: complete, valid, optimal.
    @Test func mediumProblemIsOptimal() {
        var rng = SplitMix64(seed: 2024)
        let problem = AssignmentFixtures.random(&rng, applications: 120, reviewers: 30, maxNeed: 3, maxCap: 16, conflictPercent: 8)
        guard let result = Self.solve(problem) else {
            Issue.record("refused")
            return
        }
        #expect(AssignmentFixtures.violations(result, problem) == [])
        #expect(result.totalAffinity == ExactAssignment.optimum(problem).affinity)
    }
}

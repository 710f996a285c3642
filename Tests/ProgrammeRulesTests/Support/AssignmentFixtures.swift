import TestRandom
@testable import ProgrammeRules

/// Random assignment problems over a few fields of two or three disciplines, so all three
/// affinity levels occur, with conflicts, caps and needs varied.
enum AssignmentFixtures {
    /// Fields from three disciplines of the standard taxonomy: two IT, two biomedicine, one materials.
    static let fields = ["software", "artificial_intelligence", "innovative_drugs", "medical_devices", "metal_materials"]

    static func random(
        _ rng: inout SplitMix64, applications: Int, reviewers: Int, maxNeed: Int, maxCap: Int, conflictPercent: Int
    ) -> AssignmentProblem {
        let apps = (0..<applications).map { i in
            AssignmentProblem.ApplicationNeed(
                id: Int64(100 + i), field: fields[rng.below(fields.count)], reviewersNeeded: 1 + rng.below(maxNeed))
        }
        let revs = (0..<reviewers).map { j in
            AssignmentProblem.ReviewerCapacity(id: Int64(900 + j), field: fields[rng.below(fields.count)], maxLoad: rng.below(maxCap + 1))
        }
        var conflicts: [ConflictPair] = []
        for app in apps {
            for rev in revs where rng.chance(percent: conflictPercent) {
                conflicts.append(ConflictPair(applicationId: app.id, reviewerId: rev.id))
            }
        }
        return AssignmentProblem(applications: apps, reviewers: revs, conflicts: conflicts)
    }

    /// Checks every hard rule of an assignment; returns the broken ones (empty when valid).
    static func violations(_ result: ReviewAssignment, _ problem: AssignmentProblem) -> [String] {
        var broken: [String] = []
        let conflicts = Set(problem.conflicts)
        let reviewers = Dictionary(uniqueKeysWithValues: problem.reviewers.map { ($0.id, $0) })
        var load: [Int64: Int] = [:]
        var total = 0
        for (entry, application) in zip(result.entries, problem.applications) {
            if entry.applicationId != application.id { broken.append("order of entries") }
            if Set(entry.reviewerIds).count != entry.reviewerIds.count { broken.append("\(entry.applicationId): repeated reviewer") }
            if entry.reviewerIds.count > application.reviewersNeeded { broken.append("\(entry.applicationId): too many") }
            let short = result.shortfalls.contains { $0.applicationId == application.id }
            if (entry.reviewerIds.count < application.reviewersNeeded) != short { broken.append("\(entry.applicationId): shortfall") }
            var affinity = 0
            for id in entry.reviewerIds {
                guard let reviewer = reviewers[id] else {
                    broken.append("unknown reviewer \(id)")
                    continue
                }
                if conflicts.contains(ConflictPair(applicationId: application.id, reviewerId: id)) {
                    broken.append("\(application.id): conflict with \(id)")
                }
                load[id, default: 0] += 1
                affinity += problem.taxonomy.affinity(reviewer.field, application.field) ?? 0
            }
            if affinity != entry.affinity { broken.append("\(entry.applicationId): affinity") }
            total += affinity
        }
        for reviewer in problem.reviewers where load[reviewer.id, default: 0] > reviewer.maxLoad {
            broken.append("reviewer \(reviewer.id) above cap")
        }
        for reviewer in problem.reviewers where result.loads[reviewer.id] != load[reviewer.id, default: 0] {
            broken.append("reviewer \(reviewer.id) load reported wrong")
        }
        if total != result.totalAffinity { broken.append("total affinity") }
        return broken
    }
}

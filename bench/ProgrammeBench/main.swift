// The talent programme benchmark (run by bench/programme.sh, which compares with OR-Tools).
//
//   programme-bench fields                          the field taxonomy as JSON lines (for the generator)
//   programme-bench assign INSTANCE RESULT [CONFLICTS]
//       reads an instance (JSON lines, see bench/programme/generate.py), finds the conflicts of
//       interest (timed), assigns reviewers (timed, one thread), writes one JSON line per
//       application to RESULT (and the conflict pairs to CONFLICTS), prints times and affinity.
//   programme-bench rank [N]                        normalises and ranks N generated scores (30,000)
//
// Build with `-c release`.
import Foundation
import ProgrammeRules

/// SplitMix64: tiny, seedable, the same numbers everywhere.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// One line of an instance file.
struct InstanceLine: Decodable {
    struct Exclusion: Decodable {
        let reviewer: Int64
        let reason: String
    }
    let kind: String
    let id: Int64?
    let field: String?
    // reviewer
    let talent_id: Int64?
    let employer: String?
    let collaborators: [Int64]?
    let recused: [Int64]?
    let cap: Int?
    // application
    let applicant: Int64?
    let team: [Int64]?
    let employers: [String]?
    let exclusions: [Exclusion]?
    let need: Int?
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("programme-bench: \(message)\n".utf8))
    exit(2)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func printFields() {
    let taxonomy = FieldTaxonomy.standard
    for field in taxonomy.fields {
        let line = ["kind": "field", "code": field.code, "discipline": field.discipline, "chinese": field.chinese]
        guard let data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) else { fail("cannot encode") }
        print(String(decoding: data, as: UTF8.self))
    }
}

func assign(instancePath: String, resultPath: String, conflictsPath: String?) {
    let start = ContinuousClock.now
    guard let text = try? String(contentsOfFile: instancePath, encoding: .utf8) else { fail("cannot read \(instancePath)") }
    let decoder = JSONDecoder()
    var reviewers: [ReviewerProfile] = []
    var caps: [Int64: Int] = [:]
    var parties: [ApplicationParties] = []
    var needs: [Int64: Int] = [:]
    for (number, line) in text.split(separator: "\n").enumerated() {
        guard let item = try? decoder.decode(InstanceLine.self, from: Data(line.utf8)) else { fail("line \(number + 1) is not valid") }
        switch item.kind {
        case "reviewer":
            guard let id = item.id, let field = item.field, let cap = item.cap else { fail("line \(number + 1): reviewer fields") }
            reviewers.append(ReviewerProfile(
                id: id, talentId: item.talent_id, employer: item.employer ?? "", collaboratorTalentIds: Set(item.collaborators ?? []),
                recusedApplicationIds: Set(item.recused ?? []), field: field))
            caps[id] = cap
        case "application":
            guard let id = item.id, let field = item.field, let applicant = item.applicant else {
                fail("line \(number + 1): application fields")
            }
            parties.append(ApplicationParties(
                id: id, applicantTalentId: applicant, teamMemberTalentIds: Set(item.team ?? []), employers: item.employers ?? [],
                exclusions: (item.exclusions ?? []).map { ReviewerExclusion(reviewerId: $0.reviewer, reason: $0.reason) }, field: field))
            needs[id] = item.need ?? 3
        default:
            continue
        }
    }
    let loaded = ContinuousClock.now
    let readTime = String(format: "%.2f", seconds(loaded - start))
    print("instance: \(parties.count) applications, \(reviewers.count) reviewers (read in \(readTime) s)")

    for application in parties {
        if case .failure(let error) = ConflictRules.validateExclusions(application.exclusions) {
            fail("application \(application.id): \(error.message)")
        }
    }
    let conflictStart = ContinuousClock.now
    let conflicts = ConflictRules.allConflicts(reviewers: reviewers, applications: parties)
    let conflictTime = ContinuousClock.now - conflictStart
    let pairs = Array(Set(conflicts.map(\.pair)))
    var causes: [ConflictCause: Int] = [:]
    for conflict in conflicts { causes[conflict.cause, default: 0] += 1 }
    let totalPairs = parties.count * reviewers.count
    print("conflicts: \(conflicts.count) found, \(pairs.count) distinct pairs "
        + "(\(String(format: "%.2f", 100 * Double(pairs.count) / Double(max(totalPairs, 1)))) % of pairs) "
        + "in \(String(format: "%.3f", seconds(conflictTime))) s")
    print("conflict causes: " + ConflictCause.allCases.map { "\($0.rawValue)=\(causes[$0, default: 0])" }.joined(separator: " "))

    let problem = AssignmentProblem(
        applications: parties.map { .init(id: $0.id, field: $0.field, reviewersNeeded: needs[$0.id] ?? 3) },
        reviewers: reviewers.map { .init(id: $0.id, field: $0.field, maxLoad: caps[$0.id] ?? 0) },
        conflicts: pairs)
    let solveStart = ContinuousClock.now
    let outcome = ReviewerAssignment.solve(problem)
    let solveTime = ContinuousClock.now - solveStart
    guard case .success(let result) = outcome else {
        if case .failure(let error) = outcome { fail(error.message) }
        fail("no result")
    }
    print("swift assignment time: \(String(format: "%.3f", seconds(solveTime))) s (1 thread)")
    print("swift total affinity: \(result.totalAffinity)")
    print("swift shortfalls: \(result.shortfalls.count)")
    for shortfall in result.shortfalls.prefix(5) { print("  \(shortfall.message)") }

    var out = ""
    for entry in result.entries {
        out += "{\"application\":\(entry.applicationId),\"reviewers\":[\(entry.reviewerIds.map(String.init).joined(separator: ","))]}\n"
    }
    do {
        try out.write(toFile: resultPath, atomically: true, encoding: .utf8)
        if let conflictsPath {
            let lines = pairs.sorted { ($0.applicationId, $0.reviewerId) < ($1.applicationId, $1.reviewerId) }
                .map { "\($0.applicationId),\($0.reviewerId)" }
            try (lines.joined(separator: "\n") + "\n").write(toFile: conflictsPath, atomically: true, encoding: .utf8)
        }
    } catch {
        fail("cannot write results: \(error)")
    }
}

/// Generates `count` review scores (3 per application, reviewers of varied harshness, over the
/// six specials), then times normalisation plus ranking.
func rank(count: Int) {
    var rng = SplitMix64(state: 2026)
    let applications = max(1, count / 3)
    let reviewers = max(1, count / 15)
    let bias = (0..<reviewers).map { _ in rng.unit() * 30 - 15 }
    let spread = (0..<reviewers).map { _ in 0.5 + rng.unit() }
    var scores: [ReviewScore] = []
    scores.reserveCapacity(count)
    var special: [Int64: Special] = [:]
    for index in 0..<count {
        let application = index / 3
        // Three distinct reviewers per application: consecutive positions modulo the pool.
        let reviewer = (application * 7 + (index % 3) * 3) % reviewers
        let merit = Double((application * 7919) % 1000) / 10
        let total = min(100, max(0, 50 + spread[reviewer] * (merit - 50) / 2 + bias[reviewer] + rng.unit() * 4))
        // Round to 0.5 like a real score sheet, so ties happen.
        scores.append(ReviewScore(reviewerId: Int64(reviewer), applicationId: Int64(application), total: (total * 2).rounded() / 2))
        special[Int64(application)] = Special.allCases[application % Special.allCases.count]
    }
    let quotas = Dictionary(uniqueKeysWithValues: Special.allCases.map { ($0, applications / 60 + 1) })
    let start = ContinuousClock.now
    guard case .success(let normalised) = ScoreNormalisation.normalise(scores) else { fail("normalisation refused") }
    let entries = normalised.applicationScores.map {
        RankingEntry(applicationId: $0.key, special: special[$0.key] ?? .outstandingScientist, score: $0.value)
    }
    guard case .success(let rankings) = Ranking.rank(entries, quotas: quotas) else { fail("ranking refused") }
    let elapsed = ContinuousClock.now - start
    let selected = rankings.reduce(0) { $0 + $1.selected.count }
    let ties = rankings.filter { $0.tie != nil }.count
    print("ranking: \(count) scores, \(applications) applications, \(reviewers) reviewers, 6 specials: "
        + "\(selected) selected, \(ties) ties at the line")
    print("swift ranking time: \(String(format: "%.4f", seconds(elapsed))) s (normalise + rank, 1 thread)")
}

/// Stress shapes generated in Swift (no conflicts rules, random pairs): the assignment's time and
/// affinity on skewed fields and tight capacity, printed per shape. Not compared with OR-Tools.
func synthetic() {
    let taxonomy = FieldTaxonomy.standard
    let codes = taxonomy.fields.map(\.code)
    let shapes: [(name: String, appFields: Int, revFields: Int, capLow: Int, capHigh: Int, conflictPerMille: Int)] = [
        ("uniform fields, caps 15-20, 2 % random conflicts", codes.count, codes.count, 15, 20, 20),
        ("applications in 3 fields, reviewers everywhere, caps 15-20", 3, codes.count, 15, 20, 20),
        ("applications in 12 fields, reviewers in 24, tight caps 15", 12, 24, 15, 15, 30),
        ("uniform, caps 15 exactly (tight), 3 % conflicts", codes.count, codes.count, 15, 15, 30),
        ("uniform, caps 10-15 (infeasible), 3 % conflicts", codes.count, codes.count, 10, 15, 30),
    ]
    for shape in shapes {
        var rng = SplitMix64(state: 7)
        let applications = (0..<10_000).map { i in
            AssignmentProblem.ApplicationNeed(id: Int64(i), field: codes[rng.below(shape.appFields)], reviewersNeeded: 3)
        }
        let reviewers = (0..<2_000).map { j in
            AssignmentProblem.ReviewerCapacity(
                id: Int64(100_000 + j), field: codes[codes.count - 1 - rng.below(shape.revFields)],
                maxLoad: shape.capLow + rng.below(shape.capHigh - shape.capLow + 1))
        }
        var conflicts: [ConflictPair] = []
        for a in applications {
            for r in reviewers where rng.below(1000) < shape.conflictPerMille {
                conflicts.append(ConflictPair(applicationId: a.id, reviewerId: r.id))
            }
        }
        let problem = AssignmentProblem(applications: applications, reviewers: reviewers, conflicts: conflicts)
        let start = ContinuousClock.now
        guard case .success(let result) = ReviewerAssignment.solve(problem) else { fail("refused") }
        let elapsed = ContinuousClock.now - start
        print("\(shape.name): \(String(format: "%.3f", seconds(elapsed))) s, affinity \(result.totalAffinity), "
            + "\(result.shortfalls.count) short")
    }
}

let arguments = CommandLine.arguments
switch arguments.count > 1 ? arguments[1] : "" {
case "fields":
    printFields()
case "assign" where arguments.count >= 4:
    assign(instancePath: arguments[2], resultPath: arguments[3], conflictsPath: arguments.count > 4 ? arguments[4] : nil)
case "synthetic":
    synthetic()
case "rank":
    rank(count: arguments.count > 2 ? Int(arguments[2]) ?? 30_000 : 30_000)
default:
    fail("usage: programme-bench fields | assign INSTANCE RESULT [CONFLICTS] | rank [N]")
}

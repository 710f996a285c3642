// Evaluates the three example policies over a generated registry of talents (1,000,000 by
// default, or the count given as the first argument) and prints person evaluations per second:
// "in place" is the bulk path (`CompiledPolicy.decide(_:on:into:)`, block by block) on one core;
// then the convenient one-talent paths on one core, and the bulk path on every core. All paths
// must agree, decision by decision. Build with `-c release`.
//
// `policy-bench [count] --csv PATH` also writes the generated talents to PATH (before timing) and
// prints each policy's tally, so another evaluator (bench/openfisca) can be checked against it.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import PolicyLanguage
import WorkCalendar

/// SplitMix64: tiny, seedable, good enough to spread test data.
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
}

struct Tally: Equatable {
    var eligible = [0, 0, 0]
    var refused = 0
    var failed = 0
    var yuan = 0

    mutating func add(_ decision: Decision, policy: Int) {
        switch decision {
        case .eligible(let amount):
            eligible[policy] += 1
            yuan &+= amount
        case .notEligible, .alreadyPaid: refused += 1
        case .failed: failed += 1
        }
    }

    /// The same for a block of one policy's decisions, counting in locals.
    mutating func add(_ decisions: UnsafeMutableBufferPointer<Decision>, policy: Int) {
        var (count, sum, failedHere) = (0, 0, 0)
        for decision in decisions {
            if case .eligible(let amount) = decision {
                count &+= 1
                sum &+= amount
            } else if case .failed = decision {
                failedHere &+= 1
            }
        }
        eligible[policy] += count
        yuan &+= sum
        refused += decisions.count - count - failedHere
        failed += failedHere
    }
}

/// Talents per block of the bulk path: each policy decides the same block in turn, so the block
/// is read from memory once for all three.
let block = 4096

/// The bulk path over a slice of the registry: `CompiledPolicy.decide(_:on:into:)` per block and
/// policy, tallied from the decisions. `scratch` holds one block of decisions per policy.
func bulkTally(_ registry: UnsafeBufferPointer<Subject>, _ policies: [CompiledPolicy], on day: EvaluationDay,
               scratch: UnsafeMutableBufferPointer<Decision>) -> Tally {
    var tally = Tally()
    var start = 0
    while start < registry.count {
        let n = min(block, registry.count - start)
        let talents = UnsafeBufferPointer(rebasing: registry[start..<(start + n)])
        for (p, policy) in policies.enumerated() {
            let decisions = UnsafeMutableBufferPointer(rebasing: scratch[(p * block)..<(p * block + n)])
            policy.decide(talents, on: day, into: decisions)
            tally.add(decisions, policy: p)
        }
        start += n
    }
    return tally
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

/// Best of three timed passes after one warm-up: the machine may be busy with other work.
func timed(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    var best = Double.infinity
    for pass in 0..<4 {
        let start = clock.now
        body()
        let elapsed = seconds(clock.now - start)
        if pass > 0 { best = min(best, elapsed) }
    }
    return best
}

/// Writes the talents as CSV: tier, education, district, categories and honors (`|`-separated),
/// arrival_date, birth_date (`YYYY-MM-DD`, empty when not recorded), payouts, paid_total.
/// The generated texts contain no comma, quote, `|` or newline, so no quoting is needed.
func writeCSV(_ subjects: [Subject], texts: TextTable, to path: String) -> Bool {
    guard let file = fopen(path, "w") else {
        print("cannot open \(path) for writing")
        return false
    }
    func text(_ id: TextID) -> String { texts.text(of: id) ?? "" }
    func day(_ date: LocalDate?) -> String { date.map { $0.description } ?? "" }
    var chunk = "tier,education,district,categories,honors,arrival_date,birth_date,payouts,paid_total\n"
    var ok = true
    for (i, s) in subjects.enumerated() {
        chunk += text(s.tier) + "," + text(s.education) + "," + text(s.district) + ","
        chunk += s.categories.map(text).joined(separator: "|") + "," + s.honors.map(text).joined(separator: "|") + ","
        chunk += day(s.arrivalDate) + "," + day(s.birthDate) + "," + String(s.payouts) + "," + String(s.paidTotal) + "\n"
        if chunk.utf8.count >= 1 << 20 || i == subjects.count - 1 {
            if fputs(chunk, file) < 0 { ok = false }
            chunk = ""
        }
    }
    if subjects.isEmpty, fputs(chunk, file) < 0 { ok = false }
    if fclose(file) != 0 { ok = false }
    if !ok { print("cannot write \(path)") }
    return ok
}

func run() -> Bool {
    var countArgument: String?
    var csvPath: String?
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
        if argument == "--csv" {
            guard let path = arguments.popFirst() else {
                print("usage: policy-bench [count] [--csv PATH]")
                return false
            }
            csvPath = path
        } else if countArgument == nil {
            countArgument = argument
        }
    }
    let count = countArgument.flatMap { Int($0) } ?? 1_000_000
    var texts = TextTable()
    var compiled: [CompiledPolicy] = []
    for source in ExamplePolicies.all {
        do {
            compiled.append(try Compiler.compile(try PolicyFile.parse(source), texts: &texts))
        } catch {
            print("policy does not compile: \(error)")
            return false
        }
    }

    let tiers = ["A", "B", "C", "D", "E"].map { texts.intern($0) }
    let educations = ["博士", "硕士", "本科", "专科"].map { texts.intern($0) }
    let districts = ["X-GX", "500103", "500112", "500105", "X-LJ"].map { texts.intern($0) }
    let categoryNames = ["青年拔尖人才", "高层次人才", "急需紧缺人才", "技能人才"].map { texts.intern($0) }
    let honorNames = ["国家级荣誉", "省部级荣誉", "两院院士"].map { texts.intern($0) }
    var rng = SplitMix64(state: 20_250_630)
    func date(from year: Int, years: Int) -> LocalDate {
        LocalDate(dayNumber: LocalDate(year: year, month: 1, day: 1)!.dayNumber + rng.below(years * 365))
    }

    var subjects: [Subject] = []
    subjects.reserveCapacity(count)
    for _ in 0..<count {
        let tierRoll = rng.below(12)
        var categories: [TextID] = []
        if rng.below(4) == 0 { categories.append(categoryNames[rng.below(categoryNames.count)]) }
        var honors: [TextID] = []
        if rng.below(8) == 0 { honors.append(honorNames[rng.below(honorNames.count)]) }
        subjects.append(Subject(
            tier: tierRoll < 10 ? tiers[tierRoll % 5] : .missing,
            categories: categories, honors: honors,
            education: educations[rng.below(educations.count)],
            district: districts[rng.below(districts.count)],
            arrivalDate: date(from: 2015, years: 11),
            birthDate: rng.below(50) == 0 ? nil : date(from: 1960, years: 44),
            payouts: rng.below(10) == 0 ? 1 : 0))
    }

    if let csvPath, !writeCSV(subjects, texts: texts, to: csvPath) { return false }

    let day = EvaluationDay(LocalDate(year: 2025, month: 6, day: 30)!)
    let (housing, doctoral, young) = (compiled[0], compiled[1], compiled[2])

    let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    let scratch = UnsafeMutableBufferPointer<Decision>.allocate(capacity: cores * compiled.count * block)
    defer { scratch.deallocate() }

    // The bulk path: talents read in place from the registry's storage, a block at a time, each
    // policy deciding the whole block one condition at a time.
    var inPlace = Tally()
    let inPlaceSeconds = timed {
        inPlace = subjects.withUnsafeBufferPointer { registry in
            bulkTally(registry, compiled, on: day, scratch: UnsafeMutableBufferPointer(rebasing: scratch[0..<(compiled.count * block)]))
        }
    }

    // The same on both cores, each taking half of the registry.
    var parallel = Tally()
    let parallelSeconds = timed {
        parallel = subjects.withUnsafeBufferPointer { registry in
            let tallies = UnsafeMutableBufferPointer<Tally>.allocate(capacity: cores)
            tallies.initialize(repeating: Tally())
            defer { tallies.deallocate() }
            nonisolated(unsafe) let (shared, results, decisions) = (registry, tallies, scratch)
            let policies = compiled
            DispatchQueue.concurrentPerform(iterations: cores) { worker in
                let size = (shared.count + cores - 1) / cores
                let range = min(worker * size, shared.count)..<min((worker + 1) * size, shared.count)
                let own = UnsafeMutableBufferPointer(rebasing: decisions[(worker * policies.count * block)..<((worker + 1) * policies.count * block)])
                results[worker] = bulkTally(UnsafeBufferPointer(rebasing: shared[range]), policies, on: day, scratch: own)
            }
            var total = Tally()
            for t in tallies {
                total.eligible = zip(total.eligible, t.eligible).map { $0 + $1 }
                total.refused += t.refused
                total.failed += t.failed
                total.yuan &+= t.yuan
            }
            return total
        }
    }

    // One talent at a time, in place: the closure chain of `decide(at:on:)`.
    var oneByOne = Tally()
    let oneByOneSeconds = timed {
        oneByOne = Tally()
        subjects.withUnsafeBufferPointer { registry in
            guard let first = registry.baseAddress else { return }
            for i in registry.indices {
                let talent = first + i
                oneByOne.add(housing.decide(at: talent, on: day), policy: 0)
                oneByOne.add(doctoral.decide(at: talent, on: day), policy: 1)
                oneByOne.add(young.decide(at: talent, on: day), policy: 2)
            }
        }
    }

    // The convenient path: a talent passed by value (copying it retains its two lists).
    var byValue = Tally()
    let byValueSeconds = timed {
        byValue = Tally()
        for subject in subjects {
            byValue.add(housing.decide(subject, on: day), policy: 0)
            byValue.add(doctoral.decide(subject, on: day), policy: 1)
            byValue.add(young.decide(subject, on: day), policy: 2)
        }
    }
    guard inPlace == byValue, inPlace == oneByOne, inPlace == parallel else {
        print("the paths disagree")
        return false
    }
    // Untimed: the bulk path's every decision equals the one-talent path's.
    let disagreements = subjects.withUnsafeBufferPointer { registry -> Int in
        guard let first = registry.baseAddress else { return 0 }
        var wrong = 0
        let decisions = UnsafeMutableBufferPointer<Decision>.allocate(capacity: registry.count)
        defer { decisions.deallocate() }
        for policy in compiled {
            policy.decide(registry, on: day, into: decisions)
            for i in registry.indices where decisions[i] != policy.decide(at: first + i, on: day) { wrong += 1 }
        }
        return wrong
    }
    guard disagreements == 0 else {
        print("the bulk path disagrees with decide(at:on:) on \(disagreements) decisions")
        return false
    }

    print("talents:             \(count)")
    print("eligible per policy: 安家补贴 \(inPlace.eligible[0]), 博士生活补贴 \(inPlace.eligible[1]), 青年拔尖 \(inPlace.eligible[2]); \(inPlace.yuan) yuan; refused \(inPlace.refused); failed \(inPlace.failed)")
    print("3 policies, 1 core, in place: \(Int(Double(count) / inPlaceSeconds)) persons/s (\(Int(Double(count * 3) / inPlaceSeconds)) policy evaluations/s, \(inPlaceSeconds) s)")
    print("3 policies, 1 core, by value: \(Int(Double(count) / byValueSeconds)) persons/s (\(Int(Double(count * 3) / byValueSeconds)) policy evaluations/s, \(byValueSeconds) s)")
    print("3 policies, 1 core, one by one in place: \(Int(Double(count) / oneByOneSeconds)) persons/s (decide(at:on:) per talent, \(oneByOneSeconds) s)")
    print("3 policies, \(cores) cores, in place: \(Int(Double(count) / parallelSeconds)) persons/s (\(Int(Double(count * 3) / parallelSeconds)) policy evaluations/s, \(parallelSeconds) s)")

    if csvPath != nil {
        // Untimed: each policy's own tally, for checking another evaluator against this one.
        let names = ["安家补贴", "博士生活补贴", "青年拔尖"]
        for (p, policy) in compiled.enumerated() {
            var (eligible, yuan, notEligible, alreadyPaid, failed) = (0, 0, 0, 0, 0)
            subjects.withUnsafeBufferPointer { registry in
                guard let first = registry.baseAddress else { return }
                for i in registry.indices {
                    switch policy.decide(at: first + i, on: day) {
                    case .eligible(let amount): eligible += 1; yuan &+= amount
                    case .notEligible: notEligible += 1
                    case .alreadyPaid: alreadyPaid += 1
                    case .failed: failed += 1
                    }
                }
            }
            print("policy \(p + 1) \(names[p]): eligible \(eligible); yuan \(yuan); not eligible \(notEligible); already paid \(alreadyPaid); failed \(failed)")
        }
        print("csv:                 \(csvPath!)")
    }

    // Words are produced only on request; this measures that slower path for scale.
    let sample = min(count, 100_000)
    let clock = ContinuousClock()
    let start = clock.now
    var bytes = 0
    for i in 0..<sample {
        let record = TalentRecord(subjects[i], texts: texts)
        for policy in compiled {
            bytes &+= policy.policy.explain(record, on: day).summary.chinese.utf8.count
        }
    }
    let explainSeconds = seconds(clock.now - start)
    print("explanations:        \(Int(Double(sample) / explainSeconds)) persons/s with all 3 policies explained in words (\(bytes) bytes)")
    return true
}

if !run() { fatalError("benchmark failed") }

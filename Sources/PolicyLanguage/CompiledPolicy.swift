/// A policy ready for the bulk run. Immutable and `Sendable`: compile once, then share it
/// across as many workers as there are cores, each taking a slice of the registry.
///
/// Everything lives in one final class, so passing a `CompiledPolicy` around costs one
/// reference count rather than one per closure. For one talent the conditions and the amount
/// are chained into a single closure, so a decision walks no array; for a slice of the registry
/// the policy is also kept as stages, one per top-level condition, run over blocks of talents
/// (Selection.swift).
public struct CompiledPolicy: Sendable {
    private final class Storage: Sendable {
        let policy: Policy
        let isOnce: Bool
        let run: @Sendable (UnsafePointer<Subject>, EvaluationDay) -> Decision
        /// The same policy for blocks of talents, one condition at a time (Selection.swift).
        let stages: [Stage]
        let finish: Finish
        /// Scratch space a block needs, beyond its selection.
        let scratchBytes: Int

        init(policy: Policy, stages: [Stage], finish: Finish,
             run: @escaping @Sendable (UnsafePointer<Subject>, EvaluationDay) -> Decision) {
            self.policy = policy
            isOnce = policy.period == .once
            self.stages = stages
            self.finish = finish
            scratchBytes = (stages.map(\.levels) + [finish.levels]).max()! * Selection.levelBytes
            self.run = run
        }

        func decideBlock(_ base: UnsafePointer<Subject>, _ count: Int, on day: EvaluationDay,
                         _ selection: UnsafeMutablePointer<Int32>, _ decisions: UnsafeMutablePointer<Decision>,
                         _ scratch: UnsafeMutableRawPointer) {
            var count = count
            var scope: Scope = isOnce ? .unpaid : .all
            for stage in stages {
                if count == 0 { return }
                count = stage.run(base, day, selection, count, scope, decisions, scratch)
                scope = .selected
            }
            if scope == .unpaid {
                count = Selection.unpaid(base, count, selection, decisions)
                scope = .selected
            }
            if count > 0 { finish.run(base, day, selection, count, scope == .all, decisions, scratch) }
        }
    }

    private let storage: Storage

    public var policy: Policy { storage.policy }

    init(policy: Policy, conditions: [BoolBox], amount: @escaping IntCode, stages: [Stage], finish: Finish) {
        let failure = CompiledPolicy.firstFailure(conditions)
        let amountAt = policy.amount.position
        storage = Storage(policy: policy, stages: stages, finish: finish) { subject, day in
            do throws(EvaluationError) {
                let failed = try failure(subject, day)
                if failed >= 0 { return .notEligible(condition: failed) }
                guard let value = try amount(subject, day) else {
                    return .failed(EvaluationError(.amountNotRecorded, at: amountAt))
                }
                if value < 0 { return .failed(EvaluationError(.negativeAmount(value), at: amountAt)) }
                return .eligible(amount: value)
            } catch {
                return .failed(error)
            }
        }
    }

    /// `period: once` means at most one payout, whatever the rule says; counting it here keeps
    /// every once-policy from having to repeat `payouts = 0`.
    public func decide(_ subject: Subject, on day: EvaluationDay) -> Decision {
        withUnsafePointer(to: subject) { decide(at: $0, on: day) }
    }

    /// The bulk entry point: the talent is read in place, never copied, so its lists are not
    /// retained and released for every policy.
    @inline(__always)
    public func decide(at subject: UnsafePointer<Subject>, on day: EvaluationDay) -> Decision {
        let storage = self.storage
        if storage.isOnce, subject.pointee.payouts > 0 { return .alreadyPaid(times: subject.pointee.payouts) }
        return storage.run(subject, day)
    }

    /// Decides for a whole slice of the registry, one decision per talent: `decisions[i]` is
    /// exactly `decide(at: subjects.baseAddress! + i, on: day)`, computed several times faster.
    /// The talents go through in blocks, one top-level condition at a time over the talents still
    /// in the running (see Selection.swift); `decisions` may be uninitialised memory.
    ///
    /// To run several policies over a large registry, hand each policy the same slice of a few
    /// thousand talents in turn rather than the whole registry per policy: the slice then stays
    /// in cache for all of them.
    public func decide(_ subjects: UnsafeBufferPointer<Subject>, on day: EvaluationDay,
                       into decisions: UnsafeMutableBufferPointer<Decision>) {
        precondition(decisions.count >= subjects.count, "one decision slot per subject")
        guard let base = subjects.baseAddress, let out = decisions.baseAddress else { return }
        let storage = self.storage
        let total = subjects.count
        let selectionBytes = Selection.blockSize * MemoryLayout<Int32>.stride
        withUnsafeTemporaryAllocation(byteCount: selectionBytes + storage.scratchBytes, alignment: 16) { memory in
            let selection = memory.baseAddress!.bindMemory(to: Int32.self, capacity: Selection.blockSize)
            let scratch = memory.baseAddress! + selectionBytes
            var start = 0
            while start < total {
                let count = Swift.min(Selection.blockSize, total - start)
                storage.decideBlock(base + start, count, on: day, selection, out + start, scratch)
                start += count
            }
        }
    }

    public func decide(_ subjects: [Subject], on day: EvaluationDay) -> [Decision] {
        subjects.withUnsafeBufferPointer { buffer in
            [Decision](unsafeUninitializedCapacity: buffer.count) { decisions, count in
                decide(buffer, on: day, into: decisions)
                count = buffer.count
            }
        }
    }

    typealias FailureCode = @Sendable (UnsafePointer<Subject>, EvaluationDay) throws(EvaluationError) -> Int

    /// Index of the first condition that does not hold, or -1. Short rule lists (the usual
    /// case) become a chain of closures; long ones a loop, so nothing recurses deeply.
    private static func firstFailure(_ conditions: [BoolBox]) -> FailureCode {
        if conditions.count > 8 {
            return { (s, d) throws(EvaluationError) -> Int in
                for (i, condition) in conditions.enumerated() where try !condition.code(s, d) { return i }
                return -1
            }
        }
        var chain: FailureCode = { _, _ in -1 }
        for i in conditions.indices.reversed() {
            let condition = conditions[i].code
            let rest = chain
            chain = { (s, d) throws(EvaluationError) -> Int in try condition(s, d) ? rest(s, d) : i }
        }
        return chain
    }
}

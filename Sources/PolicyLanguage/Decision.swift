/// The outcome for one talent and one policy. Small and allocation-free, so a run over the
/// whole registry can keep one per talent; words come later, on request, from `Explanation`.
public enum Decision: Hashable, Sendable {
    case eligible(amount: Int)
    /// `condition` indexes `Policy.conditions`: the first top-level condition that failed.
    case notEligible(condition: Int)
    /// A `period: once` policy that this talent has already been paid.
    case alreadyPaid(times: Int)
    case failed(EvaluationError)

    public var isEligible: Bool {
        if case .eligible = self { return true }
        return false
    }
}

extension Policy {
    /// The decision by the reference evaluator: the meaning the compiled path must match.
    public func decide(_ record: TalentRecord, on day: EvaluationDay) -> Decision {
        if period == .once, record.payouts > 0 { return .alreadyPaid(times: record.payouts) }
        let evaluator = ReferenceEvaluator(record: record, day: day)
        do {
            for (index, condition) in conditions.enumerated() where try !evaluator.condition(condition) {
                return .notEligible(condition: index)
            }
            guard case .integer(let value) = try evaluator.evaluate(amount) else {
                return .failed(EvaluationError(.amountNotRecorded, at: amount.position))
            }
            if value < 0 { return .failed(EvaluationError(.negativeAmount(value), at: amount.position)) }
            return .eligible(amount: value)
        } catch {
            return .failed(error)
        }
    }
}

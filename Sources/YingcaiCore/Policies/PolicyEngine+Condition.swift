import PolicyLanguage
import SQLKit
import WorkCalendar

/// A condition of the rule language asked of one talent: who may apply to a special of the talent
/// programme, say. The same evaluator and explanations as the policies' own.
public struct ConditionCheck: Sendable, Equatable {
    public let holds: Bool
    /// What held (when it holds) or the first condition missed (when it does not), in words.
    public let reason: String
    public let reasonEn: String
}

extension PolicyEngine {
    /// Checks `policySource` (a policy whose `eligible:` is the condition) against talent `id` today.
    public func check(_ policySource: String, talent id: Int64, on db: any SQLDatabase) async throws -> ConditionCheck {
        let policy: Policy
        switch Policies.check(policySource) {
        case .success(let p): policy = p
        case .failure(let e): throw CoreError.invalid("eligibility", "\(e.chinese) / \(e.english)")
        }
        let day = clock.today
        guard let row = try await db.raw("SELECT \(unsafeRaw: Self.talentColumns) FROM talents t WHERE t.id = \(bind: id)").first() else {
            throw CoreError.notFound("talent \(id)")
        }
        let explanation = policy.explain(try loaded(row, today: day).record, on: EvaluationDay(day))
        switch explanation.decision {
        case .eligible:
            let met = explanation.met.isEmpty ? [Bilingual("符合申报条件", "meets the conditions")] : explanation.met
            return ConditionCheck(holds: true, reason: met.map(\.chinese).joined(separator: "；"), reasonEn: met.map(\.english).joined(separator: "; "))
        default:
            let unmet = explanation.unmet ?? explanation.summary
            return ConditionCheck(holds: false, reason: unmet.chinese, reasonEn: unmet.english)
        }
    }
}

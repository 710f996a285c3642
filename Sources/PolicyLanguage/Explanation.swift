/// The answer to "why (not)?" for one talent and one policy, in words a talent can read.
public struct Explanation: Hashable, Sendable {
    public var decision: Decision
    /// When not eligible: the first condition not met (descending into `and`; for `or`, that
    /// none of the alternatives held, naming each).
    public var unmet: Bilingual?
    /// When eligible: the conditions that held, in the order written.
    public var met: [Bilingual]
    /// One line for a notice or a log.
    public var summary: Bilingual
}

extension Policy {
    /// Explains with the reference evaluator. Meant for the few talents a person asks about,
    /// or for the notices of those found eligible — not for the whole registry.
    public func explain(_ record: TalentRecord, on day: EvaluationDay) -> Explanation {
        let decision = decide(record, on: day)
        let explainer = Explainer(evaluator: ReferenceEvaluator(record: record, day: day))
        let title = name ?? "本政策"
        let titleEnglish = name ?? "this policy"
        switch decision {
        case .eligible(let amount):
            let met = conditions.flatMap { explainer.met($0) }
            let summary = Bilingual("符合「\(title)」：\(amount) 元，\(period.label.chinese)",
                                    "eligible for \(titleEnglish): \(amount) yuan, \(period.label.english)")
            return Explanation(decision: decision, unmet: nil, met: met, summary: summary)
        case .notEligible(let index):
            let unmet = explainer.unmet(conditions[index])
            let summary = Bilingual("不符合「\(title)」：\(unmet.chinese)", "not eligible for \(titleEnglish): \(unmet.english)")
            return Explanation(decision: decision, unmet: unmet, met: [], summary: summary)
        case .alreadyPaid(let times):
            let unmet = Bilingual("本政策为一次性发放，已发放过 \(times) 次",
                                  "this policy pays once and has already paid \(times) time\(times == 1 ? "" : "s")")
            let summary = Bilingual("不符合「\(title)」：\(unmet.chinese)", "not eligible for \(titleEnglish): \(unmet.english)")
            return Explanation(decision: decision, unmet: unmet, met: [], summary: summary)
        case .failed(let error):
            let summary = Bilingual("无法判定「\(title)」：\(error.message.chinese)",
                                    "cannot decide \(titleEnglish): \(error.message.english)")
            return Explanation(decision: decision, unmet: nil, met: [], summary: summary)
        }
    }
}

/// Walks a condition the way evaluation did and puts each step into words. `negated` tracks
/// the `not`s passed on the way down, so `not (age < 40)` reads as "age must be at least 40".
struct Explainer {
    let evaluator: ReferenceEvaluator

    func holds(_ e: Expression) -> Bool { (try? evaluator.condition(e)) ?? false }
    func value(_ e: Expression) -> Value { (try? evaluator.evaluate(e)) ?? .missing }

    /// Words for a condition that did not hold (with `negated`, for its negation not holding).
    func unmet(_ e: Expression, negated: Bool = false) -> Bilingual {
        switch e.kind {
        case .not(let inner):
            return unmet(inner, negated: !negated)
        case .all(let items) where !negated:
            guard let failing = items.first(where: { !holds($0) }) else { break }
            return unmet(failing)
        case .all:
            return framed(Bilingual("不得同时满足：", "must not all hold: "), met(e))
        case .any(let items) where !negated:
            return framed(Bilingual("以下条件均不满足：", "none of these holds: "), items.map { unmet($0) })
        case .any(let items):
            guard let holding = items.first(where: { holds($0) }) else { break }
            return framed(Bilingual("不得满足：", "must not hold: "), met(holding))
        default:
            break
        }
        // Leaves, and trees built by hand whose parts do not match the outcome.
        return Phrases(explainer: self).leaf(e, negated: negated, holds: false)
    }

    /// Words for a condition that held.
    func met(_ e: Expression, negated: Bool = false) -> [Bilingual] {
        switch e.kind {
        case .not(let inner):
            return met(inner, negated: !negated)
        case .all(let items) where !negated:
            return items.flatMap { met($0) }
        case .all(let items):
            guard let failing = items.first(where: { !holds($0) }) else { break }
            return [framed(Bilingual("未满足：", "does not hold: "), [unmet(failing)])]
        case .any(let items) where !negated:
            guard let holding = items.first(where: { holds($0) }) else { break }
            return met(holding)
        case .any(let items):
            return [framed(Bilingual("以下条件均不满足：", "none of these holds: "), items.map { unmet($0) })]
        default:
            break
        }
        return [Phrases(explainer: self).leaf(e, negated: negated, holds: true)]
    }

    private func framed(_ lead: Bilingual, _ parts: [Bilingual]) -> Bilingual {
        Bilingual(lead.chinese + parts.map(\.chinese).joined(separator: "；"),
                  lead.english + parts.map(\.english).joined(separator: "; "))
    }
}

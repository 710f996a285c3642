import Organisations
import WorkOrderRules
import YingcaiCore

/// The page of one order: its facts, the moves open to the reader with the fields each needs, and
/// the timeline in plain words.
struct OrderPage: Sendable {
    struct Order: Sendable {
        let id: Int64
        let number: String
        let title: String
        let content: String
        let state: String
        let stateName: String
        let warning: String
        let deadline: String
        let leadOrg: String
        let receivedAt: String
        let contact: String?
        let channelName: String
        let categoryName: String
    }

    struct Action: Sendable {
        let name: String
        let label: String
        let needsLead: Bool
        let suggestedLead: String
        let suggestions: [String]
        let needsReason: Bool
        let needsResult: Bool
        let needsText: Bool
        /// What the text is: a co-handler's opinion, or what the requester adds.
        let textLabel: String
        let needsNote: Bool
        let needsWorkdays: Bool
        let needsScore: Bool
        let needsInto: Bool
        let scores: [Score]
    }

    struct Score: Sendable {
        let value: Int
        let label: String
    }

    struct Event: Sendable {
        let at: String
        let who: String
        let what: String
        let note: String?
    }

    struct OrgOption: Sendable {
        let code: String
        let name: String
    }

    /// The payout a proactive order is for (免申即享), approved and paid on the payouts page.
    struct PayoutLink: Sendable {
        let policy: String
        let amount: String
        let stateName: String
        let href: String
    }

    /// A value of the order's personal data, shown in full after the reader asked for it.
    struct Revealed: Sendable {
        let label: String
        let value: String
    }

    let order: Order
    let payout: PayoutLink?
    let canReveal: Bool
    /// Set once the reader asked to see the personal data (`items` may be empty).
    let personal: Personal?

    struct Personal: Sendable {
        let items: [Revealed]
    }
    let actions: [Action]
    let orgOptions: [OrgOption]
    let timeline: [Event]
    let error: String?

    static let scoreWords = [(5, "非常满意", "Very satisfied"), (4, "满意", "Satisfied"), (3, "基本满意", "Fairly satisfied"),
                             (2, "不满意", "Dissatisfied"), (1, "非常不满意", "Very dissatisfied")]

    static let englishAction: [String: String] = [
        "receive": "received", "dispatch": "dispatched", "accept": "signed for", "return": "returned", "start": "started work",
        "opinion": "gave an opinion", "suspend": "suspended", "resume": "resumed", "resolve": "resolved", "rate": "rated",
        "reopen": "reopened", "close": "closed", "urge": "urged", "reject": "rejected", "withdraw": "withdrew", "supplement": "added a note",
        "request-extension": "asked for more time", "approve-extension": "approved more time", "refuse-extension": "refused more time",
        "callback": "called back", "merge": "merged", "auto-close": "closed automatically", "escalate": "escalated",
    ]

    /// What an action is called on a button, and what happened in the timeline.
    static func actionName(_ name: String, _ v: Visit) -> String {
        v.english ? (englishAction[name].map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? name) : ActionWording.chinese(name)
    }

    static func eventName(_ name: String, _ v: Visit) -> String {
        v.english ? (englishAction[name] ?? name) : (name == "receive" ? "受理" : ActionWording.chinese(name))
    }

    init(view: WorkOrderView, suggestions: [String], payout: Payout?, revealed: [Revealed]?, tree: OrgTree, error: String?, _ v: Visit) {
        let r = view.record
        order = Order(id: r.id, number: r.number, title: r.title, content: r.content, state: r.rules.state.rawValue,
                      stateName: v.label(r.rules.state), warning: view.warning.rawValue, deadline: r.rules.handlingDeadline.description,
                      leadOrg: v.orgName(r.rules.leadOrg, tree), receivedAt: Formatting.dateTime(r.rules.receivedAt),
                      contact: r.contactName.map { $0 + (r.contactPhoneMasked.map { " \($0)" } ?? "") },
                      channelName: Channel(rawValue: r.channel).map(v.label) ?? r.channel, categoryName: v.label(r.rules.category))
        canReveal = view.canRevealPersonalData && revealed == nil
        personal = revealed.map { Personal(items: $0) }
        self.payout = payout.map { .init(policy: $0.policyName, amount: Formatting.yuan($0.amount), stateName: v.label($0.state),
                                         href: "/payouts?state=\($0.state.rawValue)") }
        let scores = Self.scoreWords.map { Score(value: $0.0, label: "\($0.0) \(v.english ? $0.2 : $0.1)") }
        actions = view.availableActions.map { name in
            Action(name: name, label: Self.actionName(name, v),
                   needsLead: name == "dispatch", suggestedLead: suggestions.first ?? "", suggestions: suggestions,
                   needsReason: ["return", "suspend", "reopen", "reject", "withdraw", "request-extension", "refuse-extension"].contains(name),
                   needsResult: name == "resolve", needsText: ["opinion", "supplement"].contains(name),
                   textLabel: name == "supplement" ? v.pick("补充内容", "What to add") : v.t("text"),
                   needsNote: ["dispatch", "urge", "callback"].contains(name), needsWorkdays: name == "request-extension",
                   needsScore: name == "rate", needsInto: name == "merge", scores: name == "rate" ? scores : [])
        }
        orgOptions = view.availableActions.contains("dispatch")
            ? Routing.dispatchOptions(district: r.districtCode, tree: tree).map { OrgOption(code: $0.code.rawValue, name: v.orgName($0.code.rawValue, tree)) }
            : []
        timeline = (view.timeline ?? []).map { e in
            Event(at: Formatting.dateTime(e.at), who: e.actorId == nil ? v.pick("系统", "System") : e.actorName,
                  what: Self.eventName(e.action, v), note: e.note)
        }
        self.error = error
    }
}

import WorkOrderRules

/// What an accepted command does to the state.
enum Move: Equatable {
    case to(WorkOrderState)
    /// An event: the state stays.
    case stays
}

/// The expected answer for one (state, action) on the standard order of that state
/// (`Standard.driver(in:)`), by an actor with the right capacity.
enum Expect: Equatable {
    /// Accepted; the order moves to this state.
    case to(WorkOrderState)
    /// Accepted as an event; the state stays.
    case stays
    /// 409: the table has no such move.
    case conflict
    /// 422 on the standard order (a condition fails there, e.g. nothing pending, not overdue);
    /// the move exists and, when the condition holds, does `Move`.
    case invalid(String, Move)

    /// The move the table allows, whatever the order's conditions; `nil` for a conflict.
    var move: Move? {
        switch self {
        case .to(let state): .to(state)
        case .stays: .stays
        case .conflict: nil
        case .invalid(_, let move): move
        }
    }
}

/// The 21 API action names, as the brief lists them, and `supplement` (补充说明), added for the
/// requester's follow-ups (WeChat's `继续`).
let allActions = [
    "dispatch", "accept", "return", "start", "opinion", "suspend", "resume", "resolve", "rate", "reopen",
    "close", "urge", "reject", "withdraw", "supplement", "request-extension", "approve-extension", "refuse-extension",
    "callback", "merge", "auto-close", "escalate",
]

/// Written out by hand from RULES.md and the brief, independently of `WorkOrderRules.table`:
/// every one of the 12 states × 22 actions.
let expectedTable: [WorkOrderState: [String: Expect]] = [
    .received: [
        "dispatch": .to(.dispatched), "accept": .conflict, "return": .conflict, "start": .conflict,
        "opinion": .conflict, "suspend": .conflict, "resume": .conflict, "resolve": .conflict,
        "rate": .conflict, "reopen": .conflict, "close": .conflict, "urge": .stays,
        "reject": .to(.rejected), "withdraw": .to(.withdrawn), "supplement": .stays, "request-extension": .conflict,
        "approve-extension": .conflict, "refuse-extension": .conflict, "callback": .conflict,
        "merge": .to(.closed), "auto-close": .conflict, "escalate": .invalid("handlingDeadline", .stays),
    ],
    .dispatched: [
        "dispatch": .conflict, "accept": .to(.accepted), "return": .to(.returned), "start": .conflict,
        "opinion": .stays, "suspend": .conflict, "resume": .conflict, "resolve": .conflict,
        "rate": .conflict, "reopen": .conflict, "close": .conflict, "urge": .stays,
        "reject": .conflict, "withdraw": .to(.withdrawn), "supplement": .stays, "request-extension": .conflict,
        "approve-extension": .conflict, "refuse-extension": .conflict, "callback": .conflict,
        "merge": .to(.closed), "auto-close": .conflict, "escalate": .invalid("handlingDeadline", .stays),
    ],
    .returned: [
        "dispatch": .to(.dispatched), "accept": .conflict, "return": .conflict, "start": .conflict,
        "opinion": .conflict, "suspend": .conflict, "resume": .conflict, "resolve": .conflict,
        "rate": .conflict, "reopen": .conflict, "close": .conflict, "urge": .stays,
        "reject": .to(.rejected), "withdraw": .to(.withdrawn), "supplement": .stays, "request-extension": .conflict,
        "approve-extension": .conflict, "refuse-extension": .conflict, "callback": .conflict,
        "merge": .to(.closed), "auto-close": .conflict, "escalate": .invalid("handlingDeadline", .stays),
    ],
    .accepted: [
        "dispatch": .conflict, "accept": .conflict, "return": .conflict, "start": .to(.inProgress),
        "opinion": .stays, "suspend": .conflict, "resume": .conflict, "resolve": .conflict,
        "rate": .conflict, "reopen": .conflict, "close": .conflict, "urge": .stays,
        "reject": .conflict, "withdraw": .to(.withdrawn), "supplement": .stays, "request-extension": .stays,
        "approve-extension": .invalid("pendingExtension", .stays),
        "refuse-extension": .invalid("pendingExtension", .stays), "callback": .conflict,
        "merge": .conflict, "auto-close": .conflict, "escalate": .invalid("handlingDeadline", .stays),
    ],
    .inProgress: [
        "dispatch": .conflict, "accept": .conflict, "return": .conflict, "start": .conflict,
        "opinion": .stays, "suspend": .to(.suspended), "resume": .conflict, "resolve": .to(.resolved),
        "rate": .conflict, "reopen": .conflict, "close": .conflict, "urge": .stays,
        "reject": .conflict, "withdraw": .to(.withdrawn), "supplement": .stays, "request-extension": .stays,
        "approve-extension": .invalid("pendingExtension", .stays),
        "refuse-extension": .invalid("pendingExtension", .stays), "callback": .conflict,
        "merge": .conflict, "auto-close": .conflict, "escalate": .invalid("handlingDeadline", .stays),
    ],
    .suspended: [
        "dispatch": .conflict, "accept": .conflict, "return": .conflict, "start": .conflict,
        "opinion": .stays, "suspend": .conflict, "resume": .to(.inProgress), "resolve": .conflict,
        "rate": .conflict, "reopen": .conflict, "close": .conflict, "urge": .stays,
        "reject": .conflict, "withdraw": .to(.withdrawn), "supplement": .stays, "request-extension": .conflict,
        "approve-extension": .invalid("pendingExtension", .stays),
        "refuse-extension": .invalid("pendingExtension", .stays), "callback": .conflict,
        "merge": .conflict, "auto-close": .conflict, "escalate": .conflict,
    ],
    .resolved: [
        "dispatch": .conflict, "accept": .conflict, "return": .conflict, "start": .conflict,
        "opinion": .conflict, "suspend": .conflict, "resume": .conflict, "resolve": .conflict,
        "rate": .to(.rated), "reopen": .conflict, "close": .conflict, "urge": .conflict,
        "reject": .conflict, "withdraw": .conflict, "supplement": .conflict, "request-extension": .conflict,
        "approve-extension": .conflict, "refuse-extension": .conflict, "callback": .conflict,
        "merge": .conflict, "auto-close": .invalid("autoClose", .to(.closed)), "escalate": .conflict,
    ],
    .rated: [
        "dispatch": .conflict, "accept": .conflict, "return": .conflict, "start": .conflict,
        "opinion": .conflict, "suspend": .conflict, "resume": .conflict, "resolve": .conflict,
        "rate": .invalid("callback", .to(.rated)), "reopen": .to(.reopened), "close": .to(.closed),
        "urge": .conflict, "reject": .conflict, "withdraw": .conflict, "supplement": .conflict, "request-extension": .conflict,
        "approve-extension": .conflict, "refuse-extension": .conflict, "callback": .stays,
        "merge": .conflict, "auto-close": .invalid("autoClose", .to(.closed)), "escalate": .conflict,
    ],
    .reopened: [
        "dispatch": .conflict, "accept": .conflict, "return": .conflict, "start": .to(.inProgress),
        "opinion": .stays, "suspend": .conflict, "resume": .conflict, "resolve": .conflict,
        "rate": .conflict, "reopen": .conflict, "close": .conflict, "urge": .stays,
        "reject": .conflict, "withdraw": .to(.withdrawn), "supplement": .stays, "request-extension": .stays,
        "approve-extension": .invalid("pendingExtension", .stays),
        "refuse-extension": .invalid("pendingExtension", .stays), "callback": .conflict,
        "merge": .conflict, "auto-close": .conflict, "escalate": .invalid("handlingDeadline", .stays),
    ],
    .closed: Dictionary(uniqueKeysWithValues: allActions.map { ($0, Expect.conflict) }),
    .rejected: Dictionary(uniqueKeysWithValues: allActions.map { ($0, Expect.conflict) }),
    .withdrawn: Dictionary(uniqueKeysWithValues: allActions.map { ($0, Expect.conflict) }),
]

/// The actors (names in `singleActors`) that may issue `action` from `state`.
func rightActors(_ action: String, _ state: WorkOrderState) -> Set<String> {
    switch action {
    case "dispatch": state == .received ? ["dispatcher", "system"] : ["dispatcher"]
    case "accept", "return", "start", "suspend", "resume", "resolve", "request-extension", "callback": ["leadHandler"]
    case "opinion": ["coHandler(co)"]
    case "rate", "withdraw", "supplement": ["requester"]
    case "reopen", "close", "approve-extension", "refuse-extension": ["supervisor"]
    case "urge": ["supervisor", "dispatcher"]
    case "reject", "merge": ["dispatcher"]
    case "auto-close", "escalate": ["system"]
    default: []
    }
}

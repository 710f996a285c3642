/// The state table of RULES.md as data: from which states each action may be taken, and where
/// it leads. `apply` refuses anything not listed here with `.notAllowed` (409) before it looks
/// at who is acting or at any argument.
extension WorkOrderRules {
    /// Where an accepted command leaves the order.
    public enum Target: Sendable, Equatable {
        /// The order moves to this state (which may be the state it is in: a second rating).
        case state(WorkOrderState)
        /// An event (督办, 升级, 协办意见, 回访, 延期): the state stays what it was.
        case unchanged
    }

    /// One line of the table.
    public struct TableRow: Sendable, Equatable {
        public let action: String
        public let from: [WorkOrderState]
        public let target: Target
    }

    /// Open states: before resolution and not terminal.
    private static let open: [WorkOrderState] = WorkOrderState.allCases.filter(\.isOpen)
    /// Open states whose handling clock runs: escalation is possible there.
    private static let clockRunning: [WorkOrderState] = WorkOrderState.allCases.filter(\.handlingClockRuns)

    /// The whole table. Conditions that depend on the order's data (opinions in, limits, ratings)
    /// are checked by the command's own rule and refused with `.invalid`.
    public static let table: [TableRow] = [
        TableRow(action: "dispatch", from: [.received, .returned], target: .state(.dispatched)),
        TableRow(action: "reject", from: [.received, .returned], target: .state(.rejected)),
        TableRow(action: "merge", from: [.received, .dispatched, .returned], target: .state(.closed)),
        TableRow(action: "accept", from: [.dispatched], target: .state(.accepted)),
        TableRow(action: "return", from: [.dispatched], target: .state(.returned)),
        TableRow(action: "start", from: [.accepted, .reopened], target: .state(.inProgress)),
        TableRow(action: "suspend", from: [.inProgress], target: .state(.suspended)),
        TableRow(action: "resume", from: [.suspended], target: .state(.inProgress)),
        TableRow(action: "resolve", from: [.inProgress], target: .state(.resolved)),
        TableRow(action: "rate", from: [.resolved, .rated], target: .state(.rated)),
        TableRow(action: "reopen", from: [.rated], target: .state(.reopened)),
        TableRow(action: "close", from: [.rated], target: .state(.closed)),
        TableRow(action: "auto-close", from: [.resolved, .rated], target: .state(.closed)),
        TableRow(action: "withdraw", from: open, target: .state(.withdrawn)),
        TableRow(action: "opinion", from: [.dispatched, .accepted, .inProgress, .suspended, .reopened], target: .unchanged),
        TableRow(action: "urge", from: open, target: .unchanged),
        TableRow(action: "supplement", from: open, target: .unchanged),
        TableRow(action: "escalate", from: clockRunning, target: .unchanged),
        TableRow(action: "request-extension", from: [.accepted, .inProgress, .reopened], target: .unchanged),
        // A request made while handling may still be pending after a suspension.
        TableRow(action: "approve-extension", from: [.accepted, .inProgress, .suspended, .reopened], target: .unchanged),
        TableRow(action: "refuse-extension", from: [.accepted, .inProgress, .suspended, .reopened], target: .unchanged),
        TableRow(action: "callback", from: [.rated], target: .unchanged),
    ]

    /// Where `action` leads from `state`, or `nil` when the table does not allow it.
    public static func target(of action: String, from state: WorkOrderState) -> Target? {
        targets[action]?[state]
    }

    private static let targets: [String: [WorkOrderState: Target]] = {
        var byAction: [String: [WorkOrderState: Target]] = [:]
        for row in table {
            for state in row.from { byAction[row.action, default: [:]][state] = row.target }
        }
        return byAction
    }()
}

/// An accepted command: the order before and after, and what the event log records.
///
/// For events that do not move the order (urge, escalate, opinion, callback, the extension
/// commands) `from == to`; `after` may still differ from `before` (e.g. `escalatedDeadline`).
public struct Transition: Sendable, Equatable {
    public let before: WorkOrder
    public let after: WorkOrder
    /// The API action name (`Command.name`).
    public let action: String
    public let from: WorkOrderState
    public let to: WorkOrderState
    /// The reason, opinion, result or note as given.
    public let note: String?
    /// `false` when a deadline set by this transition rests on a year with no official
    /// arrangement (Mon–Fri assumed): show it as provisional.
    public let calendarComplete: Bool
}

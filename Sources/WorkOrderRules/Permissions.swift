/// Who may issue each command (the "who moves it on" column, plus the events).
extension WorkOrderRules {
    /// Whether `actor` holds a capacity that lets it issue `command` on `order`.
    /// Asked only once the table allows the action from the order's state.
    static func may(_ actor: Actor, _ command: Command, on order: WorkOrder) -> Bool {
        switch command {
        case .dispatch:
            // The system routes a catalogue application at once; a returned order needs a
            // person to choose another organisation.
            actor.has(.dispatcher) || (actor.has(.system) && order.state == .received)
        case .reject, .merge:
            actor.has(.dispatcher)
        case .accept, .returnOrder, .start, .suspend, .resume, .resolve, .requestExtension, .callback:
            actor.has(.leadHandler)
        case .opinion(let org, _):
            // Only for an organisation the order was actually dispatched to as co-handler.
            actor.has(.coHandler(org: org)) && order.coOrgs.contains(org)
        case .rate, .withdraw, .supplement:
            actor.has(.requester)
        case .reopen, .close, .approveExtension, .refuseExtension:
            actor.has(.supervisor)
        case .urge:
            actor.has(.supervisor) || actor.has(.dispatcher)
        case .autoClose, .escalate:
            actor.has(.system)
        }
    }
}

import WorkCalendar

/// The work-order state machine of RULES.md (12351/12345 闭环): which command moves which order
/// where, who may issue it, and the time limits it sets. Pure functions of their arguments:
/// the caller loads the order, applies, and stores `after` with the event in one transaction.
public enum WorkOrderRules {
    /// Applies `command` by `actor` at `now` (Unix ms).
    ///
    /// Checks, in this order, so that each refusal has one well-defined kind:
    /// 1. the state table (`table`): otherwise `.notAllowed` (409);
    /// 2. the actor's capacity: otherwise `.notYours`;
    /// 3. the command's arguments, then the order's conditions: otherwise `.invalid` (422).
    ///
    /// A refusal changes nothing; there is nothing to undo because the order is a value.
    public static func apply(
        _ command: Command, to order: WorkOrder, by actor: Actor, at now: Int64, calendar: WorkCalendar
    ) -> Result<Transition, RuleError> {
        do throws(RuleError) {
            return .success(try transition(command, order, actor, now, calendar))
        } catch {
            return .failure(error)
        }
    }

    /// The action names `apply` would accept now from `actor`, in `Command.allNames` order.
    ///
    /// Derived by asking `apply` itself with valid arguments (any co-organisation the actor acts
    /// for, any score, one working day, a placeholder reason), so the list cannot drift from
    /// the rules. Conditions on the order (pending extension, sign-for limit, ratings, opinions
    /// in, due for escalation …) are taken into account.
    public static func availableActions(
        for order: WorkOrder, actor: Actor, at now: Int64, calendar: WorkCalendar
    ) -> [String] {
        Command.allNames.filter { name in
            candidates(named: name, for: order).contains { command in
                if case .success = apply(command, to: order, by: actor, at: now, calendar: calendar) { return true }
                return false
            }
        }
    }

    /// Commands with valid arguments standing for `name`. Arguments that are valid for one value
    /// and not another (an opinion's organisation, a merge target) get every value that could be.
    static func candidates(named name: String, for order: WorkOrder) -> [Command] {
        let text = "…"
        switch name {
        case "dispatch": return [.dispatch(leadOrg: order.leadOrg ?? "lead", coOrgs: [])]
        case "accept": return [.accept]
        case "return": return [.returnOrder(reason: text)]
        case "start": return [.start]
        case "opinion": return order.coOrgs.map { .opinion(org: $0, text: text) }
        case "suspend": return [.suspend(reason: text)]
        case "resume": return [.resume]
        case "resolve": return [.resolve(result: text)]
        case "rate": return (1...5).map { .rate(score: $0) }
        case "reopen": return [.reopen(reason: text)]
        case "close": return [.close]
        case "urge": return [.urge(note: text)]
        case "reject": return [.reject(reason: text)]
        case "withdraw": return [.withdraw(reason: text)]
        case "supplement": return [.supplement(text: text)]
        case "request-extension": return [.requestExtension(workdays: 1, reason: text)]
        case "approve-extension": return [.approveExtension]
        case "refuse-extension": return [.refuseExtension(reason: text)]
        case "callback": return [.callback(note: text)]
        case "merge": return [.merge(into: order.id == 1 ? 2 : 1)]
        case "auto-close": return [.autoClose]
        case "escalate": return [.escalate]
        default: return []
        }
    }

    private static func transition(
        _ command: Command, _ order: WorkOrder, _ actor: Actor, _ now: Int64, _ calendar: WorkCalendar
    ) throws(RuleError) -> Transition {
        let action = command.name
        guard let destination = target(of: action, from: order.state) else {
            throw .notAllowed(action: action, state: order.state)
        }
        guard may(actor, command, on: order) else { throw .notYours(action: action) }

        var step = Step(order: order, now: now, calendar: calendar)
        switch command {
        case .dispatch(let leadOrg, let coOrgs): try dispatch(&step, leadOrg: leadOrg, coOrgs: coOrgs)
        case .accept: accept(&step)
        case .returnOrder(let reason): try returnOrder(&step, reason: reason)
        case .reject(let reason): try reject(&step, reason: reason)
        case .merge(let into): try merge(&step, into: into)
        case .withdraw(let reason): try withdraw(&step, reason: reason)
        case .start: break
        case .opinion(let org, let text): try opinion(&step, org: org, text: text)
        case .suspend(let reason): try suspend(&step, reason: reason)
        case .resume: resume(&step)
        case .resolve(let result): try resolve(&step, result: result)
        case .requestExtension(let workdays, let reason): try requestExtension(&step, workdays: workdays, reason: reason)
        case .approveExtension: try approveExtension(&step)
        case .refuseExtension(let reason): try refuseExtension(&step, reason: reason)
        case .rate(let score): try rate(&step, score: score)
        case .callback(let note): try callback(&step, note: note)
        case .reopen(let reason): try reopen(&step, reason: reason)
        case .close: close(&step)
        case .autoClose: try autoClose(&step)
        case .urge(let note): try urge(&step, note: note)
        case .supplement(let text): try TextRule.check(text, field: "text", chinese: "补充内容")
        case .escalate: try escalate(&step)
        }

        if case .state(let next) = destination { step.order.state = next }
        if step.order.state.isTerminal || step.order.state == .resolved {
            // Nothing is left to extend once the handling is over.
            step.order.pendingExtension = nil
        }
        if step.order.state != .suspended {
            // Withdrawn while suspended: the clock is not stopped any more, it is gone.
            step.order.suspendedOn = nil
            step.order.remainingWorkdays = nil
        }
        return Transition(
            before: order, after: step.order, action: action, from: order.state, to: step.order.state,
            note: command.note, calendarComplete: step.calendarComplete)
    }
}

/// The order being changed by one command, with the clock and calendar it is judged by.
struct Step {
    var order: WorkOrder
    let now: Int64
    let calendar: WorkCalendar
    /// Stays `true` unless a deadline set in this step rests on an unknown year.
    var calendarComplete = true

    init(order: WorkOrder, now: Int64, calendar: WorkCalendar) {
        self.order = order
        self.now = now
        self.calendar = calendar
    }

    /// The Shanghai date of `now`.
    var today: LocalDate { LocalDate(shanghaiMillis: now) }

    /// Unwraps a calendar answer, remembering if it was provisional.
    mutating func take<Value>(_ result: CalendarResult<Value>) -> Value {
        if !result.calendarComplete { calendarComplete = false }
        return result.value
    }
}

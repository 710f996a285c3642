import Testing
import WorkCalendar
import WorkOrderRules

/// Every state × every action, on orders reached through real transitions.
@Suite struct TransitionTableTests {
    @Test func expectedTableIsComplete() {
        #expect(Set(expectedTable.keys) == Set(WorkOrderState.allCases))
        for (state, row) in expectedTable {
            #expect(Set(row.keys) == Set(allActions), "row \(state)")
        }
        #expect(allActions.count == 22)
        #expect(Command.allNames == allActions)
        for name in allActions { #expect(sampleCommand(name).name == name) }
    }

    @Test(arguments: WorkOrderState.allCases)
    func rightActorGetsTheExpectedAnswer(state: WorkOrderState) {
        let driver = Standard.driver(in: state)
        for action in allActions {
            let expected = expectedTable[state]![action]!
            for actorName in rightActors(action, state).sorted() {
                let actor = singleActors.first { $0.name == actorName }!.actor
                let result = driver.apply(sampleCommand(action), by: actor)
                let context = "\(state) × \(action) by \(actorName)"
                switch (expected, result) {
                case (.to(let target), .success(let t)):
                    #expect(t.to == target && t.after.state == target && t.from == state, "\(context): went to \(t.to)")
                    #expect(t.action == action && t.before == driver.order, "\(context)")
                case (.stays, .success(let t)):
                    #expect(t.from == state && t.to == state && t.after.state == state, "\(context): went to \(t.to)")
                case (.conflict, .failure(let error)):
                    #expect(error == .notAllowed(action: action, state: state), "\(context): \(error)")
                case (.invalid(let field, _), .failure(let error)):
                    #expect(error.invalidField == field, "\(context): \(error)")
                default:
                    Issue.record("\(context): expected \(expected), got \(result)")
                }
            }
        }
    }

    /// With the move allowed from the state, every other capacity is `.notYours`; with it not
    /// allowed, everyone hears `.notAllowed` (the table is checked first).
    @Test(arguments: WorkOrderState.allCases)
    func wrongActorIsNotYours(state: WorkOrderState) {
        let driver = Standard.driver(in: state)
        for action in allActions {
            let allowedFromState = expectedTable[state]![action]! != .conflict
            let right = rightActors(action, state)
            for (name, actor) in singleActors + [("nobody", Actor([]))] where !right.contains(name) {
                let error = driver.apply(sampleCommand(action), by: actor).error
                let expected: RuleError = allowedFromState ? .notYours(action: action) : .notAllowed(action: action, state: state)
                #expect(error == expected, "\(state) × \(action) by \(name): \(String(describing: error))")
            }
        }
    }

    /// The library's own table agrees with the hand-written one on which moves exist.
    @Test func publishedTableMatches() {
        for state in WorkOrderState.allCases {
            for action in allActions {
                let published = WorkOrderRules.target(of: action, from: state)
                switch expectedTable[state]![action]!.move {
                case nil: #expect(published == nil, "\(state) × \(action)")
                case .stays: #expect(published == .unchanged, "\(state) × \(action)")
                case .to(let target): #expect(published == .state(target), "\(state) × \(action)")
                }
            }
        }
    }

    @Test func terminalStatesMoveNowhere() {
        for state in WorkOrderState.allCases where state.isTerminal {
            #expect(!state.isOpen)
            let driver = Standard.driver(in: state)
            for action in allActions {
                #expect(driver.apply(sampleCommand(action), by: everyone).error == .notAllowed(action: action, state: state))
            }
        }
    }

    @Test func stateNames() {
        #expect(WorkOrderState.allCases.map(\.rawValue) == [
            "received", "dispatched", "returned", "accepted", "in_progress", "suspended", "resolved", "rated",
            "reopened", "closed", "rejected", "withdrawn",
        ])
        #expect(WorkOrderState.allCases.map(\.chinese) == [
            "已受理", "已派单", "已退单", "已签收", "办理中", "已挂起", "已办结", "已回访", "重办", "已归档", "不予受理", "已撤回",
        ])
        #expect(WorkOrderState.allCases.filter(\.isOpen) == [.received, .dispatched, .returned, .accepted, .inProgress, .suspended, .reopened])
        #expect(WorkOrderState.allCases.filter(\.isTerminal) == [.closed, .rejected, .withdrawn])
    }

    @Test func messagesAreChineseThenEnglish() {
        #expect(RuleError.notAllowed(action: "return", state: .resolved).message == "已办结的工单不能退单 / a resolved order cannot be returned")
        #expect(RuleError.notAllowed(action: "accept", state: .inProgress).message == "办理中的工单不能签收 / an in progress order cannot be accepted")
        #expect(RuleError.notAllowed(action: "withdraw", state: .closed).message == "已归档的工单不能撤回 / a closed order cannot be withdrawn")
        #expect(RuleError.notYours(action: "approve-extension").message == "无权对该工单执行“批准延期” / you may not approve an extension of this order")
        #expect(RuleError.notAllowed(action: "dispatch", state: .received).httpStatus == 409)
        #expect(RuleError.notYours(action: "dispatch").httpStatus == 403)
        let driver = Standard.driver(in: .accepted)
        let error = driver.apply(.requestExtension(workdays: 4, reason: "需要"), by: .leadHandler).error
        #expect(error?.message == "每次延期为1至3个工作日 / an extension is 1 to 3 working days")
        #expect(error?.httpStatus == 422)
    }
}

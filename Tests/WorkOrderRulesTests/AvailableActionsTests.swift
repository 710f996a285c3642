import Testing
import WorkCalendar
import WorkOrderRules

/// `availableActions` is exactly what `apply` accepts.
@Suite struct AvailableActionsTests {
    static let actors: [(String, Actor)] = singleActors + [
        ("nobody", Actor([])),
        ("dispatcher+supervisor", Actor(.dispatcher, .supervisor)),
        ("everyone", everyone),
    ]

    /// Commands with valid arguments, chosen independently of the library's placeholders.
    static func accepted(_ order: WorkOrder, by actor: Actor, at now: Int64) -> [String] {
        allActions.filter { name in
            var commands = [sampleCommand(name)]
            if name == "rate" { commands = (1...5).map { .rate(score: $0) } }
            if name == "opinion" { commands = order.coOrgs.map { .opinion(org: $0, text: "意见") } }
            return commands.contains { command in
                if case .success = WorkOrderRules.apply(command, to: order, by: actor, at: now, calendar: calendar) { return true }
                return false
            }
        }
    }

    @Test(arguments: WorkOrderState.allCases)
    func agreesWithApply(state: WorkOrderState) {
        let driver = Standard.driver(in: state)
        // Now, just before the deadline ends, just after it (red), and weeks later.
        let instants = [driver.now, endOf(Standard.deadline), endOf(Standard.deadline) + 1, sh("2025-01-10 10:00")]
        for (name, actor) in Self.actors {
            for now in instants {
                let available = WorkOrderRules.availableActions(for: driver.order, actor: actor, at: now, calendar: calendar)
                #expect(available == Self.accepted(driver.order, by: actor, at: now), "\(state) by \(name) at \(now)")
            }
        }
    }

    /// On the standard orders, someone holding every capacity may do exactly what the hand-written
    /// table accepts there.
    @Test(arguments: WorkOrderState.allCases)
    func agreesWithExpectedTable(state: WorkOrderState) {
        let driver = Standard.driver(in: state)
        let expected = allActions.filter { action in
            switch expectedTable[state]![action]! {
            case .to, .stays: true
            case .conflict, .invalid: false
            }
        }
        #expect(WorkOrderRules.availableActions(for: driver.order, actor: everyone, at: driver.now, calendar: calendar) == expected)
    }

    @Test func conditionsAreTakenIntoAccount() {
        var driver = Standard.driver(in: .dispatched)
        let signFor = driver.order.signForDeadline!
        #expect(WorkOrderRules.availableActions(for: driver.order, actor: .leadHandler, at: signFor, calendar: calendar) == ["accept", "return"])
        #expect(WorkOrderRules.availableActions(for: driver.order, actor: .leadHandler, at: signFor + 1, calendar: calendar) == ["accept"])

        driver = Standard.driver(in: .inProgress)
        driver.run(.requestExtension(workdays: 2, reason: "需要核查"), by: .leadHandler)
        #expect(WorkOrderRules.availableActions(for: driver.order, actor: .supervisor, at: driver.now, calendar: calendar)
            == ["urge", "approve-extension", "refuse-extension"])
        #expect(WorkOrderRules.availableActions(for: driver.order, actor: .leadHandler, at: driver.now, calendar: calendar)
            == ["suspend", "resolve"])
        // Overdue: the system may escalate, the handler may no longer ask for time.
        let late = endOf(Standard.deadline) + 1
        #expect(WorkOrderRules.availableActions(for: driver.order, actor: .system, at: late, calendar: calendar) == ["escalate"])
    }
}

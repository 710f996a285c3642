import TestRandom
import Testing
import WorkCalendar
import WorkOrderRules

/// Random command sequences by random actors at increasing times: no crash, no move out of a
/// terminal state, every accepted move in the hand-written table, invariants kept.
@Suite struct PropertyTests {
    static let orgs = [Org.lead, Org.co, Org.other, "500000:TAX"]
    static let texts = ["", "  \n", "原因", "ok", String(repeating: "长", count: 1001), " 理由 "]
    static let capacities: [Capacity] = [.requester, .dispatcher, .leadHandler, .supervisor, .system]
        + orgs.map { .coHandler(org: $0) }

    struct Tally {
        var accepted = 0
        var refused = 0
        var statesReached: Set<WorkOrderState> = []
        var actionsAccepted: Set<String> = []
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 0xC0FFEE, 0x12351, 0x12345, 20_240_927])
    func randomSequences(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var tally = Tally()
        for sequence in 0..<120 {
            run(sequence: sequence, seed: seed, random: &random, tally: &tally)
        }
        // The generator must actually exercise the machine, or the test proves nothing.
        #expect(tally.statesReached == Set(WorkOrderState.allCases), "seed \(seed): reached \(tally.statesReached)")
        #expect(tally.actionsAccepted.count >= 19, "seed \(seed): accepted only \(tally.actionsAccepted.sorted())")
        #expect(tally.accepted > 500 && tally.refused > 500, "seed \(seed): \(tally.accepted) / \(tally.refused)")
    }

    func run(sequence: Int, seed: UInt64, random: inout SplitMix64, tally: inout Tally) {
        let start = Int64.random(in: sh("2020-01-01 00:00")...sh("2026-10-01 00:00"), using: &random)
        let category = WorkOrderCategory.allCases.randomElement(using: &random)!
        var order = WorkOrder.receive(id: 7, category: category, urgent: Bool.random(using: &random),
                                      promisedWorkdays: Int.random(in: 0...30, using: &random), at: start,
                                      calendar: calendar).0
        var now = start
        tally.statesReached.insert(order.state)
        var stepsAfterTerminal = 0
        for step in 0..<60 {
            // A few more tries show a terminal order stays put; then start a new sequence.
            if order.state.isTerminal {
                stepsAfterTerminal += 1
                if stepsAfterTerminal > 5 { break }
            }
            now = Self.nextInstant(after: now, order: order, random: &random)
            let (command, actor) = Self.pick(order: order, now: now, random: &random)
            let context = "seed \(seed) sequence \(sequence) step \(step): \(command) from \(order.state)"
            let result = WorkOrderRules.apply(command, to: order, by: actor, at: now, calendar: calendar)
            let expectedMove = expectedTable[order.state]![command.name]!.move
            let available = WorkOrderRules.availableActions(for: order, actor: actor, at: now, calendar: calendar)
            switch result {
            case .success(let t):
                tally.accepted += 1
                tally.actionsAccepted.insert(command.name)
                #expect(!order.state.isTerminal, "\(context): moved a terminal order")
                #expect(t.before == order && t.action == command.name && t.from == order.state && t.to == t.after.state, "\(context)")
                switch expectedMove {
                case nil: Issue.record("\(context): accepted a move the table does not have")
                case .stays: #expect(t.to == t.from, "\(context): an event moved the order to \(t.to)")
                case .to(let target): #expect(t.to == target, "\(context): went to \(t.to), expected \(target)")
                }
                #expect(available.contains(command.name), "\(context): accepted but not available")
                Self.checkInvariants(t.after, now: now, context: context)
                order = t.after
                tally.statesReached.insert(order.state)
            case .failure(let error):
                tally.refused += 1
                if expectedMove == nil {
                    #expect(error == .notAllowed(action: command.name, state: order.state), "\(context): \(error)")
                } else if case .notAllowed = error {
                    Issue.record("\(context): refused as not allowed, but the table has it")
                }
                switch error {
                case .notAllowed: #expect(!available.contains(command.name), "\(context): refused but available")
                case .notYours where command.name != "opinion":  // another org's opinion may be available
                    #expect(!available.contains(command.name), "\(context): refused but available")
                default: break
                }
            }
        }
    }

    static func checkInvariants(_ order: WorkOrder, now: Int64, context: String) {
        #expect(order.coOrgs == Array(Set(order.coOrgs)).sorted(), "\(context): coOrgs \(order.coOrgs)")
        #expect(order.opinionsFrom == Array(Set(order.opinionsFrom)).sorted(), "\(context): opinions \(order.opinionsFrom)")
        #expect(order.opinionsFrom.allSatisfy(order.coOrgs.contains), "\(context): opinion from a non-co-org")
        #expect(order.leadOrg.map { !order.coOrgs.contains($0) } ?? true, "\(context): lead is a co-org")
        #expect((0...3).contains(order.extensionsApproved), "\(context)")
        #expect(order.pendingExtension.map { (1...3).contains($0) } ?? true, "\(context)")
        #expect((0...1).contains(order.reopenCount), "\(context)")
        #expect(order.ratings.allSatisfy { (1...5).contains($0) } && order.ratings.count <= 3, "\(context): \(order.ratings)")
        #expect(order.state.isTerminal == (order.closedAt != nil), "\(context)")
        #expect((order.state == .suspended) == (order.suspendedOn != nil), "\(context)")
        #expect((order.state == .suspended) == (order.remainingWorkdays != nil), "\(context)")
        if order.state == .resolved || order.state == .rated { #expect(order.resolvedAt != nil, "\(context)") }
        if order.state == .rated { #expect(!order.ratings.isEmpty, "\(context)") }
        if order.mergedInto != nil { #expect(order.state == .closed, "\(context)") }
        // Nothing out of sight: every unfinished order waits in a queue, the dispatchers' exactly when it has no lead.
        let queue = WorkbenchQueue.of(order)
        #expect((queue == nil) == order.state.isTerminal, "\(context): queue \(String(describing: queue))")
        if let queue { #expect((queue.owner == .dispatcher) == (order.leadOrg == nil), "\(context): \(queue) with lead \(order.leadOrg ?? "none")") }
        if order.pendingExtension != nil {
            #expect([.accepted, .inProgress, .suspended, .reopened].contains(order.state), "\(context)")
        }
        if ![.received, .dispatched, .returned, .accepted, .inProgress, .reopened].contains(order.state) {
            #expect(WorkOrderRules.warning(order, at: now, calendar: calendar) == .none, "\(context)")
        }
    }

    /// Later than `now`: a millisecond, minutes, hours, days, weeks, or exactly on a limit of the order.
    static func nextInstant(after now: Int64, order: WorkOrder, random: inout SplitMix64) -> Int64 {
        let limits = [calendar.deadlineMillis(of: order.handlingDeadline), order.signForDeadline ?? 0]
            .flatMap { [$0 - 1, $0, $0 + 1] }
            .filter { $0 > now }
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return now + 1
        case 1, 2, 3: return now + Int64.random(in: minute...(3 * hour), using: &random)
        case 4, 5: return now + Int64.random(in: hour...(3 * day), using: &random)
        case 6: return now + Int64.random(in: (3 * day)...(25 * day), using: &random)
        default: return limits.randomElement(using: &random) ?? now + hour
        }
    }

    /// Half the time a command someone may issue now (valid arguments), else anything by anyone.
    static func pick(order: WorkOrder, now: Int64, random: inout SplitMix64) -> (Command, Actor) {
        if Bool.random(using: &random) {
            let actor = Actor(Set(capacities))
            var names = WorkOrderRules.availableActions(for: order, actor: actor, at: now, calendar: calendar)
            // Favour the long road: terminal moves end a sequence early.
            if names.count > 1, Int.random(in: 0..<4, using: &random) > 0 {
                let ongoing = names.filter { !["withdraw", "reject", "merge", "close", "auto-close"].contains($0) }
                if !ongoing.isEmpty { names = ongoing }
            }
            if let name = names.randomElement(using: &random) {
                return (validCommand(name, order: order, random: &random), actor)
            }
        }
        let actor = Actor(Set(capacities.filter { _ in Int.random(in: 0..<4, using: &random) == 0 }))
        return (anyCommand(order: order, random: &random), actor)
    }

    static func validCommand(_ name: String, order: WorkOrder, random: inout SplitMix64) -> Command {
        switch name {
        case "dispatch":
            let lead = orgs.randomElement(using: &random)!
            return .dispatch(leadOrg: lead, coOrgs: orgs.filter { $0 != lead && Bool.random(using: &random) })
        case "opinion": return .opinion(org: order.coOrgs.randomElement(using: &random)!, text: "意见")
        case "rate": return .rate(score: Int.random(in: 1...5, using: &random))
        case "request-extension": return .requestExtension(workdays: Int.random(in: 1...3, using: &random), reason: "理由")
        default: return sampleCommand(name)
        }
    }

    static func anyCommand(order: WorkOrder, random: inout SplitMix64) -> Command {
        func text() -> String { texts.randomElement(using: &random)! }
        switch allActions.randomElement(using: &random)! {
        case "dispatch":
            return .dispatch(leadOrg: (orgs + ["", " "]).randomElement(using: &random)!,
                             coOrgs: (orgs + [""]).filter { _ in Int.random(in: 0..<3, using: &random) == 0 })
        case "accept": return .accept
        case "return": return .returnOrder(reason: text())
        case "start": return .start
        case "opinion": return .opinion(org: orgs.randomElement(using: &random)!, text: text())
        case "suspend": return .suspend(reason: text())
        case "resume": return .resume
        case "resolve": return .resolve(result: text())
        case "rate": return .rate(score: Int.random(in: -1...7, using: &random))
        case "reopen": return .reopen(reason: text())
        case "close": return .close
        case "urge": return .urge(note: text())
        case "reject": return .reject(reason: text())
        case "withdraw": return .withdraw(reason: text())
        case "supplement": return .supplement(text: text())
        case "request-extension": return .requestExtension(workdays: Int.random(in: -1...5, using: &random), reason: text())
        case "approve-extension": return .approveExtension
        case "refuse-extension": return .refuseExtension(reason: text())
        case "callback": return .callback(note: text())
        case "merge": return .merge(into: [7, 0, -5, 3, 99].randomElement(using: &random)!)
        case "auto-close": return .autoClose
        default: return .escalate
        }
    }
}

import Testing
import WorkCalendar
import WorkOrderRules

/// 工作台: every order that is not finished waits in exactly one queue, so nobody loses it.
@Suite struct WorkbenchQueueTests {
    /// Orders driven to every state the machine has, with the variants that change the queue.
    static func ordersInEveryState() -> [(String, WorkOrder)] {
        let start = sh("2026-03-02 09:00")
        var out: [(String, WorkOrder)] = []
        var d = Driver(at: start)
        out.append(("received", d.order))
        d.run(.dispatch(leadOrg: Org.lead, coOrgs: [Org.co]), by: .dispatcher)
        out.append(("dispatched", d.order))
        var returned = d
        returned.run(.returnOrder(reason: "不属于本单位职责"), by: .leadHandler)
        out.append(("returned", returned.order))
        var rejected = returned
        rejected.run(.reject(reason: "不属于受理范围"), by: .dispatcher)
        out.append(("rejected", rejected.order))
        d.run(.accept, by: .leadHandler)
        out.append(("accepted", d.order))
        d.run(.start, by: .leadHandler)
        out.append(("in progress, opinion owed", d.order))
        var withdrawn = d
        withdrawn.run(.withdraw(reason: "问题已自行解决"), by: .requester)
        out.append(("withdrawn", withdrawn.order))
        var suspended = d
        suspended.run(.suspend(reason: "等待补正材料"), by: .leadHandler)
        out.append(("suspended", suspended.order))
        d.run(.opinion(org: Org.co, text: "同意"), by: .coHandler(Org.co))
        out.append(("in progress, opinions in", d.order))
        d.run(.resolve(result: "已办结"), by: .leadHandler)
        out.append(("resolved", d.order))
        var good = d
        good.run(.rate(score: 4), by: .requester)
        out.append(("rated satisfied", good.order))
        var closed = good
        closed.run(.close, by: .supervisor)
        out.append(("closed", closed.order))
        d.run(.rate(score: 1), by: .requester)
        out.append(("rated badly", d.order))
        d.run(.callback(note: "已回访"), by: .leadHandler)
        out.append(("rated badly, called back", d.order))
        d.run(.reopen(reason: "整改不到位"), by: .supervisor)
        out.append(("reopened", d.order))
        return out
    }

    @Test func everyStateOfTheMachineIsReachedHere() {
        let reached = Set(Self.ordersInEveryState().map(\.1.state))
        #expect(reached == Set(WorkOrderState.allCases), "missing \(Set(WorkOrderState.allCases).subtracting(reached))")
    }

    @Test func everyUnfinishedOrderWaitsInExactlyTheQueueOfWhoseMoveItIs() {
        let expected: [String: WorkbenchQueue?] = [
            "received": .toDispatch, "returned": .returned, "dispatched": .toSignFor, "accepted": .signedFor,
            "in progress, opinion owed": .awaitingOpinions, "in progress, opinions in": .inProgress, "suspended": .suspended,
            "resolved": .awaitingRating, "rated satisfied": .awaitingRating, "rated badly": .badRating,
            "rated badly, called back": .badRating, "reopened": .reopened,
            "closed": nil, "rejected": nil, "withdrawn": nil,
        ]
        for (name, order) in Self.ordersInEveryState() {
            #expect(WorkbenchQueue.of(order) == expected[name]!, "\(name)")
        }
    }

    @Test func aQueueIsMissingOnlyForTheFinishedStates() {
        for (name, order) in Self.ordersInEveryState() {
            #expect((WorkbenchQueue.of(order) == nil) == order.state.isTerminal, "\(name)")
        }
    }

    @Test func everyQueueIsUsedAndNamedInBothLanguages() {
        let used = Set(Self.ordersInEveryState().compactMap { WorkbenchQueue.of($0.1) })
        #expect(used == Set(WorkbenchQueue.allCases))
        #expect(Set(WorkbenchQueue.allCases.map(\.chinese)).count == WorkbenchQueue.allCases.count)
        #expect(Set(WorkbenchQueue.allCases.map(\.english)).count == WorkbenchQueue.allCases.count)
    }

    @Test func theDispatchersOwnExactlyTheQueuesOfOrdersWithNoLead() {
        for (name, order) in Self.ordersInEveryState() {
            guard let queue = WorkbenchQueue.of(order) else { continue }
            #expect((queue.owner == .dispatcher) == (order.leadOrg == nil), "\(name)")
        }
    }
}

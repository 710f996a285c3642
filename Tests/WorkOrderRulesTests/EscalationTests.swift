import Testing
import WorkCalendar
import WorkOrderRules

/// 超期升级: one escalation per deadline.
@Suite struct EscalationTests {
    @Test func oncePerDeadlineAndAgainAfterAnExtension() {
        var driver = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))  // due Mon 18 Nov
        // Asked in time, on the deadline day; the supervisor answers only after it has passed.
        driver.run(.requestExtension(workdays: 3, reason: "需实地核查"), by: .leadHandler, at: sh("2024-11-18 17:00"))

        #expect(!WorkOrderRules.isDueForEscalation(driver.order, at: endOf("2024-11-18"), calendar: calendar))
        #expect(driver.refuse(.escalate, by: .system, at: endOf("2024-11-18"))?.invalidField == "handlingDeadline")

        #expect(WorkOrderRules.isDueForEscalation(driver.order, at: endOf("2024-11-18") + 1, calendar: calendar))
        let first = driver.run(.escalate, by: .system, at: sh("2024-11-19 01:00"))
        #expect(first?.from == .inProgress && first?.to == .inProgress)
        #expect(driver.order.escalatedDeadline == ymd("2024-11-18"))
        #expect(!WorkOrderRules.isDueForEscalation(driver.order, at: sh("2024-11-19 02:00"), calendar: calendar))
        #expect(driver.refuse(.escalate, by: .system, at: sh("2024-11-19 02:00"))?.invalidField == "escalatedDeadline")
        #expect(driver.warning == .red)  // still red: escalation does not hide the overdue order

        // Approved: 3 working days after the current deadline: 19, 20, 21 Nov.
        driver.run(.approveExtension, by: .supervisor, at: sh("2024-11-19 10:00"))
        #expect(driver.order.handlingDeadline == ymd("2024-11-21"))
        #expect(driver.warning == .none)
        #expect(!WorkOrderRules.isDueForEscalation(driver.order, at: endOf("2024-11-21"), calendar: calendar))

        // The new deadline passes too: one more escalation, for it.
        #expect(WorkOrderRules.isDueForEscalation(driver.order, at: endOf("2024-11-21") + 1, calendar: calendar))
        driver.run(.escalate, by: .system, at: endOf("2024-11-21") + 1)
        #expect(driver.order.escalatedDeadline == ymd("2024-11-21"))
        #expect(driver.refuse(.escalate, by: .system, after: day)?.invalidField == "escalatedDeadline")
    }

    /// Two instances of the job both read the same stored order: the second apply, against the
    /// order the first one stored, is refused.
    @Test func secondInstanceIsRefused() {
        let driver = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))
        let late = sh("2024-11-20 03:00")
        let first = driver.apply(.escalate, by: .system, at: late).transition!
        let second = WorkOrderRules.apply(.escalate, to: first.after, by: .system, at: late + 5, calendar: calendar)
        #expect(second.error?.invalidField == "escalatedDeadline")
    }

    @Test func onlyTheSystemEscalates() {
        let driver = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))
        for actor in [Actor.supervisor, .dispatcher, .leadHandler] {
            #expect(driver.apply(.escalate, by: actor, at: sh("2024-11-20 03:00")).error == .notYours(action: "escalate"))
        }
    }

    /// Urging is an event: nothing about the order changes.
    @Test func urgeChangesNothing() {
        let driver = Standard.driver(in: .suspended)
        let urged = driver.apply(.urge(note: "请尽快办理"), by: .dispatcher).transition
        #expect(urged?.after == driver.order)
        #expect(urged?.from == .suspended && urged?.to == .suspended)
        #expect(urged?.note == "请尽快办理")
        #expect(driver.apply(.urge(note: "  "), by: .supervisor).error?.invalidField == "note")
    }
}

import Testing
import WorkCalendar
import WorkOrderRules

/// 挂起 stops the clock; 恢复 restarts it with the working days that were left.
@Suite struct SuspensionTests {
    /// Complaint received Mon 23 Sep 2024, due Fri 11 Oct (24, 25, 26, 27, 29 (Sun), 30 Sep, 8, 9, 10, 11 Oct).
    /// Suspended Fri 27 Sep with 6 left (29, 30 Sep, 8, 9, 10, 11 Oct); resumed Tue 8 Oct:
    /// 9, 10, 11, 12 (Sat), 14, 15 Oct.
    @Test func acrossNationalDay() {
        var driver = Driver.inProgress(receivedAt: sh("2024-09-23 09:00"))
        #expect(driver.order.handlingDeadline == ymd("2024-10-11"))
        driver.run(.suspend(reason: "等待申请人补正材料"), by: .leadHandler, at: sh("2024-09-27 15:00"))
        #expect(driver.order.state == .suspended)
        #expect(driver.order.suspendedOn == ymd("2024-09-27"))
        #expect(driver.order.remainingWorkdays == 6)

        // No warning while suspended, even long after the old deadline.
        for instant in [sh("2024-10-10 10:00"), endOf("2024-10-11") + 1, sh("2024-11-30 10:00")] {
            #expect(WorkOrderRules.warning(driver.order, at: instant, calendar: calendar) == .none)
            #expect(!WorkOrderRules.isDueForEscalation(driver.order, at: instant, calendar: calendar))
        }
        #expect(driver.apply(.escalate, by: .system, at: sh("2024-11-30 10:00")).error
            == .notAllowed(action: "escalate", state: .suspended))

        let resumed = driver.run(.resume, by: .leadHandler, at: sh("2024-10-08 09:30"))
        #expect(resumed?.calendarComplete == true)
        #expect(driver.order.state == .inProgress)
        #expect(driver.order.handlingDeadline == ymd("2024-10-15"))
        #expect(driver.order.suspendedOn == nil && driver.order.remainingWorkdays == nil)
        #expect(WorkOrderRules.warning(driver.order, at: sh("2024-10-14 09:00"), calendar: calendar) == .yellow)
        #expect(WorkOrderRules.warning(driver.order, at: endOf("2024-10-15") + 1, calendar: calendar) == .red)
    }

    /// Complaint received Mon 20 Jan 2025, due Sat 8 Feb (a 调休 working day). Suspended Fri 24 Jan
    /// with 6 left (26 (Sun), 27 Jan, 5, 6, 7, 8 Feb); resumed Wed 5 Feb: 6, 7, 8, 10, 11, 12 Feb.
    @Test func acrossSpringFestival() {
        var driver = Driver.inProgress(receivedAt: sh("2025-01-20 09:00"))
        #expect(driver.order.handlingDeadline == ymd("2025-02-08"))
        driver.run(.suspend(reason: "等待第三方鉴定"), by: .leadHandler, at: sh("2025-01-24 17:00"))
        #expect(driver.order.remainingWorkdays == 6)
        driver.run(.resume, by: .leadHandler, at: sh("2025-02-05 09:00"))
        #expect(driver.order.handlingDeadline == ymd("2025-02-12"))
    }

    /// Suspended on or after the deadline nothing is left: the resumption day is the deadline.
    @Test func suspendedWhenOverdue() {
        var driver = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))  // due Mon 18 Nov
        driver.run(.suspend(reason: "等待材料"), by: .leadHandler, at: sh("2024-11-20 10:00"))
        #expect(driver.order.remainingWorkdays == -2)
        driver.run(.resume, by: .leadHandler, at: sh("2024-11-25 10:00"))
        #expect(driver.order.handlingDeadline == ymd("2024-11-25"))
        #expect(driver.warning == .yellow)
        #expect(WorkOrderRules.warning(driver.order, at: endOf("2024-11-25") + 1, calendar: calendar) == .red)
    }

    @Test func suspendedOnTheDeadlineDay() {
        var driver = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))  // due Mon 18 Nov
        driver.run(.suspend(reason: "等待材料"), by: .leadHandler, at: sh("2024-11-18 16:00"))
        #expect(driver.order.remainingWorkdays == 0)
        driver.run(.resume, by: .leadHandler, at: sh("2024-11-22 09:00"))
        #expect(driver.order.handlingDeadline == ymd("2024-11-22"))
    }

    @Test func suspensionNeedsAReasonAndTheLeadHandler() {
        let driver = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))
        #expect(driver.apply(.suspend(reason: ""), by: .leadHandler).error?.invalidField == "reason")
        #expect(driver.apply(.suspend(reason: "等待"), by: .coHandler(Org.co)).error == .notYours(action: "suspend"))
        #expect(driver.apply(.resume, by: .leadHandler).error == .notAllowed(action: "resume", state: .inProgress))
    }
}

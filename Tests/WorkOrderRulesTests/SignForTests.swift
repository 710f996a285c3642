import Testing
import WorkCalendar
import WorkOrderRules

/// 签收时限 and 退单.
@Suite struct SignForTests {
    static func dispatched(at instant: Int64, urgent: Bool = false) -> Driver {
        var driver = Driver(category: .inquiry, urgent: urgent, at: instant - hour)
        driver.run(.dispatch(leadOrg: Org.lead, coOrgs: []), by: .dispatcher, at: instant)
        return driver
    }

    @Test func signForDeadlines() {
        // Friday afternoon before the Dragon Boat Festival (Mon 2 Jun 2025 off): due end of Tue 3 Jun.
        #expect(WorkOrderRules.signForDeadline(dispatchedAt: sh("2025-05-30 16:00"), urgent: false, calendar: calendar)
            == endOf("2025-06-03"))
        // Friday before National Day 2024: Sunday 29 Sep is a working day.
        #expect(WorkOrderRules.signForDeadline(dispatchedAt: sh("2024-09-27 17:30"), urgent: false, calendar: calendar)
            == endOf("2024-09-29"))
        // Monday 30 Sep: the next working day is 8 Oct.
        #expect(WorkOrderRules.signForDeadline(dispatchedAt: sh("2024-09-30 08:00"), urgent: false, calendar: calendar)
            == endOf("2024-10-08"))
        // Urgent: 2 clock hours, holiday or not, even across midnight.
        #expect(WorkOrderRules.signForDeadline(dispatchedAt: sh("2025-05-30 16:00"), urgent: true, calendar: calendar)
            == sh("2025-05-30 18:00"))
        #expect(WorkOrderRules.signForDeadline(dispatchedAt: sh("2024-10-01 23:00"), urgent: true, calendar: calendar)
            == sh("2024-10-02 01:00"))
    }

    @Test func dispatchRecordsTheLimit() {
        let driver = Self.dispatched(at: sh("2025-05-30 16:00"))
        #expect(driver.order.dispatchedAt == sh("2025-05-30 16:00"))
        #expect(driver.order.signForDeadline == endOf("2025-06-03"))
        #expect(driver.order.leadOrg == Org.lead)
        #expect(driver.order.signedForInTime == nil)
    }

    @Test func returnAllowedAtTheLimitRefusedOneMillisecondAfter() {
        let driver = Self.dispatched(at: sh("2025-05-30 16:00"))
        let limit = endOf("2025-06-03")
        let atLimit = driver.apply(.returnOrder(reason: "非本单位职责"), by: .leadHandler, at: limit)
        #expect(atLimit.transition?.to == .returned)
        #expect(atLimit.transition?.after.leadOrg == nil)
        #expect(driver.apply(.returnOrder(reason: "非本单位职责"), by: .leadHandler, at: limit + 1).error?.invalidField
            == "signForDeadline")
    }

    @Test func urgentReturnWithinTwoHours() {
        let driver = Self.dispatched(at: sh("2025-05-30 16:00"), urgent: true)
        #expect(driver.apply(.returnOrder(reason: "非本单位职责"), by: .leadHandler, at: sh("2025-05-30 18:00")).transition != nil)
        #expect(driver.apply(.returnOrder(reason: "非本单位职责"), by: .leadHandler, at: sh("2025-05-30 18:00") + 1).error?.invalidField
            == "signForDeadline")
    }

    @Test func returnNeedsAReason() {
        let driver = Self.dispatched(at: sh("2025-05-30 16:00"))
        #expect(driver.apply(.returnOrder(reason: " \n\t　"), by: .leadHandler).error?.invalidField == "reason")
    }

    /// 首办负责: past the limit the organisation keeps the order; signing for it late is recorded.
    @Test func lateAcceptanceIsAllowedAndRecorded() {
        var driver = Self.dispatched(at: sh("2025-05-30 16:00"))
        driver.run(.accept, by: .leadHandler, at: sh("2025-06-04 09:00"))
        #expect(driver.order.state == .accepted)
        #expect(driver.order.signedForInTime == false)

        var prompt = Self.dispatched(at: sh("2025-05-30 16:00"))
        prompt.run(.accept, by: .leadHandler, at: endOf("2025-06-03"))
        #expect(prompt.order.signedForInTime == true)
    }

    /// After a return the dispatcher sends the order on with a fresh limit; the system may not.
    @Test func redispatchAfterReturn() {
        var driver = Self.dispatched(at: sh("2025-05-30 16:00"))
        driver.run(.returnOrder(reason: "非本单位职责"), by: .leadHandler, at: sh("2025-06-03 10:00"))
        #expect(driver.apply(.dispatch(leadOrg: Org.other, coOrgs: []), by: .system).error == .notYours(action: "dispatch"))
        driver.run(.dispatch(leadOrg: Org.other, coOrgs: []), by: .dispatcher, at: sh("2025-06-03 11:00"))
        #expect(driver.order.leadOrg == Org.other)
        #expect(driver.order.signForDeadline == endOf("2025-06-04"))
    }
}

import Testing
import WorkCalendar
import WorkOrderRules

/// 预警: yellow on the deadline day and the working day before it, red after 24:00 Shanghai.
@Suite struct WarningTests {
    static func warning(_ order: WorkOrder, _ instant: Int64) -> Warning {
        WorkOrderRules.warning(order, at: instant, calendar: calendar)
    }

    /// Due Monday 18 Nov 2024: the working day before is Friday 15, across the weekend.
    @Test func acrossAWeekend() {
        let order = Driver.inProgress(receivedAt: sh("2024-11-04 09:00")).order
        #expect(order.handlingDeadline == ymd("2024-11-18"))
        #expect(Self.warning(order, sh("2024-11-14 23:59")) == .none)
        #expect(Self.warning(order, ymd("2024-11-15").shanghaiStartMillis - 1) == .none)
        #expect(Self.warning(order, ymd("2024-11-15").shanghaiStartMillis) == .yellow)
        #expect(Self.warning(order, sh("2024-11-16 12:00")) == .yellow)  // Saturday
        #expect(Self.warning(order, sh("2024-11-17 12:00")) == .yellow)  // Sunday
        #expect(Self.warning(order, sh("2024-11-18 23:59")) == .yellow)
        #expect(Self.warning(order, endOf("2024-11-18")) == .yellow)     // 24:00 exactly: still in time
        #expect(Self.warning(order, endOf("2024-11-18") + 1) == .red)
        #expect(Self.warning(order, sh("2025-03-01 10:00")) == .red)
    }

    /// Due Tue 8 Oct 2024: Monday 30 Sep is the working day before it, so the whole holiday is yellow;
    /// Sunday 29 Sep (a working day) is not.
    @Test func acrossNationalDay() {
        let order = Driver.inProgress(.inquiry, receivedAt: sh("2024-09-27 10:00")).order
        #expect(order.handlingDeadline == ymd("2024-10-08"))
        #expect(Self.warning(order, sh("2024-09-29 18:00")) == .none)
        #expect(Self.warning(order, sh("2024-09-30 08:00")) == .yellow)
        #expect(Self.warning(order, sh("2024-10-04 08:00")) == .yellow)
        #expect(Self.warning(order, sh("2024-10-08 20:00")) == .yellow)
        #expect(Self.warning(order, sh("2024-10-09 00:01")) == .red)
    }

    /// Before dispatch the clock already runs (it counts from receipt).
    @Test func appliesBeforeDispatch() {
        let order = Driver(category: .inquiry, at: sh("2024-11-04 09:00")).order  // due Thu 7 Nov
        #expect(Self.warning(order, sh("2024-11-04 09:00")) == .none)
        #expect(Self.warning(order, sh("2024-11-06 09:00")) == .yellow)
        #expect(Self.warning(order, sh("2024-11-08 09:00")) == .red)
    }

    @Test func noneOnceResolvedOrClosed() {
        let late = sh("2025-03-01 10:00")
        for state in [WorkOrderState.suspended, .resolved, .rated, .closed, .rejected, .withdrawn] {
            let order = Standard.driver(in: state).order
            #expect(Self.warning(order, late) == .none, "\(state)")
        }
        for state in [WorkOrderState.received, .dispatched, .returned, .accepted, .inProgress] {
            #expect(Self.warning(Standard.driver(in: state).order, late) == .red, "\(state)")
        }
        // A reopened order has a fresh deadline (15 working days of rectification) and warns again.
        #expect(Self.warning(Standard.driver(in: .reopened).order, late) == .red)
    }

    @Test func resolvedLateIsNotOnTime() {
        var driver = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))
        driver.run(.resolve(result: "已办理"), by: .leadHandler, at: endOf("2024-11-18") + 1)
        #expect(driver.order.resolvedOnTime == false)
        #expect(driver.warning == .none)
        var prompt = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))
        prompt.run(.resolve(result: "已办理"), by: .leadHandler, at: endOf("2024-11-18"))
        #expect(prompt.order.resolvedOnTime == true)
    }
}

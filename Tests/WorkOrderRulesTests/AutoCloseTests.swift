import Testing
import WorkCalendar
import WorkOrderRules

/// 自动归档 of orders nobody moves on.
@Suite struct AutoCloseTests {
    static func resolved(at instant: Int64) -> Driver {
        var driver = Driver.inProgress(receivedAt: instant - 3 * day)
        driver.run(.resolve(result: "已办理"), by: .leadHandler, at: instant)
        return driver
    }

    static func due(_ order: WorkOrder, _ instant: Int64) -> Bool {
        WorkOrderRules.isDueForAutoClose(order, at: instant, calendar: calendar)
    }

    /// Resolved Fri 8 Nov 2024: the 5 working days are 11–15 Nov; due after 24:00 Fri 15 Nov.
    @Test func unratedAfterFiveWorkingDays() {
        let order = Self.resolved(at: sh("2024-11-08 15:00")).order
        #expect(WorkOrderRules.autoCloseAfter(order, calendar: calendar) == endOf("2024-11-15"))
        #expect(!Self.due(order, sh("2024-11-14 12:00")))
        #expect(!Self.due(order, sh("2024-11-15 23:59")))
        #expect(!Self.due(order, endOf("2024-11-15")))
        #expect(Self.due(order, endOf("2024-11-15") + 1))
        // In workdaysBetween terms: 5 working days lie in (8 Nov, 15 Nov] and in (8 Nov, 16 Nov];
        // on the 15th (the 5th of them) the requester may still rate, on Saturday 16th not.
        #expect(calendar.workdaysBetween(ymd("2024-11-08"), ymd("2024-11-15")).value == 5)
        #expect(calendar.workdaysBetween(ymd("2024-11-08"), ymd("2024-11-16")).value == 5)
        #expect(Self.due(order, sh("2024-11-16 09:00")))
    }

    /// Resolved Fri 27 Sep 2024: 29, 30 Sep, 8, 9, 10 Oct.
    @Test func unratedAcrossNationalDay() {
        let order = Self.resolved(at: sh("2024-09-27 11:00")).order
        #expect(!Self.due(order, sh("2024-10-07 12:00")))
        #expect(!Self.due(order, endOf("2024-10-10")))
        #expect(Self.due(order, endOf("2024-10-10") + 1))
    }

    @Test func theCommandFollowsTheRule() {
        var driver = Self.resolved(at: sh("2024-11-08 15:00"))
        #expect(driver.refuse(.autoClose, by: .system, at: endOf("2024-11-15"))?.invalidField == "autoClose")
        #expect(driver.refuse(.autoClose, by: .supervisor, at: endOf("2024-11-15") + 1) == .notYours(action: "auto-close"))
        let closed = driver.run(.autoClose, by: .system, at: endOf("2024-11-15") + 1)
        #expect(closed?.from == .resolved && closed?.to == .closed)
        #expect(driver.order.closedAt == endOf("2024-11-15") + 1)
        #expect(driver.order.ratings.isEmpty)
    }

    @Test func goodRatedAtOnce() {
        var driver = Self.resolved(at: sh("2024-11-08 15:00"))
        driver.run(.rate(score: 4), by: .requester, at: sh("2024-11-08 16:00"))
        #expect(!Self.due(driver.order, sh("2024-11-08 16:00")))
        #expect(Self.due(driver.order, sh("2024-11-08 16:00") + 1))
    }

    /// Rated 2 on Fri 8 Nov 2024: 15 working days are 11 … 29 Nov.
    @Test func badRatedAfterFifteenWorkingDays() {
        var driver = Self.resolved(at: sh("2024-11-08 15:00"))
        driver.run(.rate(score: 2), by: .requester, at: sh("2024-11-08 16:00"))
        #expect(!Self.due(driver.order, endOf("2024-11-29")))
        #expect(Self.due(driver.order, endOf("2024-11-29") + 1))
        // A re-rating restarts the wait from the latest bad rating.
        driver.run(.callback(note: "已回访"), by: .leadHandler, at: sh("2024-11-11 09:00"))
        driver.run(.rate(score: 1), by: .requester, at: sh("2024-11-20 09:00"))
        #expect(!Self.due(driver.order, endOf("2024-11-29") + 1))
        #expect(WorkOrderRules.autoCloseAfter(driver.order, calendar: calendar) == endOf("2024-12-11"))
    }

    @Test func neverOutsideResolvedAndRated() {
        for state in WorkOrderState.allCases where state != .resolved && state != .rated {
            let order = Standard.driver(in: state).order
            #expect(!Self.due(order, sh("2030-01-01 00:00")), "\(state)")
        }
    }
}

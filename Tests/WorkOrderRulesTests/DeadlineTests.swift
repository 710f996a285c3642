import Testing
import WorkCalendar
import WorkOrderRules

/// 办理时限 on the official calendar. Expected dates are worked out by hand in the comments.
@Suite struct DeadlineTests {
    @Test func handlingLimits() {
        let cases: [(WorkOrderCategory, Int?, Bool, Int)] = [
            (.inquiry, nil, false, 3), (.inquiry, nil, true, 2),
            (.help, nil, false, 5), (.help, nil, true, 3),
            (.complaint, nil, false, 10), (.complaint, nil, true, 5),
            (.suggestion, nil, false, 15), (.suggestion, nil, true, 8),
            (.service, 14, false, 14), (.service, 14, true, 7), (.service, 1, true, 1), (.service, 5, true, 3),
            (.service, nil, false, 20), (.service, nil, true, 10),   // no promise: 行政许可法 20 days
            (.service, 0, false, 1), (.service, -3, true, 1),       // 即办件: next working day
            (.complaint, 30, false, 10),                             // a promise is for service items only
        ]
        for (category, promised, urgent, expected) in cases {
            #expect(WorkOrderRules.handlingLimit(category: category, promisedWorkdays: promised, urgent: urgent) == expected,
                    "\(category) promised \(String(describing: promised)) urgent \(urgent)")
        }
    }

    static func deadline(_ category: WorkOrderCategory, urgent: Bool = false, promised: Int? = nil, at: Int64) -> (LocalDate, Bool) {
        let (order, complete) = WorkOrder.receive(category: category, urgent: urgent, promisedWorkdays: promised, at: at, calendar: calendar)
        #expect(order.state == .received && order.receivedAt == at && order.urgent == urgent)
        return (order.handlingDeadline, complete)
    }

    /// National Day 2024: Sun 29 Sep worked, 1–7 Oct off, Sat 12 Oct worked.
    @Test func nationalDay2024() {
        let friday = sh("2024-09-27 10:00")
        // Complaint, 10: 29, 30 Sep, 8, 9, 10, 11, 12 (Sat), 14, 15, 16 Oct.
        #expect(Self.deadline(.complaint, at: friday) == (ymd("2024-10-16"), true))
        // Inquiry, 3: 29, 30 Sep, 8 Oct. Urgent inquiry, 2 (3 halved, rounded up): 29, 30 Sep.
        #expect(Self.deadline(.inquiry, at: friday) == (ymd("2024-10-08"), true))
        #expect(Self.deadline(.inquiry, urgent: true, at: friday) == (ymd("2024-09-30"), true))
        // Service item promising 14: … 16 Oct (10th), 17, 18, 21, 22 Oct.
        #expect(Self.deadline(.service, promised: 14, at: friday) == (ymd("2024-10-22"), true))
        // Urgent service, 7: 29, 30 Sep, 8, 9, 10, 11, 12 (Sat) Oct.
        #expect(Self.deadline(.service, urgent: true, promised: 14, at: friday) == (ymd("2024-10-12"), true))
    }

    /// The date of receipt is the Shanghai date: 00:30 Monday 30 Sep in Shanghai is still
    /// Sunday 29 Sep in UTC.
    @Test func receiptDateIsShanghaiDate() {
        let received = sh("2024-09-30 00:30")
        #expect(LocalDate(shanghaiMillis: received) == ymd("2024-09-30"))
        // Urgent inquiry, 2 after Mon 30 Sep: 8, 9 Oct. (From Sun 29 Sep it would be 30 Sep, 8 Oct.)
        #expect(Self.deadline(.inquiry, urgent: true, at: received) == (ymd("2024-10-09"), true))
        // One millisecond before: Sunday 29 Sep 23:59:59.999 in Shanghai.
        #expect(Self.deadline(.inquiry, urgent: true, at: received - 30 * minute - 1) == (ymd("2024-10-08"), true))
    }

    /// Spring Festival 2025: Sun 26 Jan worked, 28 Jan – 4 Feb off, Sat 8 Feb worked.
    @Test func springFestival2025() {
        // Help, 5, received Fri 24 Jan: 26 (Sun), 27 Jan, 5, 6, 7 Feb.
        #expect(Self.deadline(.help, at: sh("2025-01-24 16:00")) == (ymd("2025-02-07"), true))
        // Suggestion, 15, received Mon 27 Jan: 5, 6, 7, 8 (Sat), 10, 11, 12, 13, 14, 17, 18, 19, 20, 21, 24 Feb.
        #expect(Self.deadline(.suggestion, at: sh("2025-01-27 09:00")) == (ymd("2025-02-24"), true))
        // Complaint, 10, received Mon 20 Jan: 21, 22, 23, 24, 26 (Sun), 27 Jan, 5, 6, 7, 8 (Sat) Feb.
        #expect(Self.deadline(.complaint, at: sh("2025-01-20 09:00")) == (ymd("2025-02-08"), true))
    }

    /// National Day and Mid-Autumn 2025: Sun 28 Sep worked, 1–8 Oct off, Sat 11 Oct worked.
    @Test func nationalDay2025() {
        // Inquiry, 3, received Tue 30 Sep: 9, 10, 11 (Sat) Oct.
        #expect(Self.deadline(.inquiry, at: sh("2025-09-30 11:00")) == (ymd("2025-10-11"), true))
        // Complaint, 10, received Fri 26 Sep: 28 (Sun), 29, 30 Sep, 9, 10, 11 (Sat), 13, 14, 15, 16 Oct.
        #expect(Self.deadline(.complaint, at: sh("2025-09-26 11:00")) == (ymd("2025-10-16"), true))
    }

    /// A deadline reaching into a year without an arrangement is provisional.
    @Test func unknownYearIsProvisional() {
        let (deadline, complete) = Self.deadline(.complaint, at: sh("2026-12-28 09:00"))
        #expect(!complete)
        #expect(deadline == ymd("2027-01-11"))  // Mon–Fri assumed: 29, 30, 31 Dec, 1, 4, 5, 6, 7, 8, 11 Jan
    }

    @Test func deadlineInstantIsShanghaiMidnight() {
        for date in ["2024-09-27", "2024-12-31", "2025-02-28", "2028-02-28"] {
            // 24:00 Shanghai is 16:00 UTC of the same date.
            #expect(calendar.deadlineMillis(of: ymd(date)) == ymd(date).shanghaiStartMillis + 24 * hour)
        }
        // `resolvedOnTime` computes the instant without a calendar; it must be the same one.
        let order = WorkOrder(state: .resolved, category: .inquiry, receivedAt: 0, handlingDeadline: ymd("2024-10-08"),
                              resolvedAt: endOf("2024-10-08"))
        #expect(order.resolvedOnTime == true)
        var late = order
        late.resolvedAt = endOf("2024-10-08") + 1
        #expect(late.resolvedOnTime == false)
        var open = order
        open.resolvedAt = nil
        #expect(open.resolvedOnTime == nil)
    }
}

import Testing
import WorkCalendar
@testable import ProgrammeRules

/// 公示: 5 working days strictly after the start day, on the official calendar.
@Suite struct PublicNoticeTests {
    /// Fri 27 Sep 2024: 29 (Sunday, 调休上班) and 30 Sep, then 8, 9, 10 Oct after 国庆节.
    @Test func acrossNationalDay() {
        let notice = PublicNotice(startingOn: ymd("2024-09-27"), calendar: calendar)
        #expect(notice.end == ymd("2024-10-10"))
        #expect(notice.calendarComplete)
        #expect(notice.contains(ymd("2024-09-27")))
        #expect(notice.contains(ymd("2024-10-03")))
        #expect(notice.contains(ymd("2024-10-10")))
        #expect(!notice.contains(ymd("2024-10-11")))
        #expect(!notice.contains(ymd("2024-09-26")))
        #expect(notice.endMillis(calendar: calendar) == ymd("2024-10-11").shanghaiStartMillis)
    }

    @Test func anOrdinaryWeek() {
        #expect(PublicNotice(startingOn: ymd("2024-11-08"), calendar: calendar).end == ymd("2024-11-15"))
        #expect(PublicNotice(startingOn: ymd("2024-11-11"), calendar: calendar).end == ymd("2024-11-18"))
        // Started on a Saturday: Mon–Fri of the next week.
        #expect(PublicNotice(startingOn: ymd("2024-11-09"), calendar: calendar).end == ymd("2024-11-15"))
    }

    @Test func unknownYearIsProvisional() {
        let notice = PublicNotice(startingOn: ymd("2031-06-02"), calendar: calendar)
        #expect(!notice.calendarComplete)
        #expect(notice.end == ymd("2031-06-09"))
    }
}

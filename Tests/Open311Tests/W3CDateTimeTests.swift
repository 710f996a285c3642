import Testing

@testable import Open311

@Suite struct W3CDateTimeTests {
    @Test func readsTheSpecsExamplesAsTheSameInstant() throws {
        let eastern = try #require(W3CDateTime(parsing: "1994-11-05T08:15:30-05:00"))
        let utc = try #require(W3CDateTime(parsing: "1994-11-05T13:15:30Z"))
        #expect(eastern == utc)
        #expect(utc.secondsSince1970 == 784_041_330)
        #expect(eastern.description == "1994-11-05T08:15:30-05:00")
        #expect(utc.description == "1994-11-05T13:15:30Z")
    }

    @Test func writesChinaStandardTimeByDefault() {
        let instant = W3CDateTime(secondsSince1970: 1_764_729_600)
        #expect(instant.description == "2025-12-03T10:40:00+08:00")
        #expect(instant.shown(atOffsetMinutes: 0).description == "2025-12-03T02:40:00Z")
        #expect(instant.shown(atOffsetMinutes: -570).description == "2025-12-02T17:10:00-09:30")
    }

    @Test(arguments: [
        ("2010-04-19T14:37:38.000Z", "2010-04-19T14:37:38Z"), ("2010-04-19T14:37:38.25+08:00", "2010-04-19T14:37:38.25+08:00"),
        ("2010-04-19T14:37Z", "2010-04-19T14:37:00Z"), ("2010-04-19t14:37:38z", "2010-04-19T14:37:38Z"),
        ("2010-04-19T14:37:38 08:00", "2010-04-19T14:37:38+08:00"), ("2024-02-29T00:00:00+08:00", "2024-02-29T00:00:00+08:00"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"), ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
    ])
    func readsAndWritesTheW3CProfile(_ text: String, _ written: String) throws {
        #expect(try #require(W3CDateTime(parsing: text)).description == written)
    }

    @Test(arguments: [
        "2010-04-19", "2010-04-19T14:37:38", "2010-04-19 14:37:38Z", "2010-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
        "2010-04-19T24:00:00Z", "2010-04-19T14:60:00Z", "2010-04-19T14:37:38+0800", "2010-04-19T14:37:38.Z", "", "yesterday",
        "２０１０-04-19T14:37:38Z", "2010-04-19T14:37:38+24:00",
    ])
    func refusesAnythingElse(_ text: String) {
        #expect(W3CDateTime(parsing: text) == nil)
    }

    @Test func roundTripsEveryDayOfFourCenturies() {
        var day: Int64 = CivilDate.days(year: 1900, month: 1, day: 1)
        let end = CivilDate.days(year: 2300, month: 1, day: 1)
        while day < end {
            let (y, m, d) = CivilDate.civil(days: day)
            #expect(CivilDate.days(year: y, month: m, day: d) == day)
            day += 1
        }
        #expect(CivilDate.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.days(year: 2000, month: 3, day: 1) == 11_017)
    }

    @Test func ordersByInstant() throws {
        let a = try #require(W3CDateTime(parsing: "2026-12-03T10:00:00+08:00"))
        let b = try #require(W3CDateTime(parsing: "2026-12-03T03:00:00Z"))
        #expect(a < b)
        #expect(Set([a, a.shown(atOffsetMinutes: 0)]).count == 1)
    }
}

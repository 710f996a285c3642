import Testing
import WorkCalendar

/// The admin import: accepted layouts, and each error with its line number.
@Suite struct ArrangementCSVTests {
    /// A made-up 2027 table (the real notice is not out yet).
    static let english = """
        date,kind,name
        2027-01-01,holiday,元旦
        2027-02-05,holiday,春节
        2027-02-06,holiday,春节
        2027-02-08,holiday,春节
        2027-01-31,workday,春节调休
        2027-02-20,workday,

        """

    @Test func goodFile() throws {
        let arrangement = try ArrangementCSV.parse(Self.english).get()
        #expect(arrangement.year == 2027)
        #expect(arrangement.holidays == [ymd("2027-01-01"): "元旦", ymd("2027-02-05"): "春节",
                                         ymd("2027-02-06"): "春节", ymd("2027-02-08"): "春节"])
        #expect(arrangement.workdays == [ymd("2027-01-31"), ymd("2027-02-20")])

        let calendar = WorkCalendar.official.replacing(arrangement)
        #expect(calendar.isComplete(for: ymd("2027-06-01")))
        #expect(!calendar.isWorkday(ymd("2027-01-01")))
        #expect(calendar.isWorkday(ymd("2027-01-31")))  // a Sunday
        #expect(calendar.holidayName(ymd("2027-02-06")) == "春节")  // weekend holiday: kept for its name
        // Fri 5 Feb off, Sat 6/Sun 7 weekend, Mon 8 off: received Thu 4 Feb, due Tue 9 Feb.
        #expect(calendar.addWorkdays(1, to: ymd("2027-02-04")) == CalendarResult(value: ymd("2027-02-09"), calendarComplete: true))
    }

    @Test func chineseHeadersKindsBOMAndCRLF() throws {
        let text = "\u{FEFF}日期,类型,名称\r\n2027-01-01,休,元旦\r\n2027-02-08,假日,春节\r\n2027-01-31,班,\r\n2027-02-20,调休上班,春节\r\n"
        let arrangement = try ArrangementCSV.parse(text).get()
        #expect(arrangement.holidays == [ymd("2027-01-01"): "元旦", ymd("2027-02-08"): "春节"])
        #expect(arrangement.workdays == [ymd("2027-01-31"), ymd("2027-02-20")])
    }

    @Test func utf8BytesWithAndWithoutBOM() throws {
        let plain = Array(Self.english.utf8)
        let withBOM: [UInt8] = [0xEF, 0xBB, 0xBF] + plain
        #expect(try ArrangementCSV.parse(utf8: plain).get() == ArrangementCSV.parse(utf8: withBOM).get())
        #expect(try ArrangementCSV.parse(utf8: withBOM).get().holidays[ymd("2027-01-01")] == "元旦")
    }

    @Test func invalidUTF8IsRejected() {
        let gbk: [UInt8] = Array("日期,类型,名称\n".utf8) + [0xD4, 0xAA, 0xB5, 0xA9]  // "元旦" in GBK
        #expect(Self.errors(ArrangementCSV.parse(utf8: gbk)) == [.init(line: 1, reason: .badEncoding)])
    }

    @Test func reorderedColumnsQuotesAndExtraColumns() throws {
        let text = """
            名称,备注,日期,类型
            "元旦","新年, 第一天",2027-01-01,休
            " 春节 ",,2027-02-08 ,holiday
            "",,2027-01-31,WORKDAY
            """
        let arrangement = try ArrangementCSV.parse(text).get()
        #expect(arrangement.holidays == [ymd("2027-01-01"): "元旦", ymd("2027-02-08"): "春节"])
        #expect(arrangement.workdays == [ymd("2027-01-31")])
    }

    @Test func holidayWithoutNameGetsAGenericOne() throws {
        let arrangement = try ArrangementCSV.parse("date,kind\n2027-01-01,holiday\n").get()
        #expect(arrangement.holidays == [ymd("2027-01-01"): "节假日"])
    }

    @Test func statedYear() throws {
        #expect(try ArrangementCSV.parse(Self.english, year: 2027).get().year == 2027)
        let errors = Self.errors(ArrangementCSV.parse(Self.english, year: 2028))
        #expect(errors.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(errors.first?.reason == .dateOutsideYear(ymd("2027-01-01"), year: 2028))
    }

    @Test func eachErrorWithItsLineNumber() {
        let text = """
            date,kind,name
            2027-01-01,holiday,元旦
            2027-02-30,holiday,春节
            2027/02/08,holiday,春节
            2027-02-09,rest,春节

            2026-12-31,holiday,元旦
            2027-01-01,holiday,元旦
            2027-02-10,workday,调休
            2027-02-11
            yesterday,maybe,
            2027-02-13,workday,
            """
        #expect(Self.errors(ArrangementCSV.parse(text)) == [
            .init(line: 3, reason: .badDate("2027-02-30")),
            .init(line: 4, reason: .badDate("2027/02/08")),
            .init(line: 5, reason: .unknownKind("rest")),
            .init(line: 7, reason: .dateOutsideYear(ymd("2026-12-31"), year: 2027)),
            .init(line: 8, reason: .duplicateDate(ymd("2027-01-01"), firstLine: 2)),
            .init(line: 9, reason: .workdayNotOnWeekend(ymd("2027-02-10"))),
            .init(line: 10, reason: .missingField("kind/类型")),
            .init(line: 11, reason: .badDate("yesterday")),
            .init(line: 11, reason: .unknownKind("maybe")),
        ])
    }

    @Test func headerProblems() {
        #expect(Self.errors(ArrangementCSV.parse("")) == [.init(line: 1, reason: .emptyFile)])
        #expect(Self.errors(ArrangementCSV.parse("\u{FEFF}\n \n")) == [.init(line: 1, reason: .emptyFile)])
        #expect(Self.errors(ArrangementCSV.parse("day,kind\n2027-01-01,holiday\n")) == [.init(line: 1, reason: .missingColumn("date/日期"))])
        #expect(Self.errors(ArrangementCSV.parse("\n日期,名称\n2027-01-01,元旦\n")) == [.init(line: 2, reason: .missingColumn("kind/类型"))])
        #expect(Self.errors(ArrangementCSV.parse("date,kind,name\n")) == [.init(line: 1, reason: .noRows)])
        #expect(Self.errors(ArrangementCSV.parse("date,kind,name\n\n", year: 2027)) == [.init(line: 1, reason: .noRows)])
    }

    @Test func messagesAreReadable() {
        let error = ArrangementImportError(line: 8, reason: .duplicateDate(ymd("2027-01-01"), firstLine: 2))
        #expect(error.description == "第8行：日期 2027-01-01 重复，已在第2行出现")
    }

    static func errors(_ result: Result<YearArrangement, ArrangementImportFailure>) -> [ArrangementImportError] {
        guard case .failure(let failure) = result else { return [] }
        return failure.errors
    }
}

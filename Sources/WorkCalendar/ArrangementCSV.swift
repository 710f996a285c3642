/// The admin's way to add or correct a year: a CSV table that replaces that year's arrangement.
///
///     date,kind,name                 日期,类型,名称
///     2027-01-01,holiday,元旦         2027-01-01,休,元旦
///     2027-02-07,workday,春节调休      2027-02-07,班,
///
/// Kinds: `holiday`, `休` or `假日` for a day off (法定节假日); `workday`, `班` or `调休上班` for a
/// weekend working day. Column order is free and extra columns (备注, …) are ignored. A holiday
/// on a weekend is redundant but accepted, so whole holiday periods can be pasted in; a holiday
/// without a name is stored as 节假日. A workday name is ignored.
public enum ArrangementCSV {
    /// Parses a table for `year`, or for the year most of its dates are in when `year` is nil.
    /// Returns every error found, not just the first, so the admin can fix the file in one go.
    public static func parse(_ text: String, year: Int? = nil) -> Result<YearArrangement, ArrangementImportFailure> {
        let rows = CSVRows.rows(of: text)
        guard let header = rows.first else {
            return .failure(ArrangementImportFailure(errors: [ArrangementImportError(line: 1, reason: .emptyFile)]))
        }
        let columns: Columns
        switch Columns.locate(in: header) {
        case .success(let found): columns = found
        case .failure(let error): return .failure(ArrangementImportFailure(errors: [error]))
        }

        var errors: [ArrangementImportError] = []
        var entries: [Entry] = []
        for row in rows.dropFirst() {
            switch columns.entry(row) {
            case .success(let entry): entries.append(entry)
            case .failure(let failure): errors += failure.errors
            }
        }
        // An empty table would mark its year complete with no holidays at all: never intended.
        if entries.isEmpty && errors.isEmpty {
            return .failure(ArrangementImportFailure(errors: [ArrangementImportError(line: header.line, reason: .noRows)]))
        }
        guard let year = year ?? mostCommonYear(entries) else {
            return .failure(ArrangementImportFailure(errors: errors))
        }

        var arrangement = YearArrangement(year: year)
        var firstLine: [LocalDate: Int] = [:]
        for entry in entries {
            if entry.date.year != year {
                errors.append(ArrangementImportError(line: entry.line, reason: .dateOutsideYear(entry.date, year: year)))
                continue
            }
            if let earlier = firstLine[entry.date] {
                errors.append(ArrangementImportError(line: entry.line, reason: .duplicateDate(entry.date, firstLine: earlier)))
                continue
            }
            firstLine[entry.date] = entry.line
            switch entry.kind {
            case .holiday:
                arrangement.holidays[entry.date] = entry.name.isEmpty ? "节假日" : entry.name
            case .workday where !entry.date.isWeekend:
                errors.append(ArrangementImportError(line: entry.line, reason: .workdayNotOnWeekend(entry.date)))
            case .workday:
                arrangement.workdays.insert(entry.date)
            }
        }
        if errors.isEmpty { return .success(arrangement) }
        errors.sort { $0.line < $1.line }  // stable: a line's own errors keep their order
        return .failure(ArrangementImportFailure(errors: errors))
    }

    /// UTF-8 bytes as uploaded, with or without a BOM. Invalid UTF-8 (say a GBK export) is
    /// reported on line 1 rather than guessed at.
    public static func parse(utf8 bytes: some Collection<UInt8>, year: Int? = nil) -> Result<YearArrangement, ArrangementImportFailure> {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(ArrangementImportFailure(errors: [
                ArrangementImportError(line: 1, reason: .badEncoding),
            ]))
        }
        return parse(text, year: year)
    }

    /// The year the admin evidently meant, so one stray date is the error rather than all the
    /// others; ties go to the year met first.
    private static func mostCommonYear(_ entries: [Entry]) -> Int? {
        var counts: [Int: Int] = [:]
        var order: [Int] = []
        for entry in entries {
            if counts[entry.date.year] == nil { order.append(entry.date.year) }
            counts[entry.date.year, default: 0] += 1
        }
        var best: Int?
        for year in order where best == nil || counts[year]! > counts[best!]! { best = year }
        return best
    }
}

extension ArrangementCSV {
    enum Kind {
        case holiday, workday

        init?(_ text: String) {
            switch text.lowercased() {
            case "holiday", "休", "假日": self = .holiday
            case "workday", "班", "调休上班": self = .workday
            default: return nil
            }
        }
    }

    struct Entry {
        let line: Int
        let date: LocalDate
        let kind: Kind
        let name: String
    }

    /// Where each column sits, found by header name in English or Chinese.
    struct Columns {
        let date: Int
        let kind: Int
        let name: Int?

        static func locate(in header: CSVRows.Row) -> Result<Columns, ArrangementImportError> {
            func position(_ names: Set<String>) -> Int? {
                header.fields.firstIndex { names.contains($0.lowercased()) }
            }
            guard let date = position(["date", "日期"]) else {
                return .failure(ArrangementImportError(line: header.line, reason: .missingColumn("date/日期")))
            }
            guard let kind = position(["kind", "类型"]) else {
                return .failure(ArrangementImportError(line: header.line, reason: .missingColumn("kind/类型")))
            }
            return .success(Columns(date: date, kind: kind, name: position(["name", "名称"])))
        }

        /// One data row, or all of its problems (a row can have a bad date and a bad kind).
        func entry(_ row: CSVRows.Row) -> Result<Entry, ArrangementImportFailure> {
            var errors: [ArrangementImportError] = []
            func field(_ index: Int, _ column: String) -> String? {
                if row.fields.indices.contains(index) { return row.fields[index] }
                errors.append(ArrangementImportError(line: row.line, reason: .missingField(column)))
                return nil
            }
            let dateText = field(date, "date/日期")
            let kindText = field(kind, "kind/类型")
            let parsedDate = dateText.flatMap { LocalDate($0) }
            if let dateText, parsedDate == nil {
                errors.append(ArrangementImportError(line: row.line, reason: .badDate(dateText)))
            }
            let parsedKind = kindText.flatMap(Kind.init)
            if let kindText, parsedKind == nil {
                errors.append(ArrangementImportError(line: row.line, reason: .unknownKind(kindText)))
            }
            guard let parsedDate, let parsedKind else { return .failure(ArrangementImportFailure(errors: errors)) }
            // A missing name cell is just an unnamed day, not an error: workdays rarely have one.
            let name = self.name.flatMap { row.fields.indices.contains($0) ? row.fields[$0] : nil } ?? ""
            return .success(Entry(line: row.line, date: parsedDate, kind: parsedKind, name: name))
        }
    }
}

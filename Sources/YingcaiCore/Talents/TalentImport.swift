import CSV
import Foundation
import SQLKit
import Storage
import WorkCalendar

/// `yingcai talents import`: loads a registry spreadsheet (CSV, UTF-8 with or without BOM, headers
/// in English or Chinese), checking every row as the API does and reporting each bad row by number,
/// field and reason.
public struct TalentImport: Sendable {
    public enum Mode: String, Sendable {
        /// Nothing is written if any row is bad (the default).
        case allOrNothing = "all-or-nothing"
        /// Good rows are written, bad rows are reported and left out.
        case skipInvalid = "skip-invalid"
    }

    public struct RowError: Sendable, Equatable {
        /// The line of the file, counting the header as line 1, as a spreadsheet numbers rows.
        public let row: Int
        public let field: String
        public let message: String
    }

    public struct Report: Sendable {
        public var rows = 0
        public var imported = 0
        public var errors: [RowError] = []
        /// False when all-or-nothing found errors and wrote nothing.
        public var committed = true
        public var rowsWithErrors: Int { Set(errors.map(\.row)).count }
    }

    let registry: TalentRegistry
    public var batchSize = 500
    /// Basis recorded for certifications that come with the file.
    public var certificationBasis = "批量导入 / imported"

    public init(registry: TalentRegistry) { self.registry = registry }

    /// Imports `path`. `progress` is called with the number of rows read so far.
    public func run(path: String, mode: Mode, actor: Int64? = nil,
                    progress: @Sendable (Int) -> Void = { _ in }) async throws -> Report {
        guard let stream = InputStream(fileAtPath: path) else { throw ImportError.cannotOpen(path) }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true, trimFields: true)
        } catch {
            throw ImportError.cannotOpen(path)
        }
        let headers = (reader.headerRow ?? []).map { TalentColumn.from(header: $0) }
        let unknown = zip(reader.headerRow ?? [], headers).filter { $0.1 == nil }.map(\.0)
        guard unknown.isEmpty else { throw ImportError.unknownHeaders(unknown) }
        for required in [TalentColumn.name, .idNumber, .employer, .districtCode, .education] where !headers.contains(required) {
            throw ImportError.missingHeader(required.chinese + " / " + required.rawValue)
        }
        let checker = try await registry.checker()
        let db = registry.db
        let today = registry.clock.today
        let nowMillis = registry.clock.nowMillis()
        let box = ImportState(reader: reader)

        // Reads, checks and seals one batch of rows: the CPU work, done before the batch's insert.
        // Returns the batch and whether the file is at its end.
        @Sendable func nextBatch() -> (batch: [ImportItem], done: Bool) {
            var batch: [ImportItem] = []
            var done = false
            while batch.count < batchSize {
                guard let cells = box.reader.next() else { done = true; break }
                box.report.rows += 1
                let line = box.report.rows + 1
                var values: [TalentColumn: String] = [:]
                for (i, cell) in cells.enumerated() where i < headers.count {
                    if let c = headers[i] { values[c] = cell }
                }
                if values.values.allSatisfy({ $0.isEmpty }) { box.report.rows -= 1; continue }  // a blank line
                let input = TalentInput(
                    name: values[.name], idType: TalentColumn.idType(values[.idType] ?? ""), idNumber: values[.idNumber],
                    nationality: values[.nationality], phone: values[.phone], email: values[.email],
                    employer: values[.employer], districtCode: values[.districtCode], education: values[.education],
                    title: values[.title] ?? "", field: values[.field] ?? "",
                    categories: TalentColumn.splitList(values[.categories] ?? ""),
                    honors: TalentColumn.splitList(values[.honors] ?? ""), arrivalDate: values[.arrivalDate])
                var rowErrors: [FieldError] = []
                var tier: Tier?
                var until: LocalDate?
                if let t = values[.tier], !t.isEmpty {
                    tier = Tier(rawValue: t.uppercased())
                    if tier == nil { rowErrors.append(FieldError(field: "tier", message: "层次应为 A–E / tier is one of A to E")) }
                    until = values[.tierValidUntil].flatMap { LocalDate($0) }
                    if until == nil || until! < today {
                        rowErrors.append(FieldError(field: "tierValidUntil", message: "层次有效期至须为今天或以后的日期 / tierValidUntil must be a date from today on"))
                    }
                }
                switch checker.check(input) {
                case .success(let checked) where rowErrors.isEmpty:
                    if box.seen.insert(checked.idHash).inserted {
                        batch.append((line, checked, tier, until))
                    } else {
                        box.report.errors.append(RowError(row: line, field: "idNumber", message: "文件中证件号码重复 / the identity number appears twice in the file"))
                    }
                case .success:
                    break
                case .failure(.validation(let list)):
                    rowErrors.append(contentsOf: list)
                case .failure(let other):
                    rowErrors.append(FieldError(field: "", message: "\(other)"))
                }
                box.report.errors.append(contentsOf: rowErrors.map { RowError(row: line, field: $0.field, message: $0.message) })
            }
            // On Linux a file stream reports bytes available at its end, and CSV.swift then sees a
            // short read (`cannotReadFile`): that is the end of the file. Bad UTF-8 is a real error.
            if let error = box.reader.error, !Self.isEndOfFile(error) { box.readError = error }
            return (batch, done)
        }

        @Sendable func insert(_ batch: [ImportItem], on db: any SQLDatabase) async throws {
            guard !batch.isEmpty else { return }
            let rows: [[any SQLExpression]] = batch.map { item in
                TalentRow.insertValues(item.talent, userId: nil, now: nowMillis)
                    + [SQLBind(item.tier?.rawValue), SQLBind(item.until?.description)]
            }
            let inserted = try await db.insert(into: "talents")
                .columns(TalentRow.insertColumns + ["tier", "tier_valid_until"])
                .rows(rows)
                .ignoringConflicts(with: "id_hash")
                .returning("id", "id_hash")
                .all()
            var idByHash: [Data: Int64] = [:]
            for row in inserted {
                idByHash[try row.decode(column: "id_hash", as: Data.self)] = try row.decode(column: "id", as: Int64.self)
            }
            var categories: [[any SQLExpression]] = []
            var certifications: [[any SQLExpression]] = []
            for item in batch {
                guard let id = idByHash[Data(item.talent.idHash)] else {
                    box.report.errors.append(RowError(row: item.line, field: "idNumber", message: "该证件号码已登记 / this identity number is already registered"))
                    continue
                }
                box.report.imported += 1
                for c in item.talent.categories { categories.append([SQLBind(id), SQLBind(c)]) }
                if let tier = item.tier, let until = item.until {
                    certifications.append([SQLBind(id), SQLBind(tier.rawValue), SQLBind(certificationBasis),
                                           SQLBind(today.description), SQLBind(until.description), SQLBind(actor), SQLBind(nowMillis)])
                }
            }
            if !categories.isEmpty {
                try await db.insert(into: "talent_categories").columns("talent_id", "category").rows(categories).run()
            }
            if !certifications.isEmpty {
                try await db.insert(into: "certifications")
                    .columns("talent_id", "tier", "basis", "valid_from", "valid_until", "certified_by", "created_at")
                    .rows(certifications).run()
            }
        }

        switch mode {
        case .allOrNothing:
            do {
                try await db.transaction { db in
                    while true {
                        let (batch, done) = nextBatch()
                        // Once a row is bad nothing will be kept: only check the rest, for the report.
                        if box.report.errors.isEmpty { try await insert(batch, on: db) }
                        progress(box.report.rows)
                        if done { break }
                    }
                    if box.readError != nil { throw ImportError.unreadable }
                    // Duplicates against the database surface during insert; either way roll back.
                    if !box.report.errors.isEmpty { throw RollBack() }
                }
            } catch is RollBack {
                box.report.committed = false
                box.report.imported = 0
            }
        case .skipInvalid:
            while true {
                let (batch, done) = nextBatch()
                try await db.transaction { db in try await insert(batch, on: db) }
                progress(box.report.rows)
                if done { break }
            }
            if box.readError != nil { throw ImportError.unreadable }
        }
        progress(box.report.rows)
        box.report.errors.sort { ($0.row, $0.field) < ($1.row, $1.field) }
        return box.report
    }

    struct RollBack: Error {}

    static func isEndOfFile(_ error: any Error) -> Bool {
        if case CSVError.cannotReadFile = error { return true }
        return false
    }
    typealias ImportItem = (line: Int, talent: CheckedTalent, tier: Tier?, until: LocalDate?)
}

/// Mutable state of one import run, touched by one task at a time.
final class ImportState: @unchecked Sendable {
    let reader: CSVReader
    init(reader: CSVReader) { self.reader = reader }
    var report = TalentImport.Report()
    var seen = Set<[UInt8]>()
    var readError: (any Error)?
}

public enum ImportError: Error, CustomStringConvertible {
    case cannotOpen(String)
    case unknownHeaders([String])
    case missingHeader(String)
    case unreadable

    public var description: String {
        switch self {
        case .cannotOpen(let p): return "无法打开文件 \(p) / cannot open \(p)"
        case .unknownHeaders(let h): return "不认识的列名 / unknown columns: \(h.joined(separator: ", "))"
        case .missingHeader(let h): return "缺少必需的列 / a required column is missing: \(h)"
        case .unreadable: return "文件不是有效的 UTF-8 CSV / the file is not valid UTF-8 CSV"
        }
    }
}

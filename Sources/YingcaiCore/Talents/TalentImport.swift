import CSV
import Foundation
import PostgresNIO
import SQLKit
import Storage
import WorkCalendar

/// `yingcai talents import`: loads a registry spreadsheet (CSV, UTF-8 with or without BOM, headers
/// in English or Chinese), checking every row as the API does and reporting each bad row by number,
/// field and reason.
///
/// Reading and checking (parsing, ID checks, sealing personal data) of one chunk runs while the
/// previous chunk is written, so the CPU work and the database overlap. On PostgreSQL a chunk is
/// streamed with `COPY` into a staging table, its ID numbers claimed with one `INSERT … SELECT … ON
/// CONFLICT DO NOTHING` into `talent_id_numbers` (which finds numbers registered meanwhile without
/// failing the chunk), and the claimed rows moved with one `INSERT … SELECT`.
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
        /// Talent cards issued to imported talents of tiers A–C.
        public var cardsIssued = 0
        public var rowsWithErrors: Int { Set(errors.map(\.row)).count }
    }

    let registry: TalentRegistry
    /// Rows read and checked ahead of the database, per chunk.
    public var chunkSize = 5000
    /// Basis recorded for certifications that come with the file.
    public var certificationBasis = "批量导入 / imported"

    public init(registry: TalentRegistry) { self.registry = registry }

    /// Imports `path`, then issues talent cards to the imported talents of tiers A–C.
    /// `progress` is called with the number of rows read so far.
    public func run(path: String, mode: Mode, actor: Int64? = nil,
                    progress: @Sendable (Int) -> Void = { _ in }) async throws -> Report {
        var report = try await importRows(path: path, mode: mode, actor: actor, progress: progress)
        if report.imported > 0 {
            report.cardsIssued = try await CardIssuing(db: registry.db, clock: registry.clock).issueMissing(actor: actor)
        }
        return report
    }

    func importRows(path: String, mode: Mode, actor: Int64?, progress: @Sendable (Int) -> Void) async throws -> Report {
        guard let stream = InputStream(fileAtPath: path) else { throw ImportError.cannotOpen(path) }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true, trimFields: false)
        } catch {
            throw ImportError.cannotOpen(path)
        }
        let headers = (reader.headerRow ?? []).map { TalentColumn.from(header: $0) }
        let unknown = zip(reader.headerRow ?? [], headers).filter { $0.1 == nil }.map(\.0)
        guard unknown.isEmpty else { throw ImportError.unknownHeaders(unknown) }
        for required in [TalentColumn.name, .idNumber, .employer, .districtCode, .education] where !headers.contains(required) {
            throw ImportError.missingHeader(required.chinese + " / " + required.rawValue)
        }
        let source = RowSource(reader: reader, headers: headers, checker: try await registry.checker(),
                               today: registry.clock.today, chunkSize: chunkSize)
        let writer = ChunkWriter(now: registry.clock.nowMillis(), today: registry.clock.today,
                                 basis: certificationBasis, actor: actor)
        let db = registry.db

        switch mode {
        case .allOrNothing:
            do {
                return try await db.bulkTransaction { sql, pg in
                    let report = try await Self.drive(source, progress: progress) { chunk, clean in
                        // Once a row is bad nothing will be kept: the rest is only checked, for the report.
                        clean ? try await writer.write(chunk, sql: sql, pg: pg) : ([], 0)
                    }
                    if !report.errors.isEmpty { throw RollBack(report: report) }
                    return report
                }
            } catch let rollback as RollBack {
                var report = rollback.report
                report.committed = false
                report.imported = 0
                return report
            }
        case .skipInvalid:
            return try await Self.drive(source, progress: progress) { chunk, _ in
                try await db.bulkTransaction { sql, pg in try await writer.write(chunk, sql: sql, pg: pg) }
            }
        }
    }

    /// Reads chunk after chunk, writing each while the next is read and checked.
    static func drive(_ source: RowSource, progress: @Sendable (Int) -> Void,
                      write: (Chunk, _ clean: Bool) async throws -> (errors: [RowError], imported: Int)) async throws -> Report {
        var report = Report()
        var pending = Task { source.next() }
        while true {
            let chunk = await pending.value
            if !chunk.done { pending = Task { source.next() } }
            if chunk.unreadable {
                _ = await pending.value
                throw ImportError.unreadable
            }
            report.rows += chunk.rows
            report.errors += chunk.errors
            let (errors, imported) = try await write(chunk, report.errors.isEmpty)
            report.errors += errors
            report.imported += imported
            progress(report.rows)
            if chunk.done { break }
        }
        report.errors.sort { ($0.row, $0.field) < ($1.row, $1.field) }
        return report
    }

    struct RollBack: Error { let report: Report }
}

/// One checked row, ready to write.
struct ImportItem: Sendable {
    let line: Int
    let talent: CheckedTalent
    let tier: Tier?
    let until: LocalDate?
}

/// A chunk of the file: its good rows, the errors of its bad rows, and whether the file ended.
struct Chunk: Sendable {
    var items: [ImportItem] = []
    var errors: [TalentImport.RowError] = []
    var rows = 0
    var done = false
    var unreadable = false
}

/// Reads and checks rows. Only one `next()` runs at a time (each starts after the previous one's
/// result was taken), so its state needs no lock.
final class RowSource: @unchecked Sendable {
    let reader: CSVReader
    let headers: [TalentColumn?]
    let checker: TalentChecker
    let today: LocalDate
    let chunkSize: Int
    private var line = 1
    private var seen = Set<[UInt8]>()

    init(reader: CSVReader, headers: [TalentColumn?], checker: TalentChecker, today: LocalDate, chunkSize: Int) {
        self.reader = reader
        self.headers = headers
        self.checker = checker
        self.today = today
        self.chunkSize = chunkSize
    }

    func next() -> Chunk {
        var chunk = Chunk()
        chunk.items.reserveCapacity(chunkSize)
        while chunk.items.count < chunkSize {
            guard let cells = reader.next() else { chunk.done = true; break }
            line += 1
            var values: [TalentColumn: String] = [:]
            for (i, cell) in cells.enumerated() where i < headers.count {
                if let c = headers[i] { values[c] = cell.trimmed }
            }
            if values.values.allSatisfy({ $0.isEmpty }) { continue }  // a blank line
            chunk.rows += 1
            check(values, line: line, into: &chunk)
        }
        // On Linux a file stream reports bytes available at its end, and CSV.swift then sees a
        // short read (`cannotReadFile`): that is the end of the file. Bad UTF-8 is a real error.
        if let error = reader.error {
            if case CSVError.cannotReadFile = error {} else { chunk.unreadable = true }
        }
        return chunk
    }

    private func check(_ values: [TalentColumn: String], line: Int, into chunk: inout Chunk) {
        let input = TalentInput(
            name: values[.name], idType: TalentColumn.idType(values[.idType] ?? ""), idNumber: values[.idNumber],
            nationality: values[.nationality], phone: values[.phone], email: values[.email],
            employer: values[.employer], districtCode: values[.districtCode], education: values[.education],
            title: values[.title] ?? "", field: values[.field] ?? "",
            categories: TalentColumn.splitList(values[.categories] ?? ""),
            honors: TalentColumn.splitList(values[.honors] ?? ""), arrivalDate: values[.arrivalDate])
        var errors: [FieldError] = []
        var tier: Tier?
        var until: LocalDate?
        if let t = values[.tier], !t.isEmpty {
            tier = Tier(rawValue: t.uppercased())
            if tier == nil { errors.append(FieldError(field: "tier", message: "层次应为 A–E / tier is one of A to E")) }
            until = values[.tierValidUntil].flatMap { LocalDate($0) }
            if until == nil || until! < today {
                errors.append(FieldError(field: "tierValidUntil", message: "层次有效期至须为今天或以后的日期 / tierValidUntil must be a date from today on"))
            }
        }
        switch checker.check(input) {
        case .success(let checked) where errors.isEmpty:
            if seen.insert(checked.idHash).inserted {
                chunk.items.append(ImportItem(line: line, talent: checked, tier: tier, until: until))
            } else {
                errors.append(FieldError(field: "idNumber", message: "文件中证件号码重复 / the identity number appears twice in the file"))
            }
        case .success:
            break
        case .failure(.validation(let list)):
            errors.append(contentsOf: list)
        case .failure(let other):
            errors.append(FieldError(field: "", message: "\(other)"))
        }
        chunk.errors += errors.map { TalentImport.RowError(row: line, field: $0.field, message: $0.message) }
    }
}

/// Writes a chunk: with `COPY` through a staging table on PostgreSQL, with multi-row inserts on SQLite.
/// Numbers already registered are skipped and reported, never failing the chunk.
struct ChunkWriter: Sendable {
    let now: Int64
    let today: LocalDate
    let basis: String
    let actor: Int64?

    static let alreadyRegistered = "该证件号码已登记 / this identity number is already registered"

    func write(_ chunk: Chunk, sql: any SQLDatabase, pg: PostgresConnection?) async throws -> (errors: [TalentImport.RowError], imported: Int) {
        guard !chunk.items.isEmpty else { return ([], 0) }
        let ids = try await (pg != nil ? writeTalentsWithCopy(chunk.items, sql: sql, pg: pg!) : writeTalents(chunk.items, sql: sql))
        var errors: [TalentImport.RowError] = []
        var written: [(id: Int64, item: ImportItem)] = []
        for item in chunk.items {
            if let id = ids[item.talent.idHash] {
                written.append((id, item))
            } else {
                errors.append(.init(row: item.line, field: "idNumber", message: Self.alreadyRegistered))
            }
        }
        if let pg {
            try await writeDetailsWithCopy(written, pg: pg)
        } else {
            try await writeDetails(written, sql: sql)
        }
        return (errors, written.count)
    }

    static let stagingColumns = TalentRow.insertColumns + ["tier", "tier_valid_until"]

    func writeTalentsWithCopy(_ items: [ImportItem], sql: any SQLDatabase, pg: PostgresConnection) async throws -> [[UInt8]: Int64] {
        let columns = Self.stagingColumns.joined(separator: ", ")
        // Each staged row takes its talent's id from the talents' sequence as it is copied in.
        try await sql.raw("""
            CREATE TEMP TABLE IF NOT EXISTS import_talents ON COMMIT DROP AS
            SELECT id, \(unsafeRaw: columns) FROM talents WITH NO DATA
            """).run()
        try await sql.raw("ALTER TABLE import_talents ALTER COLUMN id SET DEFAULT nextval(pg_get_serial_sequence('talents', 'id'))").run()
        var copy = CopyText(capacity: items.count * 400)
        for item in items {
            let t = item.talent
            copy.int(nil); copy.text(t.name); copy.text(t.idType.rawValue); copy.bytea(t.idHash); copy.bytea(t.idSealed)
            copy.text(t.idMasked); copy.text(t.gender); copy.text(t.birthDate?.description); copy.text(t.nationality)
            copy.bytea(t.phoneHash); copy.bytea(t.phoneSealed); copy.text(t.phoneMasked); copy.text(t.email)
            copy.text(t.employer); copy.text(t.districtCode); copy.text(t.education); copy.text(t.title); copy.text(t.field)
            copy.text(TalentRow.joined(t.categories)); copy.text(TalentRow.joined(t.honors)); copy.text(t.arrivalDate?.description)
            copy.int(now); copy.int(now); copy.text(item.tier?.rawValue); copy.text(item.until?.description)
            copy.endRow()
        }
        let bytes = copy.bytes
        try await pg.copyFrom(table: "import_talents", columns: Self.stagingColumns, logger: pg.logger) { writer in
            try await writer.write(ByteBuffer(bytes: bytes))
        }
        // Each row claims its ID number: the rows whose number is registered already (or twice in
        // the chunk) claim nothing and are left out.
        let claimed = try await sql.raw("""
            INSERT INTO talent_id_numbers (id_hash, talent_id) SELECT id_hash, id FROM import_talents
            ON CONFLICT DO NOTHING
            RETURNING talent_id, id_hash
            """).all()
        var ids: [[UInt8]: Int64] = [:]
        ids.reserveCapacity(claimed.count)
        for row in claimed {
            ids[Array(try row.decode(column: "id_hash", as: Data.self))] = try row.decode(column: "talent_id", as: Int64.self)
        }
        try await sql.raw("""
            INSERT INTO talents (id, \(unsafeRaw: columns))
            SELECT id, \(unsafeRaw: columns) FROM import_talents WHERE id = ANY(\(bind: Array(ids.values)))
            """).run()
        try await sql.raw("TRUNCATE import_talents").run()
        return ids
    }

    func writeDetailsWithCopy(_ written: [(id: Int64, item: ImportItem)], pg: PostgresConnection) async throws {
        var categories = CopyText()
        var certifications = CopyText()
        for (id, item) in written {
            for c in item.talent.categories {
                categories.int(id); categories.text(c); categories.endRow()
            }
            if let tier = item.tier, let until = item.until {
                certifications.int(id); certifications.text(tier.rawValue); certifications.text(basis)
                certifications.text(today.description); certifications.text(until.description)
                certifications.int(actor); certifications.int(now); certifications.endRow()
            }
        }
        if !categories.isEmpty {
            let bytes = categories.bytes
            try await pg.copyFrom(table: "talent_categories", columns: ["talent_id", "category"], logger: pg.logger) { w in
                try await w.write(ByteBuffer(bytes: bytes))
            }
        }
        if !certifications.isEmpty {
            let bytes = certifications.bytes
            try await pg.copyFrom(table: "certifications",
                                  columns: ["talent_id", "tier", "basis", "valid_from", "valid_until", "certified_by", "created_at"],
                                  logger: pg.logger) { w in
                try await w.write(ByteBuffer(bytes: bytes))
            }
        }
    }

    /// SQLite: multi-row inserts of 500 rows (25 values each stays under SQLite's bind limit).
    func writeTalents(_ items: [ImportItem], sql: any SQLDatabase) async throws -> [[UInt8]: Int64] {
        var ids: [[UInt8]: Int64] = [:]
        for start in stride(from: 0, to: items.count, by: 500) {
            let slice = items[start..<min(start + 500, items.count)]
            let rows: [[any SQLExpression]] = slice.map { item in
                TalentRow.insertValues(item.talent, userId: nil, now: now)
                    + [SQLBind(item.tier?.rawValue), SQLBind(item.until?.description)]
            }
            let inserted = try await sql.insert(into: "talents")
                .columns(Self.stagingColumns)
                .rows(rows)
                .ignoringConflicts(with: "id_hash")
                .returning("id", "id_hash")
                .all()
            for row in inserted {
                ids[Array(try row.decode(column: "id_hash", as: Data.self))] = try row.decode(column: "id", as: Int64.self)
            }
            // SQLite writes one transaction at a time: the talents' own unique hash left out the
            // numbers registered already, and the claims cannot meet another's.
            if !inserted.isEmpty {
                try await sql.insert(into: "talent_id_numbers").columns("id_hash", "talent_id")
                    .rows(inserted.map { [SQLBind(try $0.decode(column: "id_hash", as: Data.self)), SQLBind(try $0.decode(column: "id", as: Int64.self))] })
                    .run()
            }
        }
        return ids
    }

    func writeDetails(_ written: [(id: Int64, item: ImportItem)], sql: any SQLDatabase) async throws {
        var categories: [[any SQLExpression]] = []
        var certifications: [[any SQLExpression]] = []
        for (id, item) in written {
            for c in item.talent.categories { categories.append([SQLBind(id), SQLBind(c)]) }
            if let tier = item.tier, let until = item.until {
                certifications.append([SQLBind(id), SQLBind(tier.rawValue), SQLBind(basis), SQLBind(today.description),
                                       SQLBind(until.description), SQLBind(actor), SQLBind(now)])
            }
        }
        for start in stride(from: 0, to: categories.count, by: 1000) {
            try await sql.insert(into: "talent_categories").columns("talent_id", "category")
                .rows(Array(categories[start..<min(start + 1000, categories.count)])).run()
        }
        for start in stride(from: 0, to: certifications.count, by: 1000) {
            try await sql.insert(into: "certifications")
                .columns("talent_id", "tier", "basis", "valid_from", "valid_until", "certified_by", "created_at")
                .rows(Array(certifications[start..<min(start + 1000, certifications.count)])).run()
        }
    }
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

import ArgumentParser
import Foundation
import Organisations
import YingcaiCore

struct Talents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import and export the talent registry.",
                                                    subcommands: [Import.self, Export.self, Generate.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import talents from a CSV file (UTF-8, with or without BOM; English or Chinese headers).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "all-or-nothing (default): write nothing if any row is bad; skip-invalid: write the good rows.")
        var mode: String = TalentImport.Mode.allOrNothing.rawValue
        @Option(help: "Write the per-row error report to this CSV file as well.") var errors: String?

        func run() async throws {
            guard let mode = TalentImport.Mode(rawValue: mode) else { throw ValidationError("--mode is all-or-nothing or skip-invalid") }
            guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no such file: \(file)") }
            let lines = try Self.countLines(file)
            let bar = ProgressBar(total: max(1, lines - 1), unit: "rows")
            let report = try await withCore(common) { core in
                try await TalentImport(registry: core.talents).run(path: file, mode: mode) { bar.update($0) }
            }
            bar.finish(report.rows)
            var errorCSV = ExcelCSV.byteOrderMark + ExcelCSV.line(["行 row", "字段 field", "原因 reason"])
            for e in report.errors {
                print("row \(e.row)\t\(e.field)\t\(e.message)")
                errorCSV += ExcelCSV.line([String(e.row), e.field, e.message])
            }
            if let errors { try errorCSV.write(toFile: errors, atomically: true, encoding: .utf8) }
            if report.committed {
                print("imported \(report.imported) of \(report.rows) rows; \(report.rowsWithErrors) rows with errors; \(report.cardsIssued) talent cards issued")
            } else {
                print("nothing imported: \(report.rowsWithErrors) of \(report.rows) rows have errors (all-or-nothing; use --mode skip-invalid to import the good rows)")
            }
            if !report.errors.isEmpty { throw ExitCode(2) }
        }

        /// Lines in the file (an estimate of rows for the progress bar; quoted newlines are rare).
        static func countLines(_ path: String) throws -> Int {
            guard let handle = FileHandle(forReadingAtPath: path) else { return 1 }
            defer { try? handle.close() }
            var count = 0
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                count += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            }
            return count
        }
    }

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a CSV of generated talents with valid ID numbers (for trials, load tests and benchmarks).")
        @Option(help: "How many talents.") var count: Int = 1000
        @Option(help: "Output file.") var out: String
        @Option(help: "Seed of the generator (the same seed gives the same file).") var seed: UInt64 = 1

        func run() async throws {
            let districts = ReferenceOrgs.nodes.filter { $0.kind.isDistrictLevel }.map(\.code.rawValue)
            var generator = TalentGenerator(seed: seed, districts: districts, today: Clockwork.system.today)
            FileManager.default.createFile(atPath: out, contents: nil)
            guard let handle = FileHandle(forWritingAtPath: out) else { throw ValidationError("cannot write \(out)") }
            let bar = ProgressBar(total: count, unit: "rows")
            var chunk = ExcelCSV.byteOrderMark + ExcelCSV.line(TalentGenerator.header)
            for i in 0..<count {
                chunk += ExcelCSV.line(generator.row(i))
                if i % 10_000 == 9_999 {
                    handle.write(Data(chunk.utf8))
                    chunk = ""
                    bar.update(i + 1)
                }
            }
            handle.write(Data(chunk.utf8))
            try handle.close()
            bar.finish(count)
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export talents to CSV that Excel opens cleanly (personal data masked).")
        @OptionGroup var common: CommonOptions
        @Option(help: "Output file (standard output if omitted).") var out: String?
        @Option(help: "Only this district.") var district: String?
        @Option(help: "Only this tier.") var tier: String?
        @Option(help: "The user whose view to export (their area); default: the city's admin view.") var asUser: String?

        func run() async throws {
            try await withCore(common) { core in
                let principal: Principal
                if let asUser {
                    guard let user = try await core.accounts.user(username: asUser),
                          let p = try await core.accounts.principal(userId: user.id) else { throw ValidationError("no such user \(asUser)") }
                    principal = p
                } else {
                    principal = Principal(userId: 0, username: "cli", roles: [.admin], org: OrgCode("500000")!, talentId: nil)
                }
                let handle: FileHandle
                if let out {
                    FileManager.default.createFile(atPath: out, contents: nil)
                    guard let h = FileHandle(forWritingAtPath: out) else { throw ValidationError("cannot write \(out)") }
                    handle = h
                } else {
                    handle = FileHandle.standardOutput
                }
                let count = try await core.talents.export(TalentQuery(tier: tier, districtCode: district), by: principal) { chunk in
                    handle.write(Data(chunk.utf8))
                }
                if out != nil { try handle.close() }
                FileHandle.standardError.write(Data("exported \(count) talents\n".utf8))
            }
        }
    }
}

import ArgumentParser
import Foundation
import YingcaiCore

/// `yingcai backup FILE` and `yingcai restore FILE`: SQLite's online backup (`VACUUM INTO`) or
/// PostgreSQL's `pg_dump`/`pg_restore`, with the figures the backup holds written beside it
/// (`FILE.figures.json`) and checked against the restored database. The data key is not in the
/// backup: keep it apart, as a restore without it cannot open the personal fields.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Back up the database while it serves (SQLite online backup, or pg_dump), with its figures beside it.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The backup file to write.") var file: String

    func run() async throws {
        let settings = try common.settings()
        guard !FileManager.default.fileExists(atPath: file) else { throw ValidationError("\(file) exists; choose a new file") }
        try await withCore(common) { core in
            let figures = try await core.fingerprint()
            if let url = settings.databaseURL, !url.isEmpty {
                try PostgresTools.run("pg_dump", ["--format=custom", "--no-owner", "--file=\(file)", "--dbname=\(url)"])
            } else {
                try await core.db.backupSQLite(to: file)
            }
            try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys, .prettyPrinted]).write(to: URL(fileURLWithPath: file + ".figures.json"))
            let rows = figures.filter { $0.key.hasPrefix("rows.") }.compactMap { Int($0.value) }.reduce(0, +)
            FileHandle.standardError.write(Data("backed up \(rows) rows to \(file) (figures in \(file).figures.json); keep the data key apart\n".utf8))
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore a backup into an empty database, then check that it answers the backup's figures.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The backup file written by `yingcai backup`.") var file: String
    @Flag(help: "Replace a database that is not empty.") var force = false

    func run() async throws {
        let settings = try common.settings()
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file + ".figures.json"))) as? [String: String] ?? [:]
        let fm = FileManager.default
        if let url = settings.databaseURL, !url.isEmpty {
            try PostgresTools.run("pg_restore", ["--no-owner", "--exit-on-error", "--single-transaction"] + (force ? ["--clean", "--if-exists"] : [])
                                  + ["--dbname=\(url)", file])
        } else {
            let target = settings.sqlitePath
            if fm.fileExists(atPath: target) && !force { throw ValidationError("\(target) exists; say --force to replace it") }
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: target + suffix) }
            try fm.copyItem(atPath: file, toPath: target)
        }
        try await withCore(common) { core in
            let actual = try await core.fingerprint()
            let differing = expected.keys.sorted().filter { actual[$0] != expected[$0] }
            guard differing.isEmpty else {
                throw ValidationError("the restored database does not answer the backup's figures: "
                                      + differing.map { "\($0) \(expected[$0]!) → \(actual[$0] ?? "missing")" }.joined(separator: "; "))
            }
            FileHandle.standardError.write(Data("restored \(file): \(expected.count) figures equal\n".utf8))
        }
    }
}

/// PostgreSQL's own tools, from the PATH or Debian's folder.
enum PostgresTools {
    static func run(_ tool: String, _ arguments: [String]) throws {
        let fm = FileManager.default
        let debian = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .compactMap(Int.init).sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin/\(tool)" }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(tool)" }
        guard let executable = (debian + path).first(where: fm.isExecutableFile(atPath:)) else {
            throw ValidationError("\(tool) not found: install PostgreSQL's client tools (Debian: postgresql-client)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("\(tool) failed with status \(process.terminationStatus)") }
    }
}

import ArgumentParser
import Foundation
import WorkCalendar
import YingcaiCore

/// `yingcai archive --before 2024-01`: detaches the month partitions of the append-only tables
/// wholly before the month (`MonthlyPartitions.archive`), one line per table on standard output
/// (`archived_work_order_events_p202312	48210`) for the operator's dump.
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "archive",
        abstract: "Detach whole past months of events, calls, verifications, deliveries and audit (PostgreSQL).",
        discussion: """
            Each month before --before leaves the live tables as a plain table archived_<table>_pYYYYMM \
            in the same schema; dump it (pg_dump -t 'archived_*') and drop it when the dump is kept.
            """)
    @OptionGroup var common: CommonOptions
    @Option(help: "The first month kept, YYYY-MM (every month before it is archived).") var before: String

    func run() async throws {
        guard let month = CalendarMonth(before) else { throw ValidationError("--before is a month, YYYY-MM (2024-01)") }
        try await withCore(common) { core in
            let line = StepLine("归档 archiving before \(month)")
            do {
                let detached = try await MonthlyPartitions.archive(core.db, before: month, now: core.clock.nowMillis()) { table, rows in
                    line.step("\(table) \(rows)")
                    print("\(table)\t\(rows)")
                }
                line.done("\(detached.count) 个分区 partitions, \(detached.reduce(0) { $0 + $1.rows }) 行 rows")
            } catch let error as ArchiveError {
                throw ValidationError(error.description)
            }
        }
    }
}

import Storage

extension Schema {
    // The append-only tables partitioned by month on PostgreSQL and Citus (`MonthlyPartitions`).
    // SQLite keeps its tables and gains only the webhook deliveries' key with its instant, which
    // the deliveries' `ON CONFLICT` now names on every database.
    static let m024MonthlyPartitions = Migration("024-monthly-partitions") { dialect in
        switch dialect {
        case .sqlite:
            ["CREATE UNIQUE INDEX webhook_outbox_event_at ON webhook_outbox (webhook_id, event_key, created_at)"]
        case .postgres:
            MonthlyPartitions.tables.flatMap(MonthlyPartitions.partitionStatements)
        }
    }
}

import Storage

extension Schema {
    // Ids drawn before a row is written (a filing works out its number and event hash first). On
    // PostgreSQL they come from the table's own sequence; SQLite has no sequences, so this table
    // keeps the last id handed out per table.
    static let m010IdSequences = Migration("010-id-sequences", ddl: [
        "CREATE TABLE id_sequences (name TEXT PRIMARY KEY, last BIGINT NOT NULL)",
    ])
}

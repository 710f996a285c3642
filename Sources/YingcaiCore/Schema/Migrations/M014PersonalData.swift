import Storage

extension Schema {
    // A work order's personal values (the form's personal fields, phone and ID numbers written into
    // its text) sealed beside it; the form, title and content keep them masked. Existing orders are
    // sealed by `PersonalDataBackfill` at the next start (it needs the data key, which SQL has not).
    static let m014PersonalData = Migration("014-personal-data", ddl: [
        "ALTER TABLE work_orders ADD COLUMN personal_sealed {bytes}",
    ])
}

import Storage

extension Schema {
    static let m008StaffPhones = Migration("008-staff-phones", ddl: [
        "ALTER TABLE users ADD COLUMN work_phone TEXT",
    ])
}

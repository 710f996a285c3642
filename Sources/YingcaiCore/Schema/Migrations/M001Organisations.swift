import Storage

extension Schema {
    static let m001Organisations = Migration("001-organisations", ddl: [
        """
        CREATE TABLE orgs (
            code TEXT PRIMARY KEY,
            parent_code TEXT REFERENCES orgs(code),
            name TEXT NOT NULL,
            name_en TEXT NOT NULL,
            kind TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX orgs_parent ON orgs (parent_code)",
    ])
}

import Storage

extension Schema {
    static let m003Talents = Migration("003-talents", ddl: [
        """
        CREATE TABLE talents (
            id {id},
            user_id BIGINT UNIQUE REFERENCES users(id),
            name {ctext} NOT NULL,
            id_type TEXT NOT NULL,
            id_hash {bytes} NOT NULL UNIQUE,
            id_sealed {bytes} NOT NULL,
            id_masked TEXT NOT NULL,
            gender TEXT,
            birth_date TEXT,
            nationality TEXT,
            phone_hash {bytes},
            phone_sealed {bytes},
            phone_masked TEXT,
            email TEXT,
            employer TEXT NOT NULL,
            district_code TEXT NOT NULL REFERENCES orgs(code),
            education TEXT NOT NULL,
            title TEXT NOT NULL,
            field TEXT NOT NULL,
            categories TEXT NOT NULL,
            honors TEXT NOT NULL,
            arrival_date TEXT,
            tier TEXT,
            tier_valid_until TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        // Search by district and name prefix, and by name alone, newest first.
        "CREATE INDEX talents_district_name ON talents (district_code, name, id)",
        "CREATE INDEX talents_name ON talents (name, id)",
        "CREATE INDEX talents_tier ON talents (tier, tier_valid_until)",
        "CREATE INDEX talents_phone ON talents (phone_hash)",
        """
        CREATE TABLE talent_categories (
            talent_id BIGINT NOT NULL REFERENCES talents(id),
            category TEXT NOT NULL,
            PRIMARY KEY (category, talent_id)
        )
        """,
        "CREATE INDEX talent_categories_talent ON talent_categories (talent_id)",
        """
        CREATE TABLE certifications (
            id {id},
            talent_id BIGINT NOT NULL REFERENCES talents(id),
            tier TEXT NOT NULL,
            basis TEXT NOT NULL,
            valid_from TEXT NOT NULL,
            valid_until TEXT NOT NULL,
            certified_by BIGINT REFERENCES users(id),
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX certifications_talent ON certifications (talent_id, id)",
    ])
}

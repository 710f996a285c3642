import Storage

/// The schema, in order. Instants are `BIGINT` milliseconds since the epoch (UTC) and local dates
/// are `YYYY-MM-DD` text, identical on both dialects; enums are stored as their string values.
public enum Schema {
    public static let migrations: [Migration] = [
        m001Organisations,
        m002Accounts,
        m003Talents,
        m004Support,
    ]

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

    static let m002Accounts = Migration("002-accounts", ddl: [
        """
        CREATE TABLE users (
            id {id},
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            org_code TEXT NOT NULL REFERENCES orgs(code),
            roles TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE sessions (
            token_hash {bytes} PRIMARY KEY,
            user_id BIGINT NOT NULL REFERENCES users(id),
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            revoked_at BIGINT
        )
        """,
        "CREATE INDEX sessions_user ON sessions (user_id)",
        """
        CREATE TABLE login_failures (
            id {id},
            username TEXT NOT NULL,
            at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX login_failures_username_at ON login_failures (username, at)",
    ])

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

    static let m004Support = Migration("004-idempotency-and-audit", ddl: [
        """
        CREATE TABLE idempotency_keys (
            user_id BIGINT NOT NULL,
            idem_key TEXT NOT NULL,
            request_hash {bytes} NOT NULL,
            status INTEGER NOT NULL,
            body TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (user_id, idem_key)
        )
        """,
        "CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)",
        """
        CREATE TABLE audit_log (
            id {id},
            at BIGINT NOT NULL,
            actor_id BIGINT,
            action TEXT NOT NULL,
            subject_type TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            detail TEXT NOT NULL,
            request_id TEXT
        )
        """,
        "CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id)",
    ])
}

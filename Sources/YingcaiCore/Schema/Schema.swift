import Storage

/// The schema, in order. Instants are `BIGINT` milliseconds since the epoch (UTC) and local dates
/// are `YYYY-MM-DD` text, identical on both dialects; enums are stored as their string values.
public enum Schema {
    public static let migrations: [Migration] = [
        m001Organisations,
        m002Accounts,
        m003Talents,
        m004Support,
        m005ClosedLoop,
        m006Cards,
        m007Policies,
        m008StaffPhones,
        m009OpenDeadlines,
        m010IdSequences,
        m011MonthlyFigures,
        m012PendingExtensions,
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

    /// The sums both figures tables hold, one BIGINT column each (see `StatsContribution`).
    static let statsSums = StatsContribution.allColumns.map { "\($0) BIGINT NOT NULL DEFAULT 0," }.joined(separator: "\n            ")

    static let m005ClosedLoop = Migration("005-closed-loop", ddl: [
        """
        CREATE TABLE calendar_years (
            year INTEGER PRIMARY KEY,
            arrangement TEXT NOT NULL,
            imported_at BIGINT NOT NULL,
            imported_by BIGINT
        )
        """,
        """
        CREATE TABLE service_items (
            code TEXT PRIMARY KEY,
            data TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        // 人才管家: each certified talent may have one named butler.
        "ALTER TABLE talents ADD COLUMN butler_id BIGINT REFERENCES users(id)",
        "CREATE INDEX talents_butler ON talents (butler_id)",
        """
        CREATE TABLE uploads (
            id TEXT PRIMARY KEY,
            user_id BIGINT NOT NULL,
            sha256 TEXT NOT NULL,
            size BIGINT NOT NULL,
            content_type TEXT NOT NULL,
            filename TEXT NOT NULL,
            stored_path TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            order_id BIGINT
        )
        """,
        "CREATE INDEX uploads_order ON uploads (order_id)",
        """
        CREATE TABLE work_orders (
            id {id},
            received_on TEXT NOT NULL,
            channel TEXT NOT NULL,
            category TEXT NOT NULL,
            service_item_code TEXT,
            talent_id BIGINT REFERENCES talents(id),
            requester_id BIGINT REFERENCES users(id),
            filed_by BIGINT REFERENCES users(id),
            contact_name TEXT,
            contact_phone_hash {bytes},
            contact_phone_sealed {bytes},
            contact_phone_masked TEXT,
            title TEXT NOT NULL,
            content TEXT NOT NULL,
            district_code TEXT NOT NULL,
            urgent INTEGER NOT NULL,
            form TEXT NOT NULL,
            state TEXT NOT NULL,
            on_clock INTEGER NOT NULL,
            lead_org TEXT,
            handling_deadline TEXT NOT NULL,
            received_at BIGINT NOT NULL,
            resolved_at BIGINT,
            rules TEXT NOT NULL,
            last_seq INTEGER NOT NULL,
            last_hash {bytes} NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        // The workbench's lists and the warning inbox: open orders by org or area, by deadline.
        "CREATE INDEX work_orders_lead_clock ON work_orders (lead_org, on_clock, handling_deadline)",
        "CREATE INDEX work_orders_district_clock ON work_orders (district_code, on_clock, handling_deadline)",
        "CREATE INDEX work_orders_clock ON work_orders (on_clock, handling_deadline)",
        "CREATE INDEX work_orders_district_received ON work_orders (district_code, received_on)",
        "CREATE INDEX work_orders_talent ON work_orders (talent_id)",
        "CREATE INDEX work_orders_requester ON work_orders (requester_id)",
        "CREATE INDEX work_orders_filed_by ON work_orders (filed_by, on_clock, handling_deadline)",
        "CREATE INDEX work_orders_state ON work_orders (state)",
        "CREATE INDEX work_orders_phone ON work_orders (contact_phone_hash)",
        """
        CREATE TABLE work_order_co_orgs (
            order_id BIGINT NOT NULL REFERENCES work_orders(id),
            org_code TEXT NOT NULL,
            PRIMARY KEY (org_code, order_id)
        )
        """,
        """
        CREATE TABLE work_order_events (
            id {id},
            order_id BIGINT NOT NULL REFERENCES work_orders(id),
            seq INTEGER NOT NULL,
            at BIGINT NOT NULL,
            actor_id BIGINT,
            actor_name TEXT NOT NULL,
            action TEXT NOT NULL,
            from_state TEXT,
            to_state TEXT NOT NULL,
            note TEXT,
            data TEXT,
            hash {bytes} NOT NULL,
            UNIQUE (order_id, seq)
        )
        """,
        // Figures kept up to date in the same transaction as each change: rows per district, lead
        // org and day of receipt, holding the sum of the orders' contributions. Each order writes to
        // one of 4 shards (its id mod 4), so that concurrent filings in one district do not all queue
        // behind a single row lock until each other's commit.
        """
        CREATE TABLE work_order_stats (
            district_code TEXT NOT NULL,
            lead_org TEXT NOT NULL,
            received_on TEXT NOT NULL,
            shard INTEGER NOT NULL,
            \(statsSums)
            PRIMARY KEY (district_code, lead_org, received_on, shard)
        )
        """,
        "CREATE INDEX work_order_stats_day ON work_order_stats (received_on)",
        "CREATE INDEX work_order_stats_lead ON work_order_stats (lead_org, received_on)",
        // The same sums per district only: the city's and a district's totals and the district
        // ranking read a few thousand rows here instead of one per department.
        """
        CREATE TABLE work_order_stats_district (
            district_code TEXT NOT NULL,
            received_on TEXT NOT NULL,
            shard INTEGER NOT NULL,
            \(statsSums)
            PRIMARY KEY (district_code, received_on, shard)
        )
        """,
        "CREATE INDEX work_order_stats_district_day ON work_order_stats_district (received_on)",
        // Escalation of an overdue order happens once per deadline, however many instances run.
        """
        CREATE TABLE escalations (
            order_id BIGINT NOT NULL REFERENCES work_orders(id),
            deadline TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (order_id, deadline)
        )
        """,
        """
        CREATE TABLE notifications (
            id {id},
            user_id BIGINT REFERENCES users(id),
            org_code TEXT,
            order_id BIGINT REFERENCES work_orders(id),
            kind TEXT NOT NULL,
            message TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            read_at BIGINT
        )
        """,
        "CREATE INDEX notifications_user ON notifications (user_id, id)",
        "CREATE INDEX notifications_org ON notifications (org_code, id)",
        """
        CREATE TABLE webhooks (
            id {id},
            url TEXT NOT NULL,
            secret TEXT NOT NULL,
            events TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE webhook_outbox (
            id {id},
            webhook_id BIGINT NOT NULL REFERENCES webhooks(id),
            event_key TEXT NOT NULL,
            payload TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            delivered_at BIGINT,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            UNIQUE (webhook_id, event_key)
        )
        """,
        "CREATE INDEX webhook_outbox_due ON webhook_outbox (delivered_at, next_attempt_at)",
    ])

    static let m006Cards = Migration("006-cards-and-codes", ddl: [
        // At most one card per talent that is not revoked: a revoked card stays for the record.
        """
        CREATE TABLE cards (
            id {id},
            number TEXT NOT NULL UNIQUE,
            talent_id BIGINT NOT NULL REFERENCES talents(id),
            tier TEXT NOT NULL,
            status TEXT NOT NULL,
            valid_from TEXT NOT NULL,
            valid_until TEXT NOT NULL,
            certification_id BIGINT REFERENCES certifications(id),
            issued_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            status_reason TEXT
        )
        """,
        "CREATE UNIQUE INDEX cards_current ON cards (talent_id) WHERE status <> 'revoked'",
        "CREATE INDEX cards_status ON cards (status, updated_at)",
        // Every change of a card; its largest id is the sequence of the signed revocation list.
        """
        CREATE TABLE card_events (
            id {id},
            card_id BIGINT NOT NULL REFERENCES cards(id),
            action TEXT NOT NULL,
            from_status TEXT,
            to_status TEXT NOT NULL,
            reason TEXT,
            actor BIGINT,
            at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX card_events_card ON card_events (card_id, id)",
        "CREATE TABLE card_serials (year INTEGER PRIMARY KEY, last_serial BIGINT NOT NULL)",
        // The pseudonymous id a talent code carries (16 random bytes), set when the first code is issued.
        "ALTER TABLE talents ADD COLUMN code_subject {bytes}",
        "CREATE UNIQUE INDEX talents_code_subject ON talents (code_subject)",
        // Online verifications: the service events of the talent (talent_id once the signature held).
        """
        CREATE TABLE code_verifications (
            id {id},
            at BIGINT NOT NULL,
            verifier_id BIGINT NOT NULL REFERENCES users(id),
            verifier_org TEXT NOT NULL,
            talent_id BIGINT REFERENCES talents(id),
            issuer TEXT,
            card_number TEXT,
            valid INTEGER NOT NULL,
            reason TEXT
        )
        """,
        "CREATE INDEX code_verifications_talent ON code_verifications (talent_id, id)",
        "CREATE INDEX code_verifications_verifier ON code_verifications (verifier_id, id)",
        // Codes accepted per verifier until they expire: a second showing at the same verifier is a replay.
        """
        CREATE TABLE code_nonces (
            verifier_id BIGINT NOT NULL,
            issuer TEXT NOT NULL,
            nonce BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            PRIMARY KEY (verifier_id, issuer, nonce)
        )
        """,
        "CREATE INDEX code_nonces_expiry ON code_nonces (expires_at)",
        // Partner cities (成渝互认): their public key sets and signed revocation lists, loaded by an admin.
        """
        CREATE TABLE code_partners (
            city_code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            jwks TEXT NOT NULL,
            revocations TEXT,
            loaded_at BIGINT NOT NULL,
            loaded_by BIGINT
        )
        """,
    ])

    static let m007Policies = Migration("007-policies", ddl: [
        // A policy (免申即享); its rule text lives in versions. `published_version` is the one runs use.
        """
        CREATE TABLE policies (
            id {id},
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            department TEXT NOT NULL REFERENCES orgs(code),
            latest_version INTEGER NOT NULL,
            published_version INTEGER,
            created_by BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE policy_versions (
            policy_id BIGINT NOT NULL REFERENCES policies(id),
            version INTEGER NOT NULL,
            source TEXT NOT NULL,
            period TEXT,
            effective_from TEXT NOT NULL,
            effective_until TEXT,
            budget_cap BIGINT,
            state TEXT NOT NULL,
            created_by BIGINT,
            created_at BIGINT NOT NULL,
            checked_at BIGINT,
            published_at BIGINT,
            published_by BIGINT,
            PRIMARY KEY (policy_id, version)
        )
        """,
        """
        CREATE TABLE policy_runs (
            id {id},
            started_at BIGINT NOT NULL,
            finished_at BIGINT,
            started_by BIGINT,
            evaluation_date TEXT NOT NULL,
            talents INTEGER NOT NULL DEFAULT 0,
            proposed INTEGER NOT NULL DEFAULT 0,
            amount BIGINT NOT NULL DEFAULT 0,
            report TEXT
        )
        """,
        // One payout per (policy, talent, period): however often runs happen, never paid twice.
        """
        CREATE TABLE payouts (
            id {id},
            policy_id BIGINT NOT NULL REFERENCES policies(id),
            policy_version INTEGER NOT NULL,
            talent_id BIGINT NOT NULL REFERENCES talents(id),
            period TEXT NOT NULL,
            amount BIGINT NOT NULL,
            reason TEXT NOT NULL,
            state TEXT NOT NULL,
            run_id BIGINT,
            work_order_id BIGINT REFERENCES work_orders(id),
            payment_reference TEXT,
            decline_reason TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (policy_id, talent_id, period)
        )
        """,
        "CREATE INDEX payouts_talent ON payouts (talent_id, id)",
        "CREATE INDEX payouts_policy_state ON payouts (policy_id, state, id)",
    ])

    static let m008StaffPhones = Migration("008-staff-phones", ddl: [
        "ALTER TABLE users ADD COLUMN work_phone TEXT",
    ])

    // Orders on the clock, counted by district, lead org and deadline: overdue and due-soon counts
    // for any node read a few hundred rows instead of every open order. Kept in the transaction of
    // every change (sharded like the figures); filled from the orders for existing databases.
    static let m009OpenDeadlines = Migration("009-open-deadlines", ddl: [
        """
        CREATE TABLE work_order_open (
            district_code TEXT NOT NULL,
            handling_deadline TEXT NOT NULL,
            lead_org TEXT NOT NULL,
            shard INTEGER NOT NULL,
            n BIGINT NOT NULL,
            PRIMARY KEY (district_code, handling_deadline, lead_org, shard)
        )
        """,
        "CREATE INDEX work_order_open_deadline ON work_order_open (handling_deadline)",
        "CREATE INDEX work_order_open_lead ON work_order_open (lead_org, handling_deadline)",
        """
        INSERT INTO work_order_open (district_code, handling_deadline, lead_org, shard, n)
        SELECT district_code, handling_deadline, COALESCE(lead_org, ''), 0, count(*) FROM work_orders WHERE on_clock = 1
        GROUP BY district_code, handling_deadline, COALESCE(lead_org, '')
        """,
    ])

    // Ids drawn before a row is written (a filing works out its number and event hash first). On
    // PostgreSQL they come from the table's own sequence; SQLite has no sequences, so this table
    // keeps the last id handed out per table.
    static let m010IdSequences = Migration("010-id-sequences", ddl: [
        "CREATE TABLE id_sequences (name TEXT PRIMARY KEY, last BIGINT NOT NULL)",
    ])

    // The per-district sums by month of receipt as well: the figures of a long period read one row per
    // district and whole month, and days only for the months it cuts. Kept in the same write as the
    // daily rows; filled from them for existing databases.
    static let m011MonthlyFigures = Migration("011-monthly-figures", ddl: [
        """
        CREATE TABLE work_order_stats_month (
            district_code TEXT NOT NULL,
            month TEXT NOT NULL,
            shard INTEGER NOT NULL,
            \(statsSums)
            PRIMARY KEY (district_code, month, shard)
        )
        """,
        "CREATE INDEX work_order_stats_month_month ON work_order_stats_month (month)",
        """
        INSERT INTO work_order_stats_month (district_code, month, shard, \(StatsContribution.allColumns.joined(separator: ", ")))
        SELECT district_code, substr(received_on, 1, 7), 0, \(StatsContribution.allColumns.map { "SUM(\($0))" }.joined(separator: ", "))
        FROM work_order_stats_district GROUP BY district_code, substr(received_on, 1, 7)
        """,
    ])

    // The working days an open extension request asks for, beside the rule state, so that the
    // supervisors' list of requests to decide is an index read however many orders are in progress.
    static let m012PendingExtensions = Migration("012-pending-extensions") { dialect in
        let asked = dialect == .postgres ? "CAST(CAST(rules AS json) ->> 'pendingExtension' AS INTEGER)" : "json_extract(rules, '$.pendingExtension')"
        return [
            "ALTER TABLE work_orders ADD COLUMN pending_extension INTEGER",
            "UPDATE work_orders SET pending_extension = \(asked) WHERE rules LIKE '%\"pendingExtension\"%'",
            "CREATE INDEX work_orders_pending_extension ON work_orders (district_code, pending_extension) WHERE pending_extension IS NOT NULL",
        ]
    }
}

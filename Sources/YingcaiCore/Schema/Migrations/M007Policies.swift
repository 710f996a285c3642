import Storage

extension Schema {
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
}

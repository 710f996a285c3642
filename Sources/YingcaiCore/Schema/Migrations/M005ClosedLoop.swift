import Storage

extension Schema {
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
}

import Storage

extension Schema {
    // Open311 GeoReport v2: the clients an admin issued keys to (each key stored as its SHA-256,
    // with a service account that files for it), their use per minute (the rate limit holds across
    // instances), and what Open311 says about the orders filed through it (location, media, the
    // token a client may trade for the id). Keyed by district like the orders, so a distributed
    // engine can place a request beside its order; a channel of its own in the figures.
    static let m020Open311 = Migration("020-open311") { dialect in
        let figures = ["work_order_stats", "work_order_stats_district", "work_order_stats_month"].map {
            "ALTER TABLE \($0) ADD COLUMN c_open311 BIGINT NOT NULL DEFAULT 0"
        }
        let tables = [
            """
            CREATE TABLE open311_clients (
                id {id},
                name TEXT NOT NULL UNIQUE,
                key_hash {bytes} NOT NULL UNIQUE,
                key_hint TEXT NOT NULL,
                user_id BIGINT NOT NULL REFERENCES users(id),
                rate_per_minute INTEGER NOT NULL,
                created_by BIGINT,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
            """
            CREATE TABLE open311_usage (
                client_id BIGINT NOT NULL,
                minute BIGINT NOT NULL,
                requests BIGINT NOT NULL,
                PRIMARY KEY (client_id, minute)
            )
            """,
            """
            CREATE TABLE open311_requests (
                district_code TEXT NOT NULL,
                order_id BIGINT NOT NULL,
                client_id BIGINT NOT NULL,
                token TEXT NOT NULL,
                service_code TEXT NOT NULL,
                requested_at BIGINT NOT NULL,
                lat DOUBLE PRECISION,
                lon DOUBLE PRECISION,
                address TEXT,
                address_id TEXT,
                media_url TEXT,
                device_id TEXT,
                account_id TEXT,
                PRIMARY KEY (district_code, order_id),
                UNIQUE (district_code, token)
            )
            """,
            "CREATE INDEX open311_requests_order ON open311_requests (order_id)",
            "CREATE INDEX open311_requests_token ON open311_requests (token)",
            "CREATE INDEX open311_requests_time ON open311_requests (requested_at, order_id)",
            "CREATE INDEX open311_requests_service ON open311_requests (service_code, requested_at)",
        ]
        return (figures + tables).map(dialect.ddl)
    }
}

import Storage

extension Schema {
    // 微信公众号: which follower (openid) speaks for which account, the one-time codes that bind them,
    // every push handled (its replay key is the primary key, so a message is acted on once however
    // often WeChat or anyone else sends it), the orders filed from the chat (so their sender can ask
    // after them and hear when they are resolved), the template messages waiting to go out, and the
    // account's access token shared by every instance (a new token ends the old one's life).
    //
    // For a distributed engine: bindings and codes are keyed by the follower or the code alone (a
    // lookup by that key is all that is asked of them), the orders' rows and the outbox by district
    // and order, like the orders.
    static let m021WeChat = Migration("021-wechat") { dialect in
        [
            """
            CREATE TABLE wechat_bindings (
                openid TEXT PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users(id),
                bound_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX wechat_bindings_user ON wechat_bindings (user_id)",
            """
            CREATE TABLE wechat_binding_codes (
                code TEXT PRIMARY KEY,
                user_id BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX wechat_binding_codes_user ON wechat_binding_codes (user_id)",
            """
            CREATE TABLE wechat_messages (
                replay_key TEXT PRIMARY KEY,
                openid TEXT NOT NULL,
                kind TEXT NOT NULL,
                order_id BIGINT,
                received_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX wechat_messages_openid ON wechat_messages (openid, kind, received_at)",
            "CREATE INDEX wechat_messages_time ON wechat_messages (received_at)",
            """
            CREATE TABLE wechat_orders (
                district_code TEXT NOT NULL,
                order_id BIGINT NOT NULL,
                openid TEXT NOT NULL,
                PRIMARY KEY (district_code, order_id)
            )
            """,
            "CREATE INDEX wechat_orders_order ON wechat_orders (order_id)",
            "CREATE INDEX wechat_orders_openid ON wechat_orders (openid)",
            """
            CREATE TABLE wechat_outbox (
                district_code TEXT NOT NULL,
                order_id BIGINT NOT NULL,
                event_key TEXT NOT NULL,
                openid TEXT NOT NULL,
                payload TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at BIGINT NOT NULL,
                delivered_at BIGINT,
                abandoned_at BIGINT,
                last_error TEXT,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (district_code, order_id, event_key)
            )
            """,
            "CREATE INDEX wechat_outbox_due ON wechat_outbox (next_attempt_at) WHERE delivered_at IS NULL AND abandoned_at IS NULL",
            """
            CREATE TABLE wechat_access_tokens (
                app_id TEXT PRIMARY KEY,
                token TEXT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
        ].map(dialect.ddl)
    }
}

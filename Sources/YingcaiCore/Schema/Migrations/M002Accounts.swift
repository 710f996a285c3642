import Storage

extension Schema {
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
}

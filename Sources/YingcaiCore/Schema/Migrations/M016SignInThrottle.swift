import Storage

extension Schema {
    // Sign-in throttling by username and client address (OWASP ASVS 2.2.1). Failures carry their
    // address; the addresses a user has signed in from are remembered, keyed by the user; refused
    // attempts are kept as one row per username and address, for the admin to see who is trying.
    static let m016SignInThrottle = Migration("016-sign-in-throttle", ddl: [
        "ALTER TABLE login_failures ADD COLUMN address TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX login_failures_pair ON login_failures (username, address, at)",
        """
        CREATE TABLE sign_in_addresses (
            user_id BIGINT NOT NULL REFERENCES users(id),
            address TEXT NOT NULL,
            last_at BIGINT NOT NULL,
            PRIMARY KEY (user_id, address)
        )
        """,
        """
        CREATE TABLE sign_in_throttles (
            username TEXT NOT NULL,
            address TEXT NOT NULL,
            first_at BIGINT NOT NULL,
            last_at BIGINT NOT NULL,
            attempts BIGINT NOT NULL,
            longest_wait_seconds BIGINT NOT NULL,
            PRIMARY KEY (username, address)
        )
        """,
        "CREATE INDEX sign_in_throttles_last ON sign_in_throttles (last_at)",
    ])
}

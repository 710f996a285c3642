import Storage

extension Schema {
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

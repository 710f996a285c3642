import Storage

extension Schema {
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
}

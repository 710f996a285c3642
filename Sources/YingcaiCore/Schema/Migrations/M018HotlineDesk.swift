import Storage

extension Schema {
    // The hotline desk: its lines (12345, 12351) as data, a log of every call whether or not it
    // becomes an order, and the knowledge base the desk answers from (热线知识库, GB/T 44191-2024):
    // articles with every version kept, their search index, the editors' synonym table, and the
    // talents' ratings. A call is kept with its caller's district (the key a distributed engine
    // places it by); the knowledge base is city-wide reference data.
    static let m018HotlineDesk = Migration("018-hotline-desk") { dialect in
        let common = [
            """
            CREATE TABLE hotline_lines (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                name_en TEXT NOT NULL,
                org_code TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "ALTER TABLE work_orders ADD COLUMN line_code TEXT",
            "CREATE INDEX work_orders_line ON work_orders (line_code, received_on)",
            """
            CREATE TABLE hotline_calls (
                id {id},
                district_code TEXT NOT NULL,
                line_code TEXT NOT NULL,
                caller_phone_hash {bytes},
                caller_phone_sealed {bytes},
                caller_phone_masked TEXT,
                talent_id BIGINT,
                started_at BIGINT NOT NULL,
                started_on TEXT NOT NULL,
                duration_seconds INTEGER,
                dispatcher_id BIGINT NOT NULL,
                question TEXT NOT NULL,
                outcome TEXT NOT NULL,
                order_id BIGINT,
                transferred_to TEXT,
                note TEXT,
                closed_at BIGINT,
                gap_closed_by BIGINT,
                gap_closed_at BIGINT,
                gap_article_id BIGINT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX hotline_calls_line_day ON hotline_calls (line_code, started_on)",
            "CREATE INDEX hotline_calls_dispatcher_day ON hotline_calls (dispatcher_id, started_on)",
            "CREATE INDEX hotline_calls_day ON hotline_calls (started_on)",
            "CREATE INDEX hotline_calls_phone ON hotline_calls (caller_phone_hash)",
            "CREATE INDEX hotline_calls_gaps ON hotline_calls (outcome, gap_closed_at)",
            """
            CREATE TABLE hotline_call_articles (
                call_id BIGINT NOT NULL,
                article_id BIGINT NOT NULL,
                version INTEGER NOT NULL,
                at BIGINT NOT NULL,
                PRIMARY KEY (call_id, article_id)
            )
            """,
            "CREATE INDEX hotline_call_articles_article ON hotline_call_articles (article_id)",
            // An article: its issuing department, and the fields of the version now offered
            // (published), copied here so that search filters read one row.
            """
            CREATE TABLE kb_articles (
                id {id},
                org_code TEXT NOT NULL,
                title TEXT NOT NULL,
                latest_version INTEGER NOT NULL,
                published_version INTEGER,
                category TEXT,
                scope TEXT,
                items TEXT,
                effective_on TEXT,
                expires_on TEXT,
                helpful INTEGER NOT NULL DEFAULT 0,
                unhelpful INTEGER NOT NULL DEFAULT 0,
                created_by BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX kb_articles_title ON kb_articles (title)",
            "CREATE INDEX kb_articles_org ON kb_articles (org_code, id)",
            "CREATE INDEX kb_articles_expiry ON kb_articles (expires_on)",
            """
            CREATE TABLE kb_article_versions (
                article_id BIGINT NOT NULL,
                version INTEGER NOT NULL,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                category TEXT NOT NULL,
                keywords TEXT NOT NULL,
                items TEXT NOT NULL,
                scope TEXT NOT NULL,
                effective_on TEXT NOT NULL,
                expires_on TEXT,
                state TEXT NOT NULL,
                written_by BIGINT NOT NULL,
                written_at BIGINT NOT NULL,
                reviewed_by BIGINT,
                reviewed_at BIGINT,
                published_by BIGINT,
                published_at BIGINT,
                expired_at BIGINT,
                PRIMARY KEY (article_id, version)
            )
            """,
            """
            CREATE TABLE kb_synonyms (
                id {id},
                words TEXT NOT NULL,
                updated_by BIGINT,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX kb_synonyms_words ON kb_synonyms (words)",
            """
            CREATE TABLE kb_ratings (
                article_id BIGINT NOT NULL,
                user_id BIGINT NOT NULL,
                helpful INTEGER NOT NULL,
                at BIGINT NOT NULL,
                PRIMARY KEY (article_id, user_id)
            )
            """,
        ]
        // The search index of published versions: the application writes character bigrams and
        // single characters (KnowledgeSearch.Tokenizer); FTS5 ranks by bm25 with the title 4× the
        // body on SQLite, a weighted `simple` tsvector with a GIN index on PostgreSQL.
        let search: [String]
        switch dialect {
        case .sqlite:
            search = [
                "CREATE VIRTUAL TABLE kb_fts USING fts5(title, body, tokenize = 'unicode61')",
                "INSERT INTO kb_fts(kb_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')",
            ]
        case .postgres:
            search = [
                """
                CREATE TABLE kb_search (
                    article_id BIGINT PRIMARY KEY,
                    title_tokens TEXT NOT NULL,
                    body_tokens TEXT NOT NULL,
                    tsv tsvector GENERATED ALWAYS AS
                        (setweight(to_tsvector('simple', title_tokens), 'A') || setweight(to_tsvector('simple', body_tokens), 'B')) STORED
                )
                """,
                "CREATE INDEX kb_search_tsv ON kb_search USING gin (tsv)",
            ]
        }
        return (common + search).map(dialect.ddl)
    }
}

import Storage

extension Schema {
    // The knowledge base's titles as an index of their own, searched before the bodies: an article
    // whose title holds every word is what a caller asks about, and a short title ranks in a fraction
    // of the time of a body (BM25 or `ts_rank` reads every matching row). SQLite: an FTS5 table beside
    // `kb_fts` and its `fts5vocab` view, whose counts say which words are in most titles (`CommonTokens`);
    // PostgreSQL: a title-only tsvector with its own GIN index on `kb_search`, counted with `ts_stat`.
    static let m019KnowledgeTitles = Migration("019-knowledge-titles") { dialect in
        switch dialect {
        case .sqlite:
            [
                "CREATE VIRTUAL TABLE kb_titles USING fts5(title, tokenize = 'unicode61')",
                "CREATE VIRTUAL TABLE kb_titles_vocab USING fts5vocab(kb_titles, 'row')",
                "INSERT INTO kb_titles (rowid, title) SELECT rowid, title FROM kb_fts",
            ]
        case .postgres:
            [
                "ALTER TABLE kb_search ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', title_tokens)) STORED",
                "CREATE INDEX kb_search_title ON kb_search USING gin (title_tsv)",
            ]
        }
    }
}

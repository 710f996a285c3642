import Foundation
import KnowledgeSearch

/// `kb-bench export`: what check_backends.py needs to compare the in-memory index with SQLite FTS5 and
/// PostgreSQL on the first N articles: the stored token text of each, and for each query both expressions in
/// both syntaxes with the in-memory matches and top ten.
enum Export {
    static func run(out: String, synonymsPath: String, sample: Int) throws {
        let articles = Array(try Corpus.lines("\(out)/articles.jsonl", as: Article.self).prefix(sample))
        let queries = try Corpus.lines("\(out)/queries.jsonl", as: BenchQuery.self)
        let synonyms = SynonymTable(csv: try Corpus.text(synonymsPath))
        var index = KnowledgeIndex()
        var lines: [String] = []
        for article in articles {
            index.add(id: article.id, title: article.title, body: article.body)
            lines.append(try json([
                "id": article.id,
                "title": Tokenizer.storedText(of: article.title),
                "body": Tokenizer.storedText(of: article.body),
            ]))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: "\(out)/sample-tokens.jsonl", atomically: true, encoding: .utf8)
        lines = []
        for query in queries {
            let parsed = SearchQuery(query.query, synonyms: synonyms)
            for mode in MatchMode.allCases {
                guard let expression = parsed.expression(mode) else { continue }
                let hits = index.search(expression, limit: 10)
                lines.append(try json([
                    "id": query.id, "query": query.query, "mode": mode.rawValue,
                    "fts5": FTS5Syntax.render(expression), "tsquery": TSQuerySyntax.render(expression),
                    "matches": index.matchCount(expression),
                    "top": hits.map(\.id), "scores": hits.map(\.score),
                ]))
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: "\(out)/sample-queries.jsonl", atomically: true, encoding: .utf8)
        print("kb-bench: exported \(articles.count) articles and \(lines.count) expressions to \(out)")
    }

    private static func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}

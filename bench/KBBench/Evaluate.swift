import Foundation
import KnowledgeSearch

/// `kb-bench evaluate`: the product's search in memory over the generated articles, against the ground truth.
enum Evaluate {
    static func run(out: String, synonymsPath: String, dump: Bool) throws {
        let loadStart = Date()
        let articles = try Corpus.lines("\(out)/articles.jsonl", as: Article.self)
        let queries = try Corpus.lines("\(out)/queries.jsonl", as: BenchQuery.self)
        let synonyms = SynonymTable(csv: try Corpus.text(synonymsPath))
        let decoded = Date().timeIntervalSince(loadStart)
        var index = KnowledgeIndex()
        for article in articles { index.add(id: article.id, title: article.title, body: article.body) }
        let seconds = Date().timeIntervalSince(loadStart)
        print("kb-bench: read and indexed \(index.count) articles in \(String(format: "%.1f", seconds)) s "
            + "(reading \(String(format: "%.1f", decoded)) s); "
            + "\(synonyms.groupCount) synonym groups; \(queries.count) queries")

        var all = Metrics()
        var byClass: [String: Metrics] = [:]
        var times: [Double] = []
        var strictOnly = 0
        var runs: [String] = []
        for query in queries {
            let start = DispatchTime.now().uptimeNanoseconds
            let parsed = SearchQuery(query.query, synonyms: synonyms)
            let hits = index.search(parsed, limit: 10)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            if let strict = parsed.strict, index.search(strict, limit: 10).count >= 10 { strictOnly += 1 }
            let ranked = hits.map(\.id)
            let relevant = Set(query.relevant)
            all.add(ranked: ranked, relevant: relevant)
            byClass[query.class, default: Metrics()].add(ranked: ranked, relevant: relevant)
            if dump {
                let line = ["id": query.id, "ranked": ranked] as [String: Any]
                if let data = try? JSONSerialization.data(withJSONObject: line), let s = String(data: data, encoding: .utf8) {
                    runs.append(s)
                }
            }
        }
        if dump {
            let text = runs.joined(separator: "\n") + "\n"
            try text.write(toFile: "\(out)/kb-bench-runs.jsonl", atomically: true, encoding: .utf8)
        }
        times.sort()
        for (name, m) in byClass.sorted(by: { $0.key < $1.key }) {
            print("  class \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) n=\(m.count)  recall@5 \(format(m.recall))  MRR \(format(m.mrr))")
        }
        print("  \(strictOnly) of \(queries.count) queries filled the page from the strict search alone")
        print("RESULT yingcai bigram+BM25: recall@5 \(format(all.recall))  MRR \(format(all.mrr))  "
            + "p95 \(String(format: "%.2f", percentile(times, 0.95))) ms (in memory, \(queries.count) queries)")
    }
}

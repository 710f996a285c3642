import CSV
import Foundation

/// `yingcai kb import FILE`: articles from a hotline's existing knowledge base, as CSV (a header row
/// naming the columns; lists separated by `|`) or JSON lines (one article object a line, the API's
/// `ArticleInput`). Each row is checked and imported by itself; a bad row is reported with its line
/// and reason and the others go on.
public struct KnowledgeImport: Sendable {
    public struct RowError: Sendable, Equatable {
        public let line: Int
        public let message: String
    }

    public struct Report: Sendable {
        public var imported = 0
        public var errors: [RowError] = []
    }

    static let columns = ["title", "body", "category", "keywords", "items", "scope", "effectiveOn", "expiresOn", "orgCode"]

    /// The rows of a file, each with its line number: an article to import, or why it cannot be.
    public static func rows(path: String) throws -> [(line: Int, input: ArticleInput?, error: String?)] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CoreError.invalid("file", "无法读取 \(path) / cannot read \(path)") }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") || text.first == "{" {
            return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, line in
                let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty { return nil }
                do {
                    return (i + 1, try JSONDecoder().decode(ArticleInput.self, from: Data(trimmed.utf8)), nil)
                } catch {
                    return (i + 1, nil, "不是有效的 JSON 知识对象 / not a valid JSON article")
                }
            }
        }
        let reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: false)
        let header = reader.headerRow ?? []
        let unknown = header.filter { !columns.contains($0) }
        guard unknown.isEmpty else { throw CoreError.invalid("file", "未知列：\(unknown.joined(separator: ", ")) / unknown columns; known: \(columns.joined(separator: ", "))") }
        var out: [(Int, ArticleInput?, String?)] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            var f: [String: String] = [:]
            for (name, value) in zip(header, row) where !value.isEmpty { f[name] = value }
            func list(_ k: String) -> [String]? { f[k].map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } } }
            out.append((line, ArticleInput(title: f["title"], body: f["body"]?.replacingOccurrences(of: "\\n", with: "\n"), category: f["category"],
                                           keywords: list("keywords"), items: list("items"), scope: f["scope"], effectiveOn: f["effectiveOn"],
                                           expiresOn: f["expiresOn"], orgCode: f["orgCode"]), nil))
        }
        return out
    }

    /// Imports every row through `KnowledgeBase.importArticle`; `progress` hears the rows done.
    public static func run(path: String, into kb: KnowledgeBase, by p: Principal, progress: @Sendable (Int, Int) -> Void) async throws -> Report {
        let rows = try rows(path: path)
        let known = Set(try await kb.catalog.list(kind: nil, department: nil, tier: nil).map(\.code))
        var report = Report()
        // Checked row by row; written 500 rows to a transaction (a commit per row would be most of
        // the time on PostgreSQL). A row's refusal comes before it writes, so it never spoils its chunk.
        for start in stride(from: 0, to: rows.count, by: 500) {
            let chunk = rows[start..<min(rows.count, start + 500)]
            let part = try await kb.db.longTransaction { _ in
                var part = Report()
                for row in chunk {
                    if let error = row.error {
                        part.errors.append(.init(line: row.line, message: error))
                    } else if let input = row.input {
                        do {
                            _ = try await kb.importOne(input, by: p, knownItems: known)
                            part.imported += 1
                        } catch let CoreError.validation(list) {
                            part.errors.append(.init(line: row.line, message: list.map { "\($0.field)：\($0.message)" }.joined(separator: "；")))
                        }
                    }
                }
                return part
            }
            report.imported += part.imported
            report.errors += part.errors
            progress(start + chunk.count, rows.count)
        }
        if report.imported > 0 { try await kb.settleAfterBulkLoad() }
        return report
    }
}

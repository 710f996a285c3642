import Foundation

/// One article of bench/out/articles.jsonl (the fields the benchmark reads).
struct Article: Decodable, Sendable {
    let id: Int
    let title: String
    let body: String
}

/// One query of bench/out/queries.jsonl with its ground truth.
struct BenchQuery: Decodable, Sendable {
    let id: Int
    let query: String
    let `class`: String
    let relevant: [Int]
}

enum Corpus {
    static func lines<T: Decodable>(_ path: String, as type: T.Type) throws -> [T] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let decoder = JSONDecoder()
        var out: [T] = []
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
            if end > start { out.append(try decoder.decode(T.self, from: data[start..<end])) }
            start = end == data.endIndex ? end : data.index(after: end)
        }
        return out
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
    }
}

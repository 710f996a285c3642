import Foundation
import Testing

enum TestResources {
    static func folder() throws -> URL {
        try #require(Bundle.module.url(forResource: "Resources", withExtension: nil))
    }

    static func specExample(_ name: String) throws -> String {
        try String(decoding: Data(contentsOf: folder().appendingPathComponent("spec-examples/\(name)")), as: UTF8.self)
    }

    static var schemas: URL { get throws { try folder().appendingPathComponent("schemas") } }

    /// Parses JSON, first quoting the numbers with leading zeros that the spec's examples contain
    /// (`"service_code":006` is not JSON).
    static func lenientJSON(_ text: String) throws -> Any {
        let regex = try NSRegularExpression(pattern: #"(:\s*)(0\d+)(\s*[,}\]])"#)
        let fixed = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1\"$2\"$3")
        return try JSONSerialization.jsonObject(with: Data(fixed.utf8), options: [.fragmentsAllowed])
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }
}

/// Differences between our JSON and a spec example: same keys at every level, same array lengths,
/// and equal scalars when both are written as text (the spec's `638344` is our `"638344"`, as the
/// schemas require strings). `nullMayBeAbsent`: a key that is null in the example may be left out.
func jsonShapeDifferences(_ ours: Any, _ example: Any, path: String = "$", nullMayBeAbsent: Bool = false) -> [String] {
    switch (ours, example) {
    case (let a as [String: Any], let b as [String: Any]):
        var differences: [String] = []
        let required = Set(b.keys.filter { !(nullMayBeAbsent && b[$0] is NSNull) })
        let missing = required.subtracting(a.keys)
        let extra = Set(a.keys).subtracting(b.keys)
        if !missing.isEmpty { differences.append("\(path): missing \(missing.sorted())") }
        if !extra.isEmpty { differences.append("\(path): extra \(extra.sorted())") }
        for key in Set(a.keys).intersection(b.keys).sorted() {
            guard let mine = a[key], let theirs = b[key] else { continue }
            differences += jsonShapeDifferences(mine, theirs, path: path + "." + key, nullMayBeAbsent: nullMayBeAbsent)
        }
        return differences
    case (let a as [Any], let b as [Any]):
        guard a.count == b.count else { return ["\(path): \(a.count) items, example has \(b.count)"] }
        return zip(a, b).enumerated().flatMap { index, pair in
            jsonShapeDifferences(pair.0, pair.1, path: "\(path)[\(index)]", nullMayBeAbsent: nullMayBeAbsent)
        }
    default:
        let a = "\(ours)".trimmingCharacters(in: .whitespaces)
        let b = "\(example)".trimmingCharacters(in: .whitespaces)
        return a == b ? [] : ["\(path): \(a) ≠ example \(b)"]
    }
}

import Foundation

/// A strict, test-only XML reader: it accepts only well-formed documents (matching tags, quoted
/// attributes, known entities, one root) and returns a tree for comparing shapes. Independent of
/// the module's writer, so a writer bug cannot hide in a shared helper.
struct TestXML: Equatable, CustomStringConvertible {
    var name: String
    var text: String
    var children: [TestXML]

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ document: String) throws -> TestXML {
        var reader = Reader(bytes: Array(document.utf8))
        return try reader.document()
    }

    /// Element names and trimmed texts, children grouped by name (order kept within a name): the
    /// spec's examples list a service's fields in different orders.
    var canonical: String {
        let sorted = children.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }.map(\.element)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return name + (children.isEmpty ? "=" + trimmed : "")
            + (sorted.isEmpty ? "" : "{" + sorted.map(\.canonical).joined(separator: ",") + "}")
    }

    var description: String { canonical }

    func child(_ name: String) -> TestXML? { children.first { $0.name == name } }

    private struct Reader {
        let bytes: [UInt8]
        var at = 0

        mutating func document() throws -> TestXML {
            skipSpace()
            if starts("<?xml") {
                guard let end = find("?>") else { throw Malformed(description: "unterminated declaration") }
                at = end + 2
            }
            skipMisc()
            let root = try element()
            skipMisc()
            guard at == bytes.count else { throw Malformed(description: "content after the root at \(at)") }
            return root
        }

        mutating func element() throws -> TestXML {
            guard starts("<") else { throw Malformed(description: "expected '<' at \(at)") }
            at += 1
            let name = try readName()
            while true {
                let spaced = skipSpace()
                if starts("/>") {
                    at += 2
                    return TestXML(name: name, text: "", children: [])
                }
                if starts(">") {
                    at += 1
                    break
                }
                guard spaced else { throw Malformed(description: "bad attribute list in <\(name)>") }
                _ = try readName()
                guard starts("=") else { throw Malformed(description: "attribute without '='") }
                at += 1
                guard at < bytes.count, bytes[at] == 0x22 || bytes[at] == 0x27 else { throw Malformed(description: "unquoted attribute") }
                let quote = bytes[at]
                at += 1
                while at < bytes.count, bytes[at] != quote {
                    if bytes[at] == 0x3C { throw Malformed(description: "'<' in attribute") }
                    at += 1
                }
                at += 1
            }
            var text: [UInt8] = []
            var children: [TestXML] = []
            while at < bytes.count {
                if starts("</") {
                    at += 2
                    let closing = try readName()
                    skipSpace()
                    guard starts(">"), closing == name else { throw Malformed(description: "</\(closing)> does not close <\(name)>") }
                    at += 1
                    return TestXML(name: name, text: String(decoding: text, as: UTF8.self), children: children)
                } else if starts("<!--") {
                    guard let end = find("-->") else { throw Malformed(description: "unterminated comment") }
                    at = end + 3
                } else if starts("<![CDATA[") {
                    guard let end = find("]]>") else { throw Malformed(description: "unterminated CDATA") }
                    text += bytes[(at + 9)..<end]
                    at = end + 3
                } else if starts("<") {
                    children.append(try element())
                } else if starts("&") {
                    guard let end = find(";") else { throw Malformed(description: "bare '&'") }
                    let entity = String(decoding: bytes[(at + 1)..<end], as: UTF8.self)
                    let map = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'"]
                    if let plain = map[entity] {
                        text += Array(plain.utf8)
                    } else if entity.hasPrefix("#"), let scalar = Self.reference(entity.dropFirst()) {
                        text += Array(String(Character(scalar)).utf8)
                    } else {
                        throw Malformed(description: "unknown entity &\(entity);")
                    }
                    at = end + 1
                } else {
                    let byte = bytes[at]
                    if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { throw Malformed(description: "control character") }
                    if starts("]]>") { throw Malformed(description: "']]>' in text") }
                    text.append(byte)
                    at += 1
                }
            }
            throw Malformed(description: "<\(name)> not closed")
        }

        static func reference(_ digits: Substring) -> Unicode.Scalar? {
            let value = digits.first == "x" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init)
        }

        mutating func readName() throws -> String {
            let start = at
            while at < bytes.count, !" \t\r\n/>=".utf8.contains(bytes[at]) { at += 1 }
            guard at > start else { throw Malformed(description: "expected a name at \(start)") }
            return String(decoding: bytes[start..<at], as: UTF8.self)
        }

        @discardableResult
        mutating func skipSpace() -> Bool {
            let start = at
            while at < bytes.count, " \t\r\n".utf8.contains(bytes[at]) { at += 1 }
            return at > start
        }

        mutating func skipMisc() {
            while true {
                skipSpace()
                guard starts("<!--"), let end = find("-->") else { return }
                at = end + 3
            }
        }

        func starts(_ literal: String) -> Bool {
            let needle = Array(literal.utf8)
            return at + needle.count <= bytes.count && Array(bytes[at..<at + needle.count]) == needle
        }

        func find(_ literal: String) -> Int? {
            let needle = Array(literal.utf8)
            var i = at
            while i + needle.count <= bytes.count {
                if Array(bytes[i..<i + needle.count]) == needle { return i }
                i += 1
            }
            return nil
        }
    }
}

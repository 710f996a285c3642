/// Writes a `Node` as compact JSON (RFC 8259), UTF-8 text unescaped, keys in the spec's order.
/// Written as bytes, like `XMLWriter`.
enum JSONWriter {
    static func document(_ node: Node) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        value(node, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func value(_ node: Node, into out: inout [UInt8]) {
        switch node {
        case .text(let text):
            if let text { string(text, into: &out) } else { out.append(contentsOf: "null".utf8) }
        case .number(let literal):
            out.append(contentsOf: literal.utf8)
        case .bool(let flag):
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            var first = true
            for member in members where !(member.omitInJSONIfAbsent && member.value.isAbsent) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                string(member.name, into: &out)
                out.append(UInt8(ascii: ":"))
                value(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .list(_, let nodes):
            out.append(UInt8(ascii: "["))
            for (index, child) in nodes.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                value(child, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// Quotes, backslashes and control characters escaped; U+2028/U+2029 too, so the output is
    /// also safe inside a `<script>` (JSONP-style clients exist for Open311).
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // No quote, backslash or control character, and no U+2028/U+2029 (E2 80 A8/A9): whole.
        var previous: (UInt8, UInt8) = (0, 0)
        let clean = text.utf8.allSatisfy { byte in
            defer { previous = (previous.1, byte) }
            if byte == 0xA8 || byte == 0xA9 { return previous != (0xE2, 0x80) }
            return byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
        }
        if clean {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: "\\\"".utf8)
            case "\\": out.append(contentsOf: "\\\\".utf8)
            case "\n": out.append(contentsOf: "\\n".utf8)
            case "\r": out.append(contentsOf: "\\r".utf8)
            case "\t": out.append(contentsOf: "\\t".utf8)
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

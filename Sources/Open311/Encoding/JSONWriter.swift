/// Writes a `Node` as compact JSON (RFC 8259), UTF-8 text unescaped, keys in the spec's order.
enum JSONWriter {
    static func document(_ node: Node) -> String {
        var out = ""
        value(node, into: &out)
        return out
    }

    private static func value(_ node: Node, into out: inout String) {
        switch node {
        case .text(let text):
            if let text { string(text, into: &out) } else { out += "null" }
        case .number(let literal):
            out += literal
        case .bool(let flag):
            out += flag ? "true" : "false"
        case .object(let members):
            out += "{"
            var first = true
            for member in members where !(member.omitInJSONIfAbsent && member.value.isAbsent) {
                if !first { out += "," }
                first = false
                string(member.name, into: &out)
                out += ":"
                value(member.value, into: &out)
            }
            out += "}"
        case .list(_, let nodes):
            out += "["
            for (index, child) in nodes.enumerated() {
                if index > 0 { out += "," }
                value(child, into: &out)
            }
            out += "]"
        }
    }

    /// Quotes, backslashes and control characters escaped; U+2028/U+2029 too, so the output is
    /// also safe inside a `<script>` (JSONP-style clients exist for Open311).
    static func string(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

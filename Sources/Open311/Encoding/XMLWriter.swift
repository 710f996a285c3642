/// Writes a `Node` as the spec's schemaless XML: the declaration with UTF-8, no namespace, four
/// spaces of indentation as in the spec's examples, empty elements as `<name></name>`.
enum XMLWriter {
    static func document(root: String, _ node: Node) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        element(root, node, depth: 0, into: &out)
        return out
    }

    private static func element(_ name: String, _ node: Node, depth: Int, into out: inout String) {
        let indent = String(repeating: "    ", count: depth)
        switch node {
        case .text(let value):
            out += indent + "<\(name)>" + escape(value ?? "") + "</\(name)>\n"
        case .number(let literal):
            out += indent + "<\(name)>\(literal)</\(name)>\n"
        case .bool(let value):
            out += indent + "<\(name)>\(value)</\(name)>\n"
        case .object(let members):
            let shown = members.filter { !($0.omitInXMLIfAbsent && $0.value.isAbsent) }
            out += indent + "<\(name)>\n"
            for member in shown { element(member.name, member.value, depth: depth + 1, into: &out) }
            out += indent + "</\(name)>\n"
        case .list(let item, let nodes):
            if nodes.isEmpty {
                out += indent + "<\(name)></\(name)>\n"
                return
            }
            out += indent + "<\(name)>\n"
            for child in nodes { element(item, child, depth: depth + 1, into: &out) }
            out += indent + "</\(name)>\n"
        }
    }

    /// Escapes markup characters; writes CR as a reference so it survives XML's line-end
    /// normalisation; drops characters XML 1.0 cannot carry (C0 controls other than tab, LF and
    /// CR, and U+FFFE/U+FFFF), which would make the whole document unreadable.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default:
                switch scalar.value {
                case 0x09, 0x0A, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: out.unicodeScalars.append(scalar)
                default: continue
                }
            }
        }
        return out
    }
}

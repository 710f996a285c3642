/// Writes a `Node` as the spec's schemaless XML: the declaration with UTF-8, no namespace, four
/// spaces of indentation as in the spec's examples, empty elements as `<name></name>`.
///
/// Written as bytes: a page of 1,000 requests is about a megabyte, and building it by appending
/// to a `String` cost more than reading it from the database.
enum XMLWriter {
    static func document(root: String, _ node: Node) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        out.append(contentsOf: #"<?xml version="1.0" encoding="UTF-8"?>"#.utf8)
        out.append(newline)
        element(root, node, depth: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static let newline = UInt8(ascii: "\n")

    private static func element(_ name: String, _ node: Node, depth: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 4))
        switch node {
        case .text(let value):
            open(name, &out)
            escape(value ?? "", into: &out)
            close(name, &out)
        case .number(let literal):
            open(name, &out)
            out.append(contentsOf: literal.utf8)
            close(name, &out)
        case .bool(let value):
            open(name, &out)
            out.append(contentsOf: (value ? "true" : "false").utf8)
            close(name, &out)
        case .object(let members):
            open(name, &out)
            out.append(newline)
            for member in members where !(member.omitInXMLIfAbsent && member.value.isAbsent) {
                element(member.name, member.value, depth: depth + 1, into: &out)
            }
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 4))
            close(name, &out)
        case .list(let item, let nodes):
            open(name, &out)
            if !nodes.isEmpty {
                out.append(newline)
                for child in nodes { element(item, child, depth: depth + 1, into: &out) }
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 4))
            }
            close(name, &out)
        }
    }

    private static func open(_ name: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: name.utf8)
        out.append(UInt8(ascii: ">"))
    }

    private static func close(_ name: String, _ out: inout [UInt8]) {
        out.append(contentsOf: "</".utf8)
        out.append(contentsOf: name.utf8)
        out.append(UInt8(ascii: ">"))
        out.append(newline)
    }

    /// Escapes markup characters; writes CR as a reference so it survives XML's line-end
    /// normalisation; drops characters XML 1.0 cannot carry (C0 controls other than tab, LF and
    /// CR, and U+FFFE/U+FFFF), which would make the whole document unreadable.
    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func escape(_ text: String, into out: inout [UInt8]) {
        // Most text needs nothing: no markup, no control character, no U+FFFE/U+FFFF (EF BF BE/BF).
        // Copy it whole.
        var previous: (UInt8, UInt8) = (0, 0)
        let clean = text.utf8.allSatisfy { byte in
            defer { previous = (previous.1, byte) }
            if byte < 0x20 { return byte == 0x09 || byte == 0x0A }
            if byte == 0xBE || byte == 0xBF { return previous != (0xEF, 0xBF) }
            return byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
        }
        if clean {
            out.append(contentsOf: text.utf8)
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".utf8)
            case "<": out.append(contentsOf: "&lt;".utf8)
            case ">": out.append(contentsOf: "&gt;".utf8)
            case "\r": out.append(contentsOf: "&#13;".utf8)
            default:
                switch scalar.value {
                case 0x09, 0x0A, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: out.append(contentsOf: String(scalar).utf8)
                default: continue
                }
            }
        }
    }
}

/// Just enough JSON (RFC 8259) for JWK sets, so the module needs no Foundation. Also the server's
/// reader for the canonical form of a request body (`CanonicalJSON`), which is why it is strict:
/// one value, no repeated keys, bounded depth and length.
indirect enum JSON: Equatable, Sendable {
    case object([String: JSON])
    case array([JSON])
    case string(String)
    /// Kept as its source text: JWKs have no numbers we read.
    case number(String)
    case bool(Bool)
    case null

    subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    // MARK: Rendering

    /// Renders an object with members in the given order (JWK members have a customary order).
    static func renderObject(_ members: [(String, String)]) -> String {
        "{" + members.map { quote($0.0) + ":" + quote($0.1) }.joined(separator: ",") + "}"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = Array("0123456789abcdef")
                out += "\\u00" + String(hex[Int(scalar.value >> 4)]) + String(hex[Int(scalar.value & 0xF)])
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Writes the value with members of every object in key order (by UTF-8 bytes), no
    /// insignificant whitespace, strings with the minimal escapes, numbers as they were written.
    func writeCanonical(to out: inout String) {
        switch self {
        case .object(let members):
            out += "{"
            for (i, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if i > 0 { out += "," }
                out += JSON.quote(key) + ":"
                members[key]!.writeCanonical(to: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.writeCanonical(to: &out)
            }
            out += "]"
        case .string(let s): out += JSON.quote(s)
        case .number(let text): out += text
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    // MARK: Parsing

    static let maxDepth = 16
    static let maxLength = 1 << 20

    /// Nil for anything that is not exactly one JSON value (surrounding whitespace allowed),
    /// for duplicate object keys, nesting deeper than `maxDepth`, or input over `maxLength` bytes.
    static func parse(_ text: String) -> JSON? { parse(bytes: Array(text.utf8)) }

    static func parse(bytes: [UInt8]) -> JSON? {
        guard bytes.count <= maxLength else { return nil }
        var p = Parser(bytes: bytes)
        guard let value = p.value(depth: 0) else { return nil }
        p.skipSpace()
        return p.i == bytes.count ? value : nil
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        mutating func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard bytes.count - i >= w.count, Array(bytes[i ..< i + w.count]) == w else { return false }
            i += w.count
            return true
        }

        mutating func value(depth: Int) -> JSON? {
            guard depth <= JSON.maxDepth else { return nil }
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map(JSON.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            default: return number()
            }
        }

        mutating func object(depth: Int) -> JSON? {
            i += 1
            var members: [String: JSON] = [:]
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                guard let v = value(depth: depth + 1), members.updateValue(v, forKey: key) == nil else { return nil }
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                return nil
            }
        }

        mutating func array(depth: Int) -> JSON? {
            i += 1
            var items: [JSON] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                guard let v = value(depth: depth + 1) else { return nil }
                items.append(v)
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                return nil
            }
        }

        mutating func hex4() -> UInt32? {
            guard bytes.count - i >= 4 else { return nil }
            var v: UInt32 = 0
            for _ in 0 ..< 4 {
                let c = bytes[i]
                let d: UInt8
                switch c {
                case 0x30...0x39: d = c - 0x30
                case 0x41...0x46: d = c - 0x41 + 10
                case 0x61...0x66: d = c - 0x61 + 10
                default: return nil
                }
                v = v << 4 | UInt32(d)
                i += 1
            }
            return v
        }

        mutating func string() -> String? {
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let c = bytes[i]
                i += 1
                switch c {
                case UInt8(ascii: "\""):
                    // Reject invalid UTF-8 rather than repair it.
                    var it = out.makeIterator()
                    var decoder = UTF8()
                    loop: while true {
                        switch decoder.decode(&it) {
                        case .scalarValue: continue
                        case .emptyInput: break loop
                        case .error: return nil
                        }
                    }
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard i < bytes.count else { return nil }
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800 ..< 0xDC00).contains(scalar) {
                            guard literal("\\u"), let low = hex4(), (0xDC00 ..< 0xE000).contains(low) else { return nil }
                            scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                        }
                        guard let u = Unicode.Scalar(scalar) else { return nil }
                        out.append(contentsOf: Array(String(u).utf8))
                    default: return nil
                    }
                case 0x00 ..< 0x20: return nil
                default: out.append(c)
                }
            }
            return nil
        }

        mutating func number() -> JSON? {
            let start = i
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            let digits = { (p: inout Parser) -> Int in
                var n = 0
                while p.i < p.bytes.count, (0x30...0x39).contains(p.bytes[p.i]) { p.i += 1; n += 1 }
                return n
            }
            let intStart = i
            guard digits(&self) > 0 else { return nil }
            if bytes[intStart] == 0x30, i - intStart > 1 { return nil }  // no leading zeros
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits(&self) > 0 else { return nil }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits(&self) > 0 else { return nil }
            }
            return .number(String(decoding: bytes[start ..< i], as: UTF8.self))
        }
    }
}

/// A JSON text in a canonical form, for recognising the same request however a client spaced it or
/// ordered its keys (the `Idempotency-Key` fingerprint): members of every object sorted, strings
/// written with the minimal escapes, numbers as written. Nil when the text is not one JSON value,
/// repeats a key or nests deeper than `JSON.maxDepth`.
public enum CanonicalJSON {
    public static func text(of bytes: [UInt8]) -> String? {
        guard let value = JSON.parse(bytes: bytes) else { return nil }
        var out = ""
        value.writeCanonical(to: &out)
        return out
    }
}

/// The recursive-descent reader behind `WeChatXML.parse`, over UTF-8 bytes. Markup is ASCII, so
/// slicing at markup boundaries keeps every text run valid UTF-8.
struct XMLReader {
    private let bytes: [UInt8]
    private let limits: WeChatXML.Limits
    private var at = 0

    init(bytes: [UInt8], limits: WeChatXML.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// XML reads CR LF and lone CR as LF before parsing (XML 1.0 §2.11), as expat, and so wechatpy, do.
    static func normalisingLineEnds<Bytes: Collection>(_ input: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var previousWasCR = false
        for byte in input {
            if byte == 0x0A, previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = byte == 0x0D
            out.append(previousWasCR ? 0x0A : byte)
        }
        return out
    }

    mutating func document() throws(WeChatError) -> WeChatXML.Element {
        if starts(with: [0xEF, 0xBB, 0xBF]) { at += 3 }
        try skipMisc(declarationAllowed: true)
        guard at < bytes.count, bytes[at] == UInt8(ascii: "<") else { throw malformed("expected the root element") }
        let root = try element(depth: 1)
        try skipMisc(declarationAllowed: false)
        guard at == bytes.count else { throw malformed("content after the root element") }
        return root
    }

    // MARK: - Prolog and epilogue

    private mutating func skipMisc(declarationAllowed: Bool) throws(WeChatError) {
        var first = declarationAllowed
        while true {
            skipWhitespace()
            if first, starts(with: "<?xml"), at + 5 < bytes.count, Self.isWhitespace(bytes[at + 5]) {
                try skip(past: "?>", what: "XML declaration")
            } else if starts(with: "<!--") {
                try comment()
            } else if starts(with: "<!") || starts(with: "<?") {
                try refuseMarkupDeclaration()
            } else {
                return
            }
            first = false
        }
    }

    private mutating func comment() throws(WeChatError) {
        at += 4
        guard let end = find("--", from: at) else { throw malformed("unterminated comment") }
        guard end + 2 < bytes.count, bytes[end + 2] == UInt8(ascii: ">") else { throw malformed("'--' inside a comment") }
        at = end + 3
    }

    /// `<!DOCTYPE`, `<!ENTITY`, `<!ELEMENT`, `<!ATTLIST`, `<!NOTATION` and processing instructions.
    private mutating func refuseMarkupDeclaration() throws(WeChatError) {
        if starts(with: "<?") { throw malformed("processing instruction") }
        throw .forbiddenDeclaration
    }

    // MARK: - Elements

    private mutating func element(depth: Int) throws(WeChatError) -> WeChatXML.Element {
        guard depth <= limits.maxDepth else { throw .xmlLimitExceeded("nested deeper than \(limits.maxDepth)") }
        at += 1  // "<"
        let name = try readName()
        if try attributesEndSelfClosing() { return WeChatXML.Element(name: name, text: "") }
        var text: [UInt8] = []
        var children: [WeChatXML.Element] = []
        while true {
            guard at < bytes.count else { throw malformed("<\(name)> is not closed") }
            let byte = bytes[at]
            if byte == UInt8(ascii: "<") {
                if starts(with: "</") {
                    at += 2
                    let closing = try readName()
                    skipWhitespace()
                    try expect(">")
                    guard closing == name else { throw malformed("</\(closing)> closes <\(name)>") }
                    return WeChatXML.Element(name: name, text: String(decoding: text, as: UTF8.self), children: children)
                } else if starts(with: "<![CDATA[") {
                    at += 9
                    guard let end = find("]]>", from: at) else { throw malformed("unterminated CDATA section") }
                    try appendCharacters(bytes[at..<end], to: &text)
                    at = end + 3
                } else if starts(with: "<!--") {
                    try comment()
                } else if starts(with: "<!") || starts(with: "<?") {
                    try refuseMarkupDeclaration()
                } else {
                    children.append(try element(depth: depth + 1))
                }
            } else if byte == UInt8(ascii: "&") {
                text.append(contentsOf: try entity())
            } else {
                var end = at
                while end < bytes.count, bytes[end] != UInt8(ascii: "<"), bytes[end] != UInt8(ascii: "&") { end += 1 }
                let run = bytes[at..<end]
                if let close = find("]]>", from: at, before: end) {
                    at = close
                    throw malformed("']]>' in text")
                }
                try appendCharacters(run, to: &text)
                at = end
            }
        }
    }

    /// Reads attributes (discarding them) up to `>` or `/>`; true for `/>`.
    private mutating func attributesEndSelfClosing() throws(WeChatError) -> Bool {
        while true {
            let hadSpace = skipWhitespace()
            if starts(with: "/>") {
                at += 2
                return true
            }
            if starts(with: ">") {
                at += 1
                return false
            }
            guard hadSpace else { throw malformed("expected whitespace, '>' or '/>'") }
            _ = try readName()
            skipWhitespace()
            try expect("=")
            skipWhitespace()
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") || bytes[at] == UInt8(ascii: "'") else {
                throw malformed("attribute value not quoted")
            }
            let quote = bytes[at]
            at += 1
            while at < bytes.count, bytes[at] != quote {
                if bytes[at] == UInt8(ascii: "<") { throw malformed("'<' in an attribute value") }
                if bytes[at] == UInt8(ascii: "&") { _ = try entity() } else { at += 1 }
            }
            try expect(quote == UInt8(ascii: "\"") ? "\"" : "'")
        }
    }

    private mutating func readName() throws(WeChatError) -> String {
        let start = at
        while at < bytes.count, Self.isNameByte(bytes[at]) { at += 1 }
        guard at > start else { throw malformed("expected a name") }
        let first = bytes[start]
        guard !(0x30...0x39).contains(first), first != UInt8(ascii: "-"), first != UInt8(ascii: ".") else {
            throw malformed("a name cannot start with '\(Character(Unicode.Scalar(first)))'")
        }
        return String(decoding: bytes[start..<at], as: UTF8.self)
    }

    // MARK: - Characters

    /// Appends a run of character data, refusing the C0 controls XML 1.0 forbids.
    private func appendCharacters(_ run: ArraySlice<UInt8>, to text: inout [UInt8]) throws(WeChatError) {
        for byte in run where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            throw malformed("control character U+\(String(byte, radix: 16, uppercase: true)) in text")
        }
        text.append(contentsOf: run)
    }

    /// Reads `&…;` at the cursor and returns its UTF-8 bytes.
    private mutating func entity() throws(WeChatError) -> [UInt8] {
        let start = at
        at += 1
        guard let semicolon = find(";", from: at), semicolon - at <= 10 else { throw malformed("'&' not starting an entity") }
        let name = String(decoding: bytes[at..<semicolon], as: UTF8.self)
        at = semicolon + 1
        switch name {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            guard name.hasPrefix("#"), let scalar = Self.characterReference(name.dropFirst()) else {
                at = start
                throw .undefinedEntity(name)
            }
            return Array(String(Character(scalar)).utf8)
        }
    }

    /// `#65` or `#x41` → the scalar, if it is a character XML allows.
    static func characterReference(_ digits: Substring) -> Unicode.Scalar? {
        let value: UInt32?
        if digits.first == "x" {
            let hex = digits.dropFirst()
            value = !hex.isEmpty && hex.allSatisfy(\.isHexDigit) ? UInt32(hex, radix: 16) : nil
        } else {
            value = !digits.isEmpty && digits.allSatisfy({ $0.isASCII && $0.isNumber }) ? UInt32(digits) : nil
        }
        guard let value,
            value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
        else { return nil }
        return Unicode.Scalar(value)
    }

    // MARK: - Cursor helpers

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = at
        while at < bytes.count, Self.isWhitespace(bytes[at]) { at += 1 }
        return at > start
    }

    private mutating func expect(_ literal: String) throws(WeChatError) {
        guard starts(with: literal) else { throw malformed("expected '\(literal)'") }
        at += literal.utf8.count
    }

    private mutating func skip(past terminator: String, what: String) throws(WeChatError) {
        guard let end = find(terminator, from: at) else { throw malformed("unterminated \(what)") }
        at = end + terminator.utf8.count
    }

    private func starts(with literal: String) -> Bool { starts(with: Array(literal.utf8)) }

    private func starts(with literal: [UInt8]) -> Bool {
        at + literal.count <= bytes.count && bytes[at..<at + literal.count].elementsEqual(literal)
    }

    /// The first occurrence of `literal` starting at or after `start` and ending by `limit`.
    private func find(_ literal: String, from start: Int, before limit: Int? = nil) -> Int? {
        let needle = Array(literal.utf8)
        let end = limit ?? bytes.count
        guard let first = needle.first, needle.count <= end else { return nil }
        var i = start
        while i + needle.count <= end {
            if bytes[i] == first, bytes[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private func malformed(_ reason: String) -> WeChatError { .malformedXML(reason: reason, offset: at) }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// ASCII letters, digits, `_ : - .`, and any byte of a non-ASCII character.
    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return true
        default:
            return byte >= 0x80
        }
    }
}

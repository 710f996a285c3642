import WorkCalendar

/// Turns policy source into tokens. Works on UTF-8 bytes; positions count characters, so
/// columns match what a person sees even on lines with Chinese text.
struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    static func tokens(of source: String, limits: ParseLimits = .standard) throws(PolicyError) -> [Token] {
        var lexer = Lexer(source)
        try lexer.checkLength(limits.maxSourceBytes)
        var result: [Token] = []
        while true {
            let token = try lexer.next()
            result.append(token)
            if token.kind == .endOfInput { return result }
        }
    }

    /// Reports the first character past the limit, so the author sees where to cut.
    private mutating func checkLength(_ limit: Int) throws(PolicyError) {
        guard bytes.count > limit else { return }
        var cut = limit
        while cut > 0, isContinuation(bytes[cut]) { cut -= 1 }
        while index < cut { advance() }
        throw PolicyError(.sourceTooLong(limit: limit), at: here)
    }

    private var here: SourcePosition { SourcePosition(line: line, column: column) }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let i = index + offset
        return i < bytes.count ? bytes[i] : nil
    }

    private func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if !isContinuation(byte) {
            column += 1
        }
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private mutating func next() throws(PolicyError) -> Token {
        skipSpaceAndComments()
        let start = here
        let startIndex = index
        guard let byte = peek() else { return Token(kind: .endOfInput, position: start, spelling: "") }

        if isDigit(byte) { return try number(start: start) }
        if isIdentifierStart(byte) {
            while let b = peek(), isIdentifierStart(b) || isDigit(b) { advance() }
            let word = text(startIndex..<index)
            let kind: TokenKind = Keyword(rawValue: word).map { .keyword($0) } ?? .identifier(word)
            return Token(kind: kind, position: start, spelling: word)
        }
        if byte == UInt8(ascii: "\"") { return try quotedText(start: start) }
        return try symbol(start: start)
    }

    private mutating func skipSpaceAndComments() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                advance()
            case UInt8(ascii: "#"):
                while let b = peek(), b != UInt8(ascii: "\n") { advance() }
            default:
                return
            }
        }
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_")
    }

    /// Integers (`1_000_000`) and date literals (`2021-01-01`). A number directly followed by
    /// `-` and a digit is read as a date, so `2021-1-1` is an error rather than 2019.
    private mutating func number(start: SourcePosition) throws(PolicyError) -> Token {
        let startIndex = index
        while let b = peek(), isDigit(b) || b == UInt8(ascii: "_") { advance() }
        if peek() == UInt8(ascii: "-"), let after = peek(1), isDigit(after) {
            while let b = peek(), isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") { advance() }
            let spelling = text(startIndex..<index)
            let date = try Lexer.date(from: spelling, at: start)
            return Token(kind: .date(date), position: start, spelling: spelling)
        }
        if peek() == UInt8(ascii: "."), let after = peek(1), isDigit(after) {
            advance()
            while let b = peek(), isDigit(b) || b == UInt8(ascii: "_") { advance() }
            throw PolicyError(.decimalNotSupported(text(startIndex..<index)), at: start)
        }
        if let b = peek(), isIdentifierStart(b) {
            while let b = peek(), isIdentifierStart(b) || isDigit(b) { advance() }
            throw PolicyError(.malformedNumber(text(startIndex..<index)), at: start)
        }
        let spelling = text(startIndex..<index)
        let digits = spelling.utf8.filter { $0 != UInt8(ascii: "_") }
        // Underscores group digits; a leading, trailing or doubled one is a typo, not grouping.
        if spelling.hasSuffix("_") || spelling.contains("__") {
            throw PolicyError(.malformedNumber(spelling), at: start)
        }
        var value = 0
        for digit in digits {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(digit - 48))
            if o1 || o2 { throw PolicyError(.integerTooLarge(spelling), at: start) }
            value = sum
        }
        return Token(kind: .integer(value), position: start, spelling: spelling)
    }

    static func date(from spelling: String, at position: SourcePosition) throws(PolicyError) -> LocalDate {
        let shape = spelling.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "-") : ($0 >= 48 && $0 <= 57 ? UInt8(ascii: "9") : $0) }
        guard shape == Array("9999-99-99".utf8) else {
            throw PolicyError(.malformedDate(spelling), at: position)
        }
        guard let date = LocalDate(spelling) else {
            throw PolicyError(.nonexistentDate(spelling), at: position)
        }
        return date
    }

    private mutating func quotedText(start: SourcePosition) throws(PolicyError) -> Token {
        let startIndex = index
        advance()  // opening quote
        var content: [UInt8] = []
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else {
                throw PolicyError(.unterminatedText, at: start)
            }
            if byte == UInt8(ascii: "\"") {
                advance()
                break
            }
            if byte == UInt8(ascii: "\\") {
                let escapeAt = here
                advance()
                guard let escaped = peek(), escaped != UInt8(ascii: "\n") else {
                    throw PolicyError(.unterminatedText, at: start)
                }
                switch escaped {
                case UInt8(ascii: "\""): content.append(escaped); advance()
                case UInt8(ascii: "\\"): content.append(escaped); advance()
                case UInt8(ascii: "n"): content.append(10); advance()
                case UInt8(ascii: "t"): content.append(9); advance()
                case UInt8(ascii: "r"): content.append(13); advance()
                case UInt8(ascii: "u"):
                    content.append(contentsOf: try unicodeEscape(at: escapeAt))
                default:
                    let scalarStart = index
                    advance()
                    while let b = peek(), isContinuation(b) { advance() }
                    throw PolicyError(.invalidEscape("\\" + text(scalarStart..<index)), at: escapeAt)
                }
                continue
            }
            content.append(byte)
            advance()
        }
        return Token(kind: .text(String(decoding: content, as: UTF8.self)), position: start,
                     spelling: text(startIndex..<index))
    }

    /// `\u{4E2D}`: one to six hex digits naming a Unicode scalar.
    private mutating func unicodeEscape(at escapeAt: SourcePosition) throws(PolicyError) -> [UInt8] {
        let escapeStart = index - 1
        advance()  // u
        guard peek() == UInt8(ascii: "{") else {
            throw PolicyError(.invalidEscape(text(escapeStart..<index)), at: escapeAt)
        }
        advance()
        var value: UInt32 = 0
        var digits = 0
        while let b = peek(), let digit = hexValue(b) {
            advance()
            digits += 1
            if digits > 6 { break }
            value = value * 16 + digit
        }
        guard digits >= 1, digits <= 6, peek() == UInt8(ascii: "}"), let scalar = Unicode.Scalar(value) else {
            if peek() == UInt8(ascii: "}") { advance() }
            throw PolicyError(.invalidEscape(text(escapeStart..<index)), at: escapeAt)
        }
        advance()
        return Array(String(Character(scalar)).utf8)
    }

    private func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 48...57: return UInt32(b - 48)
        case 65...70: return UInt32(b - 55)
        case 97...102: return UInt32(b - 87)
        default: return nil
        }
    }

    private mutating func symbol(start: SourcePosition) throws(PolicyError) -> Token {
        let first = peek()!
        let second = peek(1)
        func make(_ symbol: Symbol, length: Int) -> Token {
            for _ in 0..<length { advance() }
            return Token(kind: .symbol(symbol), position: start, spelling: symbol.rawValue)
        }
        switch first {
        case UInt8(ascii: "("): return make(.leftParen, length: 1)
        case UInt8(ascii: ")"): return make(.rightParen, length: 1)
        case UInt8(ascii: "["): return make(.leftBracket, length: 1)
        case UInt8(ascii: "]"): return make(.rightBracket, length: 1)
        case UInt8(ascii: ","): return make(.comma, length: 1)
        case UInt8(ascii: ":"): return make(.colon, length: 1)
        case UInt8(ascii: "+"): return make(.plus, length: 1)
        case UInt8(ascii: "-"): return make(.minus, length: 1)
        case UInt8(ascii: "*"): return make(.star, length: 1)
        case UInt8(ascii: "/"): return make(.slash, length: 1)
        case UInt8(ascii: "="):
            if second == UInt8(ascii: "=") { throw PolicyError(.unexpectedCharacter("\"==\""), at: start) }
            return make(.equal, length: 1)
        case UInt8(ascii: "!"):
            if second == UInt8(ascii: "=") { return make(.notEqual, length: 2) }
            throw PolicyError(.unexpectedCharacter("\"!\""), at: start)
        case UInt8(ascii: "<"):
            return second == UInt8(ascii: "=") ? make(.lessOrEqual, length: 2) : make(.less, length: 1)
        case UInt8(ascii: ">"):
            return second == UInt8(ascii: "=") ? make(.greaterOrEqual, length: 2) : make(.greater, length: 1)
        case UInt8(ascii: "&") where second == UInt8(ascii: "&"):
            throw PolicyError(.unexpectedCharacter("\"&&\""), at: start)
        case UInt8(ascii: "|") where second == UInt8(ascii: "|"):
            throw PolicyError(.unexpectedCharacter("\"||\""), at: start)
        default:
            let scalarStart = index
            advance()
            while let b = peek(), isContinuation(b) { advance() }
            throw PolicyError(.unexpectedCharacter("\"\(text(scalarStart..<index))\""), at: start)
        }
    }
}

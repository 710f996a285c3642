/// A follower's text as two aligned scalar arrays: as written (trimmed), and with full-width forms
/// folded to ASCII. Folding maps one scalar to one scalar, so an offset found in the folded form
/// cuts the original at the same place.
struct CommandText {
    private let original: [Unicode.Scalar]
    private let folded: [Unicode.Scalar]

    init(_ text: String) {
        var scalars = Array(text.unicodeScalars)
        while let first = scalars.first, Self.isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, Self.isSpace(last) { scalars.removeLast() }
        original = scalars
        folded = scalars.map(Self.fold)
    }

    var isEmpty: Bool { original.isEmpty }

    /// The offset after one of `words` and any separators, if the text starts with one of them.
    func argument(after words: [String]) -> Int? {
        for word in words {
            let scalars = Array(word.unicodeScalars)
            if folded.count >= scalars.count, folded[..<scalars.count].elementsEqual(scalars) {
                return skippingSeparators(from: scalars.count)
            }
        }
        return nil
    }

    /// True at the end of the text or before an ASCII letter or digit (after folding).
    func looksLikeAnArgument(at offset: Int) -> Bool {
        guard offset < folded.count else { return true }
        let scalar = folded[offset]
        return scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }

    func skippingSeparators(from start: Int) -> Int {
        var i = start
        while i < folded.count, Self.isSpace(folded[i]) || Self.isSeparator(folded[i]) { i += 1 }
        return i
    }

    func endOfAlphanumericRun(from start: Int) -> Int {
        var i = start
        while i < folded.count, folded[i].isASCII, folded[i].properties.isAlphabetic || ("0"..."9").contains(folded[i]) { i += 1 }
        return i
    }

    /// The folded text from `start` with every space removed.
    func compact(from start: Int) -> String {
        String(String.UnicodeScalarView(folded[start...].filter { !Self.isSpace($0) }))
    }

    func normalised(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(folded[range])) }

    func original(from start: Int) -> String { String(String.UnicodeScalarView(original[start...])) }

    /// Full-width ASCII variants (U+FF01–U+FF5E) to ASCII; the ideographic space to a space.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
        case 0x3000: return " "
        default: return scalar
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        [":", ",", "-", "、", "，", "：", "。"].contains(scalar)
    }
}

/// How search treats one Unicode scalar once it is folded (规范化).
///
/// The classes are chosen so that every token built from them is exactly one token for SQLite FTS5's
/// `unicode61` tokenizer and for PostgreSQL's default text-search parser used with the `simple`
/// configuration (see `SearchToken` for the reasoning and `bench/kb/check_backends.py` for the check).
enum CharacterKind: Sendable, Equatable {
    /// 汉字, kana, hangul syllable: written without spaces, so indexed as bigrams and single characters.
    case cjk
    /// A letter of any other script (Latin, Greek, Cyrillic …), already lowercased.
    case letter
    /// An ASCII digit 0–9 (full-width digits fold to these first).
    case digit
    /// A combining mark, variation selector or joiner: belongs to the character before it, indexes nothing.
    case mark
    /// Punctuation (also 、。，《》“” …), spaces (also the ideographic space), symbols, emoji, other numbers.
    case separator

    init(_ scalar: Unicode.Scalar) {
        let v = scalar.value
        if v < 0x80 {
            if v >= 0x30 && v <= 0x39 { self = .digit; return }
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) { self = .letter; return }
            self = .separator
            return
        }
        if CharacterKind.isCJK(v) { self = .cjk; return }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            self = .letter
        case .nonspacingMark, .spacingMark, .enclosingMark:
            self = .mark
        case .format where v == 0x200D:
            self = .mark
        default:
            self = .separator
        }
    }

    /// The scripts written without spaces. Every scalar here is a letter (or a letter-like number such as 〇)
    /// for FTS5 `unicode61` (token characters are the categories L*, N*, Co; verified on SQLite 3.40 for each
    /// block, including unassigned code points of the Han blocks) and for PostgreSQL's parser. Kana
    /// punctuation (・ U+30FB, ゠ U+30A0) and the combining sound marks (U+3099–309C) are left out on purpose:
    /// `unicode61` splits a token at them.
    static func isCJK(_ v: UInt32) -> Bool {
        switch v {
        case 0x4E00...0x9FFF: true          // CJK Unified Ideographs
        case 0x3400...0x4DBF: true          // Extension A
        case 0x20000...0x3FFFF: true        // Extensions B–I and compatibility supplement (planes 2 and 3)
        case 0xF900...0xFAFF: true          // CJK Compatibility Ideographs
        case 0x3005...0x3007: true          // 々 〆 〇
        case 0x3021...0x3029, 0x3038...0x303B: true  // Hangzhou numerals, 〸〹〺 〻
        case 0x3041...0x3096, 0x309D...0x309F: true  // Hiragana
        case 0x30A1...0x30FA, 0x30FC...0x30FF: true  // Katakana
        case 0x31F0...0x31FF: true          // Katakana phonetic extensions
        case 0xFF66...0xFF9D: true          // Half-width katakana letters
        case 0xAC00...0xD7A3: true          // Hangul syllables
        default: false
        }
    }
}

/// 全角转半角, lower case: what a scalar is compared as. One scalar in, one scalar out, so positions in the
/// folded text are positions in the original (the highlighter relies on it).
enum Folding: Sendable {
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { return Unicode.Scalar(UInt8(v + 0x20)) }
            return scalar
        }
        // Full-width ASCII forms ！…～ are the ASCII characters shifted by 0xFEE0; 　 is a space.
        if v >= 0xFF01 && v <= 0xFF5E, let ascii = Unicode.Scalar(v - 0xFEE0) { return fold(ascii) }
        if v == 0x3000 { return " " }
        if CharacterKind.isCJK(v) { return scalar }
        let props = scalar.properties
        guard props.changesWhenLowercased else { return scalar }
        // A lower case that is several scalars (İ → i̇) would shift positions: keep such a letter as it is.
        let lower = props.lowercaseMapping.unicodeScalars
        if lower.count == 1, let first = lower.first { return first }
        return scalar
    }
}

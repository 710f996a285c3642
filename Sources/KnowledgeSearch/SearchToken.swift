/// 词元: one indexed word as both databases store it.
///
/// Stored form: the token's own characters, tokens separated by one ASCII space. Why this survives both
/// backends unchanged:
/// - SQLite FTS5 `unicode61` splits at every character that is not a token character (general categories
///   L*, N*, Co, plus the code points its table leaves unassigned). A token here holds only CJK letters, only
///   letters or only ASCII digits (`CharacterKind`), so it is never split; the space is a separator. Case
///   folding changes nothing (already lower case; CJK has no case); diacritic removal only touches Latin
///   letters, identically in the document and the query.
/// - PostgreSQL's default parser with the `simple` configuration: a run of letters is one `word`/`asciiword`,
///   a run of ASCII digits one `uint`; `simple` only lowercases and has no stop words. Digits and letters
///   never share a token because the parser reads `1e5abc` as `1e5` + `abc`.
/// No escaping is needed, so the stored text stays readable (`安家 家补 补贴 安 家 补 贴`).
public enum SearchToken: Hashable, Sendable, CustomStringConvertible {
    /// 双字: two neighbouring CJK characters; a longer word is the phrase of its overlapping pairs.
    case pair(Unicode.Scalar, Unicode.Scalar)
    /// 单字: one CJK character, so that a one-character query (房) finds something.
    case single(Unicode.Scalar)
    /// A lowercased run of letters, or a run of ASCII digits.
    case word(String)

    /// The stored text of the token.
    public var text: String {
        switch self {
        case .pair(let a, let b):
            var s = String.UnicodeScalarView()
            s.append(a)
            s.append(b)
            return String(s)
        case .single(let a):
            return String(Character(a))
        case .word(let w):
            return w
        }
    }

    public var description: String { text }
}

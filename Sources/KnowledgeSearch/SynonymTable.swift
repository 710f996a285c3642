/// 同义词表: groups of words that mean the same to a caller (落户 / 入户 / 户口迁入), kept by editors.
/// A query word found in a group matches any word of the group.
///
/// Words are compared folded (full-width → half-width, lower case). An entry of several words
/// (`work permit`, `户口 迁入`) matches when all its words are present. Multi-character CJK entries also
/// teach the query parser where words end: `英才卡办理` is read as 英才卡 + 办理 when 英才卡 is in the table.
public struct SynonymTable: Sendable {
    /// One entry as the matcher sees it.
    struct Entry: Sendable, Hashable {
        let key: String
        let expression: MatchExpression
        let wordCount: Int
    }

    private var groups: [[Entry]] = []
    private var groupsByKey: [String: [Int]] = [:]
    /// CJK entries of two or more characters, for cutting a query's CJK run into words.
    private(set) var cjkWords: Set<String> = []
    private(set) var longestCJKWord = 0
    /// The largest number of words of one entry (for matching several query words at once).
    private(set) var longestEntryWords = 1

    public static let empty = SynonymTable(groups: [])

    /// Groups of equivalent words; a group of one word only teaches the parser that word.
    public init(groups: [[String]]) {
        for group in groups {
            let entries = group.compactMap(SynonymTable.entry).uniqued()
            guard !entries.isEmpty else { continue }
            let index = self.groups.count
            self.groups.append(entries)
            for entry in entries {
                if groupsByKey[entry.key]?.contains(index) != true { groupsByKey[entry.key, default: []].append(index) }
                longestEntryWords = max(longestEntryWords, entry.wordCount)
                if entry.wordCount == 1, !entry.key.contains(" ") {
                    let length = entry.key.unicodeScalars.count
                    if length >= 2, entry.key.unicodeScalars.allSatisfy({ CharacterKind.isCJK($0.value) }) {
                        cjkWords.insert(entry.key)
                        longestCJKWord = max(longestCJKWord, length)
                    }
                }
            }
        }
    }

    public var groupCount: Int { groups.count }

    /// The folded words equivalent to `word` (itself first), or just `word` folded when it is in no group.
    public func synonyms(of word: String) -> [String] {
        guard let entry = SynonymTable.entry(word) else { return [] }
        return [entry.key] + (alternatives(forKey: entry.key)?.map(\.key).filter { $0 != entry.key } ?? [])
    }

    /// The entries of every group that holds `key`, or nil when none does.
    func alternatives(forKey key: String) -> [Entry]? {
        guard let indices = groupsByKey[key] else { return nil }
        return indices.flatMap { groups[$0] }.uniqued()
    }

    func contains(key: String) -> Bool { groupsByKey[key] != nil }

    static func entry(_ text: String) -> Entry? {
        let pieces = WordPiece.pieces(of: AnalyzedText(text))
        guard !pieces.isEmpty else { return nil }
        let key = pieces.map(\.text).joined(separator: " ")
        guard let expression = MatchExpression.allOf(pieces.map(\.phrase)) else { return nil }
        return Entry(key: key, expression: expression, wordCount: pieces.count)
    }
}

/// A place in policy source, 1-based, as a person counts it in an editor: columns count Unicode
/// characters (scalars), so a Chinese character is one column, not three bytes.
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// For trees built by hand (tests, generators) rather than parsed from text.
    public static let unknown = SourcePosition(line: 0, column: 0)

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// "第 2 行第 15 列" — the prefix every Chinese diagnostic starts with.
    var chinese: String { "第 \(line) 行第 \(column) 列" }
    /// "line 2, column 15".
    var english: String { "line \(line), column \(column)" }
}

/// A text value turned into a small number, so the bulk run compares two integers instead of
/// two strings. Ids only mean something together with the `TextTable` that issued them.
public struct TextID: Hashable, Comparable, Sendable {
    public var raw: Int32

    public init(raw: Int32) { self.raw = raw }

    /// The value is not recorded. Never issued by a table, so it equals no real text.
    public static let missing = TextID(raw: -1)

    public var isMissing: Bool { raw < 0 }

    public static func < (lhs: TextID, rhs: TextID) -> Bool { lhs.raw < rhs.raw }
}

/// Interns text. Build it once while loading the registry, compile the policies against the
/// same table (policy literals are interned too), then share it read-only across workers.
public struct TextTable: Sendable {
    private var ids: [String: TextID] = [:]
    private var texts: [String] = []

    public init() {}

    public var count: Int { texts.count }

    public mutating func intern(_ text: String) -> TextID {
        if let id = ids[text] { return id }
        let id = TextID(raw: Int32(texts.count))
        ids[text] = id
        texts.append(text)
        return id
    }

    /// Interns an optional, giving `.missing` for nil.
    public mutating func intern(_ text: String?) -> TextID {
        guard let text else { return .missing }
        return intern(text)
    }

    public func id(of text: String) -> TextID? { ids[text] }

    public func text(of id: TextID) -> String? {
        guard id.raw >= 0, Int(id.raw) < texts.count else { return nil }
        return texts[Int(id.raw)]
    }
}

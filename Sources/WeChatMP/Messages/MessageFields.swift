/// The children of a push's `<xml>` root as name → text, with each name at most once: a second
/// `Encrypt` or `MsgId` is refused rather than letting one reader see the first copy and another
/// the last.
struct MessageFields {
    private let values: [String: String]

    init(_ root: WeChatXML.Element) throws(WeChatError) {
        guard root.name == "xml" else { throw .unexpectedRoot(root.name) }
        var values: [String: String] = [:]
        for child in root.children {
            guard values[child.name] == nil else { throw .duplicateField(child.name) }
            values[child.name] = child.text
        }
        self.values = values
    }

    func optional(_ name: String) -> String? { values[name] }

    func required(_ name: String) throws(WeChatError) -> String {
        guard let value = values[name] else { throw .missingField(name) }
        return value
    }

    /// A field of decimal digits, e.g. CreateTime or MsgId.
    func digits(_ name: String) throws(WeChatError) -> String? {
        guard let value = values[name] else { return nil }
        let trimmed = value.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.count <= 20, trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw .invalidField(name)
        }
        return trimmed
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

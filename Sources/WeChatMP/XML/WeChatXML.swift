/// A small XML reader for WeChat's flat push messages, written by hand because Linux Foundation's
/// XMLParser lives in FoundationXML (libxml2) and because this format needs far less: elements,
/// text, CDATA, comments, the five predefined entities and character references.
///
/// Anything that could expand or fetch content is refused outright: a DOCTYPE or ENTITY
/// declaration anywhere is `WeChatError.forbiddenDeclaration` (XXE and "billion laughs" both need
/// one), and so is every other `<!…>` markup declaration. Attributes are read and ignored (WeChat
/// sends none). Input size and depth are bounded.
public enum WeChatXML {
    /// One element: its name, its own character data (text and CDATA joined, entities resolved,
    /// line ends normalised to LF as XML requires) and its child elements in document order.
    public struct Element: Sendable, Equatable {
        public let name: String
        public let text: String
        public let children: [Element]

        public init(name: String, text: String, children: [Element] = []) {
            self.name = name
            self.text = text
            self.children = children
        }

        /// The first child with this name.
        public func child(_ name: String) -> Element? { children.first { $0.name == name } }
    }

    /// Bounds far above any real push (a text message is at most 2048 characters).
    public struct Limits: Sendable {
        public var maxBytes: Int
        public var maxDepth: Int

        public init(maxBytes: Int = 256 * 1024, maxDepth: Int = 16) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
        }
    }

    /// Parses a whole document and returns its root element.
    public static func parse(_ text: String, limits: Limits = Limits()) throws(WeChatError) -> Element {
        guard text.utf8.count <= limits.maxBytes else { throw .xmlLimitExceeded("more than \(limits.maxBytes) bytes") }
        var reader = XMLReader(bytes: XMLReader.normalisingLineEnds(text.utf8), limits: limits)
        return try reader.document()
    }
}

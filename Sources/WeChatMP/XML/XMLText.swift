/// Writing text into WeChat's reply XML.
enum XMLText {
    /// A CDATA section holding `text`. A `]]>` inside is split across two sections (wechatpy
    /// would emit it raw and break the document), and characters XML 1.0 cannot carry — C0
    /// controls other than tab, LF, CR, and U+FFFE/U+FFFF — are dropped.
    static func cdata(_ text: String) -> String {
        let clean = String(String.UnicodeScalarView(text.unicodeScalars.filter(isXMLCharacter)))
        return "<![CDATA[" + clean.replacingAll("]]>", with: "]]]]><![CDATA[>") + "]]>"
    }

    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}

extension String {
    /// Replaces every occurrence of `target` (Foundation-free, byte-wise on UTF-8).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        let source = Array(utf8)
        guard !needle.isEmpty, source.count >= needle.count else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(source.count)
        var i = 0
        while i < source.count {
            if i + needle.count <= source.count, source[i..<i + needle.count].elementsEqual(needle) {
                out.append(contentsOf: replacement.utf8)
                i += needle.count
            } else {
                out.append(source[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

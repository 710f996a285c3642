/// An employer (工作单位) name compared for conflicts of interest (同单位回避).
///
/// Names are typed by people into different forms, so "重庆大学", "重庆大学 " and
/// "重庆 大学" must meet, and so must "ＡＢＣ科技（重庆）有限公司" and "abc科技(重庆)有限公司":
/// all whitespace (U+3000 included) is dropped, full-width ASCII forms U+FF01…U+FF5E become their
/// ASCII letters, and ASCII letters are lower-cased. Nothing cleverer (no abbreviations, no
/// "有限公司" stripping): a false "same employer" would hide a qualified reviewer, a false
/// "different" is caught by the reviewer's own declaration.
public struct EmployerName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The normalised form; empty when the name was blank.
    public let key: String

    public init(_ name: String) {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if scalar.properties.isWhitespace { continue }
            var value = scalar.value
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            if (0x41...0x5A).contains(value) { value += 0x20 }
            if let mapped = Unicode.Scalar(value) { scalars.append(mapped) }
        }
        key = String(scalars)
    }

    /// A blank name never conflicts: an unknown employer is not evidence of a shared one.
    public var isBlank: Bool { key.isEmpty }

    public var description: String { key }

    public static func < (lhs: EmployerName, rhs: EmployerName) -> Bool { lhs.key < rhs.key }
}

/// The code of a node of the organisation tree: `500000` for the city, a GB/T 2260 district or county
/// code (`500112`), a functional zone (`X-GX`), a street, community or grid added under them, or a
/// department of a node written `<node>:<DEPT>` (`500112:HRSS`: Yubei's HRSS bureau).
public struct OrgCode: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let rawValue: String

    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ OrgCode.isValidPart($0) }) else { return nil }
        rawValue = text
    }

    /// The node a department belongs to (`500112` for `500112:HRSS`), or the code itself.
    public var node: String {
        if let colon = rawValue.firstIndex(of: ":") { return String(rawValue[..<colon]) }
        return rawValue
    }

    /// The department part (`HRSS` for `500112:HRSS`), if this is a department.
    public var department: String? {
        guard let colon = rawValue.firstIndex(of: ":") else { return nil }
        return String(rawValue[rawValue.index(after: colon)...])
    }

    public var description: String { rawValue }
    public static func < (a: OrgCode, b: OrgCode) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let code = OrgCode(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an organisation code")
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    static func isValidPart(_ part: Substring) -> Bool {
        (1...32).contains(part.utf8.count) && part.utf8.allSatisfy {
            ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        }
    }
}

/// An `application/x-www-form-urlencoded` body or query string as ordered name/value pairs
/// (WHATWG URL standard): `&`-separated, `+` is a space, `%XX` a byte, the result UTF-8.
public struct FormFields: Sendable, Equatable {
    public let pairs: [(name: String, value: String)]

    /// At most this many pairs are read; a GeoReport POST has about twenty.
    public static let maximumPairs = 1000

    public init(pairs: [(name: String, value: String)]) { self.pairs = pairs }

    public init(_ encoded: String) throws(Open311Error) {
        var pairs: [(name: String, value: String)] = []
        for segment in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            guard pairs.count < Self.maximumPairs else { throw Open311Error(.malformedBody("more than \(Self.maximumPairs) fields")) }
            let parts = segment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    /// Every non-empty value given for `name`, in order. Empty values count as absent: the spec's
    /// "Optional" means an empty parameter is the same as none.
    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name && !$0.value.isEmpty }.map(\.value)
    }

    public static func == (a: FormFields, b: FormFields) -> Bool {
        a.pairs.count == b.pairs.count && zip(a.pairs, b.pairs).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    static func decode(_ text: Substring) throws(Open311Error) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw Open311Error(.malformedBody("'%' not followed by two hex digits"))
                }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        let decoded = String(decoding: bytes, as: UTF8.self)
        guard decoded.utf8.elementsEqual(bytes) else { throw Open311Error(.malformedBody("not UTF-8")) }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}

/// Reads what `ByteWriter` wrote; every read is bounds-checked and returns nil past the end,
/// so a truncated or padded payload can never be half-accepted.
struct ByteReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func u8() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u32() -> UInt32? {
        guard bytes.count - offset >= 4 else { return nil }
        defer { offset += 4 }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    mutating func u64() -> UInt64? {
        guard let hi = u32(), let lo = u32() else { return nil }
        return UInt64(hi) << 32 | UInt64(lo)
    }

    mutating func raw(_ count: Int) -> ArraySlice<UInt8>? {
        guard bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return bytes[offset ..< offset + count]
    }

    /// Length-prefixed text that must satisfy `limit` (length range and printable ASCII).
    mutating func text(_ limit: ShortText) -> String? {
        guard let length = u8(), let body = raw(Int(length)), limit.accepts(body) else { return nil }
        return String(decoding: body, as: UTF8.self)
    }
}

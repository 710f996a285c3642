/// Builds a compact binary payload: big-endian integers and length-prefixed ASCII text.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 96) {
        bytes.reserveCapacity(capacity)
    }

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func u32(_ v: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: v >> 24))
        bytes.append(UInt8(truncatingIfNeeded: v >> 16))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    mutating func u64(_ v: UInt64) {
        u32(UInt32(truncatingIfNeeded: v >> 32))
        u32(UInt32(truncatingIfNeeded: v))
    }

    mutating func raw(_ v: some Sequence<UInt8>) { bytes.append(contentsOf: v) }

    /// One length byte, then the bytes; the caller has already checked the text against its `ShortText` limit.
    mutating func text(_ s: String) {
        let utf8 = s.utf8
        bytes.append(UInt8(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}

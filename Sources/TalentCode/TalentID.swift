/// The pseudonymous talent id carried in a code: 16 opaque bytes chosen by the server.
///
/// Pseudonymous so a scanned code leaks no database id or identity number; only the issuing
/// server can map it back to a person.
public struct TalentID: Sendable, Hashable {
    /// The 16 bytes, big-endian in two halves so the value stays a plain (allocation-free) pair.
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Nil unless exactly 16 bytes.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var h: UInt64 = 0, l: UInt64 = 0
        for (i, b) in bytes.enumerated() {
            if i < 8 { h = h << 8 | UInt64(b) } else { l = l << 8 | UInt64(b) }
        }
        self.init(high: h, low: l)
    }

    /// A fresh random id from the system's secure generator.
    public static func random() -> TalentID {
        var rng = SystemRandomNumberGenerator()
        return TalentID(high: rng.next(), low: rng.next())
    }

    public var bytes: [UInt8] {
        (0 ..< 16).map { i in UInt8(truncatingIfNeeded: (i < 8 ? high : low) >> (UInt64(7 - i % 8) * 8)) }
    }

    /// 32 lowercase hex digits.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

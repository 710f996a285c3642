/// Base64url without padding (RFC 4648 §5), strict and canonical.
///
/// Strict because a token must have exactly one spelling: a lenient decoder that ignored the
/// unused low bits of the last character would let an altered token still verify.
enum Base64URL {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Number of characters for `byteCount` bytes without padding.
    static func encodedCount(_ byteCount: Int) -> Int {
        byteCount / 3 * 4 + [0, 2, 3][byteCount % 3]
    }

    /// Appends the encoding of `bytes` to `out`.
    static func append(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        alphabet.withUnsafeBufferPointer { table in
            var i = 0
            let n = bytes.count
            while i + 3 <= n {
                let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                out.append(table[Int(v >> 18)])
                out.append(table[Int(v >> 12 & 0x3F)])
                out.append(table[Int(v >> 6 & 0x3F)])
                out.append(table[Int(v & 0x3F)])
                i += 3
            }
            switch n - i {
            case 1:
                let v = UInt32(bytes[i]) << 16
                out.append(table[Int(v >> 18)])
                out.append(table[Int(v >> 12 & 0x3F)])
            case 2:
                let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
                out.append(table[Int(v >> 18)])
                out.append(table[Int(v >> 12 & 0x3F)])
                out.append(table[Int(v >> 6 & 0x3F)])
            default:
                break
            }
        }
    }

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(encodedCount(bytes.count))
        bytes.withUnsafeBytes { append($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The 6-bit value of a base64url character, or nil for anything else (including `=`, `+`, `/`).
    @inline(__always)
    static func value(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x41...0x5A: return UInt32(c &- 0x41)
        case 0x61...0x7A: return UInt32(c &- 0x61 &+ 26)
        case 0x30...0x39: return UInt32(c &- 0x30 &+ 52)
        case 0x2D: return 62
        case 0x5F: return 63
        default: return nil
        }
    }

    /// Decodes canonical unpadded base64url; nil for a bad character, an impossible length,
    /// or non-zero unused bits in the last character.
    static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let n = text.count
        if n % 4 == 1 { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(n / 4 * 3 + 2)
        var i = 0
        while i + 4 <= n {
            guard let a = value(text[i]), let b = value(text[i + 1]),
                  let c = value(text[i + 2]), let d = value(text[i + 3]) else { return nil }
            let v = a << 18 | b << 12 | c << 6 | d
            out.append(UInt8(truncatingIfNeeded: v >> 16))
            out.append(UInt8(truncatingIfNeeded: v >> 8))
            out.append(UInt8(truncatingIfNeeded: v))
            i += 4
        }
        switch n - i {
        case 2:
            guard let a = value(text[i]), let b = value(text[i + 1]), b & 0x0F == 0 else { return nil }
            out.append(UInt8(truncatingIfNeeded: a << 2 | b >> 4))
        case 3:
            guard let a = value(text[i]), let b = value(text[i + 1]), let c = value(text[i + 2]),
                  c & 0x03 == 0 else { return nil }
            let v = a << 18 | b << 12 | c << 6
            out.append(UInt8(truncatingIfNeeded: v >> 16))
            out.append(UInt8(truncatingIfNeeded: v >> 8))
        default:
            break
        }
        return out
    }

    static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode($0) }
    }
}

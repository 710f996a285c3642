/// Rows in PostgreSQL's `COPY … FROM STDIN` text format: tab-separated, `\N` for NULL, backslash
/// escapes, bytea as `\\x` hex.
public struct CopyText: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    public mutating func text(_ value: String?) {
        separator()
        guard let value else { bytes += [0x5C, 0x4E]; return }  // \N
        for b in value.utf8 {
            switch b {
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x09: bytes += [0x5C, 0x74]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            default: bytes.append(b)
            }
        }
    }

    public mutating func int(_ value: Int64?) {
        guard let value else { text(nil); return }
        separator()
        bytes += Array(String(value).utf8)
    }

    public mutating func bytea(_ value: [UInt8]?) {
        guard let value else { text(nil); return }
        separator()
        bytes += [0x5C, 0x5C, 0x78]  // \\x: an escaped backslash, then x
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for b in value {
            bytes.append(hex[Int(b >> 4)])
            bytes.append(hex[Int(b & 0x0F)])
        }
    }

    public mutating func endRow() {
        bytes.append(0x0A)
        atRowStart = true
    }

    public var isEmpty: Bool { bytes.isEmpty }

    private var atRowStart = true
    private mutating func separator() {
        if atRowStart { atRowStart = false } else { bytes.append(0x09) }
    }
}

/// An instant with the UTC offset to show it in, written in the W3C profile of ISO 8601 that
/// GeoReport requires (RFC 3339): `2026-12-03T10:40:00+08:00`. Chongqing keeps China Standard Time,
/// so the product writes `+08:00`; a client may send any offset, or `Z`.
///
/// Equality, hashing and order are by instant: `…T02:40:00Z` equals `…T10:40:00+08:00`.
public struct W3CDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let secondsSince1970: Int64
    /// Fraction of the second, 0 ..< 1_000_000_000.
    public let nanoseconds: Int32
    /// Offset from UTC in minutes for display, e.g. 480 for +08:00.
    public let utcOffsetMinutes: Int

    /// China Standard Time (北京时间), +08:00.
    public static let chinaStandardTime = 480

    public init(secondsSince1970: Int64, nanoseconds: Int32 = 0, utcOffsetMinutes: Int = W3CDateTime.chinaStandardTime) {
        self.secondsSince1970 = secondsSince1970 + Int64(max(0, nanoseconds) / 1_000_000_000)
        self.nanoseconds = max(0, nanoseconds) % 1_000_000_000
        self.utcOffsetMinutes = max(-1439, min(1439, utcOffsetMinutes))
    }

    /// The same instant shown at another offset.
    public func shown(atOffsetMinutes offset: Int) -> W3CDateTime {
        W3CDateTime(secondsSince1970: secondsSince1970, nanoseconds: nanoseconds, utcOffsetMinutes: offset)
    }

    public func adding(seconds: Int64) -> W3CDateTime {
        W3CDateTime(secondsSince1970: secondsSince1970 + seconds, nanoseconds: nanoseconds, utcOffsetMinutes: utcOffsetMinutes)
    }

    /// `YYYY-MM-DDThh:mm:ss[.fff…]±hh:mm`, or `Z` for a zero offset; the fraction only if non-zero,
    /// without trailing zeros.
    /// Written as bytes: a page of 1,000 requests writes three of these per request.
    public var description: String {
        let local = secondsSince1970 + Int64(utcOffsetMinutes) * 60
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = Int(local - days * 86_400)
        let date = CivilDate.civil(days: days)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        Self.pad(date.year, 4, &out)
        out.append(UInt8(ascii: "-"))
        Self.pad(date.month, 2, &out)
        out.append(UInt8(ascii: "-"))
        Self.pad(date.day, 2, &out)
        out.append(UInt8(ascii: "T"))
        Self.pad(secondOfDay / 3600, 2, &out)
        out.append(UInt8(ascii: ":"))
        Self.pad(secondOfDay / 60 % 60, 2, &out)
        out.append(UInt8(ascii: ":"))
        Self.pad(secondOfDay % 60, 2, &out)
        if nanoseconds > 0 {
            var fraction: [UInt8] = []
            Self.pad(Int(nanoseconds), 9, &fraction)
            while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: fraction)
        }
        if utcOffsetMinutes == 0 {
            out.append(UInt8(ascii: "Z"))
        } else {
            let magnitude = abs(utcOffsetMinutes)
            out.append(utcOffsetMinutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            Self.pad(magnitude / 60, 2, &out)
            out.append(UInt8(ascii: ":"))
            Self.pad(magnitude % 60, 2, &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func == (a: W3CDateTime, b: W3CDateTime) -> Bool {
        a.secondsSince1970 == b.secondsSince1970 && a.nanoseconds == b.nanoseconds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(secondsSince1970)
        hasher.combine(nanoseconds)
    }

    public static func < (a: W3CDateTime, b: W3CDateTime) -> Bool {
        (a.secondsSince1970, a.nanoseconds) < (b.secondsSince1970, b.nanoseconds)
    }

    /// `value` in decimal, zero-padded to `width` digits (wider values keep all their digits).
    private static func pad(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
        guard value >= 0 else {
            let digits = String(value).utf8
            if digits.count < width { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
            out.append(contentsOf: digits)
            return
        }
        var count = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(width, count)))
        var index = out.count - 1
        rest = value
        repeat {
            out[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        } while rest > 0
    }
}

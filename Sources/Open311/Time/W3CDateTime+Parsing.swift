extension W3CDateTime {
    /// Reads `YYYY-MM-DDThh:mm[:ss[.s…]](Z|±hh:mm)`, the W3C profile GeoReport names; the offset is
    /// required, as the spec says. Two leniencies, both for real clients: a lower-case `t`/`z`, and a
    /// space where the `+` of the offset was (an unescaped `+` in a query string arrives as a space).
    public init?(parsing text: String) {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.take("-"), let month = scanner.number(digits: 2), scanner.take("-"),
            let day = scanner.number(digits: 2), scanner.take("T") || scanner.take("t"),
            let hour = scanner.number(digits: 2), scanner.take(":"), let minute = scanner.number(digits: 2)
        else { return nil }
        var second = 0
        var nanoseconds: Int32 = 0
        if scanner.take(":") {
            guard let s = scanner.number(digits: 2) else { return nil }
            second = s
            if scanner.take(".") {
                guard let fraction = scanner.fraction() else { return nil }
                nanoseconds = fraction
            }
        }
        let offset: Int
        if scanner.take("Z") || scanner.take("z") {
            offset = 0
        } else {
            let sign: Int
            if scanner.take("+") || scanner.take(" ") { sign = 1 } else if scanner.take("-") { sign = -1 } else { return nil }
            guard let h = scanner.number(digits: 2), scanner.take(":"), let m = scanner.number(digits: 2), h <= 23, m <= 59 else {
                return nil
            }
            offset = sign * (h * 60 + m)
        }
        guard scanner.atEnd, (1...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysInMonth(year: year, month: month)).contains(day),
            hour <= 23, minute <= 59, second <= 59
        else { return nil }
        let local = CivilDate.days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(secondsSince1970: local - Int64(offset) * 60, nanoseconds: nanoseconds, utcOffsetMinutes: offset)
    }
}

/// Reads fixed-width ASCII digits and single characters from a byte array.
private struct DigitScanner {
    let bytes: [UInt8]
    var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { at == bytes.count }

    mutating func take(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, at < bytes.count, bytes[at] == ascii else { return false }
        at += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard at + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[at..<at + digits] {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        at += digits
        return value
    }

    /// One or more digits of a fraction of a second, kept to nanoseconds.
    mutating func fraction() -> Int32? {
        var value: Int32 = 0
        var count = 0
        while at < bytes.count, (0x30...0x39).contains(bytes[at]) {
            if count < 9 { value = value * 10 + Int32(bytes[at] - 0x30) }
            count += 1
            at += 1
        }
        guard count > 0 else { return nil }
        if count < 9 { for _ in count..<9 { value *= 10 } }
        return value
    }
}

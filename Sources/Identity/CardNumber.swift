/// 英才卡号: the number printed on a talent card, `YC` + year of issue + serial (at least six
/// digits) + one check character, e.g. `YC2026000123` + `5` → `YC20260001235`.
///
/// The check character is ISO 7064 MOD 11-2 over the digits (the scheme of the resident ID
/// number's last character), so every single wrong digit and every swap of two neighbouring
/// digits is caught when a number is typed at a counter. The serial grows past six digits
/// rather than wrapping, so numbers stay unique however many cards a year brings.
public struct CardNumber: Sendable, Hashable, CustomStringConvertible {
    public static let prefix = "YC"
    public let year: Int
    public let serial: Int
    public let text: String

    /// Nil unless 1000 ≤ year ≤ 9999 and 1 ≤ serial < 10⁹.
    public init?(year: Int, serial: Int) {
        guard (1000...9999).contains(year), (1..<1_000_000_000).contains(serial) else { return nil }
        var digits = String(year)
        let s = String(serial)
        digits += String(repeating: "0", count: max(0, 6 - s.count)) + s
        self.year = year
        self.serial = serial
        self.text = Self.prefix + digits + String(Self.checkCharacter(digits.map { Int($0.asciiValue! - 48) }))
    }

    /// Parses a card number as printed; spaces are ignored and a lowercase `x` or prefix accepted.
    public init(_ raw: String) throws(CardNumberError) {
        let text = raw.filter { $0 != " " }.uppercased()
        guard text.hasPrefix(Self.prefix) else { throw .badFormat }
        let body = Array(text.dropFirst(Self.prefix.count))
        guard body.count >= 11, body.count <= 14,
              body.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .badFormat
        }
        let digits = body.dropLast().map { Int($0.asciiValue! - 48) }
        guard Self.checkCharacter(digits) == body.last else {
            throw .badCheckCharacter
        }
        let year = digits[0..<4].reduce(0) { $0 * 10 + $1 }
        let serial = digits[4...].reduce(0) { $0 * 10 + $1 }
        guard let number = CardNumber(year: year, serial: serial), number.text == text else {
            throw .badFormat
        }
        self = number
    }

    public var description: String { text }

    /// ISO 7064 MOD 11-2: '0'…'9' or 'X'.
    public static func checkCharacter(_ digits: [Int]) -> Character {
        var p = 0
        for d in digits { p = (p + d) * 2 % 11 }
        let c = (12 - p) % 11
        return c == 10 ? "X" : Character(String(c))
    }
}

/// Why a card number is refused, Chinese first.
public enum CardNumberError: Error, Hashable, Sendable, CustomStringConvertible {
    case badFormat
    case badCheckCharacter

    public var description: String {
        switch self {
        case .badFormat:
            return "卡号应为 YC、4 位年份、6–9 位序号和 1 位校验码 / a card number is YC, a 4-digit year, a 6–9 digit serial and a check character"
        case .badCheckCharacter:
            return "卡号校验码不符，请核对 / the check character does not match: please check the number"
        }
    }
}

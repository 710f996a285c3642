import WorkCalendar

/// A PRC resident identity number (公民身份号码, GB 11643-1999): 6-digit region, 8-digit birth date,
/// 3-digit sequence (odd for men, even for women) and a check character.
public struct ResidentIDNumber: Hashable, Sendable, CustomStringConvertible {
    /// The 18 characters, with a lowercase `x` normalised to `X`.
    public let value: String
    public let regionCode: String
    public let birthDate: LocalDate
    public let sequence: Int

    public var gender: Gender { sequence % 2 == 1 ? .male : .female }
    public var provinceCode: Int { Int(regionCode.prefix(2))! }

    /// Validates `text` as of `today` (a birth date after today is refused).
    public init(_ text: String, today: LocalDate) throws(IdentityError) {
        let trimmed = text.trimmingSpaces()
        let chars = Array(trimmed.utf8)
        guard chars.count == 18 else { throw .wrongLength(chars.count) }
        var digits: [Int] = []
        digits.reserveCapacity(17)
        for c in chars.prefix(17) {
            guard c >= 48, c <= 57 else { throw .notDigits }
            digits.append(Int(c - 48))
        }
        let last = chars[17]
        guard (last >= 48 && last <= 57) || last == UInt8(ascii: "X") || last == UInt8(ascii: "x") else {
            throw .notDigits
        }
        let province = digits[0] * 10 + digits[1]
        guard ResidentIDNumber.provinceCodes.contains(province) else { throw .unknownProvince(province) }

        let year = digits[6...9].reduce(0) { $0 * 10 + $1 }
        let month = digits[10] * 10 + digits[11]
        let day = digits[12] * 10 + digits[13]
        guard year >= 1900, let birth = LocalDate(year: year, month: month, day: day) else { throw .impossibleBirthDate }
        guard birth <= today else { throw .futureBirthDate }

        let expected = ResidentIDNumber.checkCharacter(for: digits)
        let given: Character = last == UInt8(ascii: "x") ? "X" : Character(Unicode.Scalar(last))
        guard expected == given else { throw .badCheckCharacter }

        self.value = String(trimmed.prefix(17)) + String(given)
        self.regionCode = String(trimmed.prefix(6))
        self.birthDate = birth
        self.sequence = digits[14] * 100 + digits[15] * 10 + digits[16]
    }

    public var description: String { Masking.idNumber(value) }

    /// The check character of GB 11643-1999 for the first 17 digits.
    public static func checkCharacter(for digits: [Int]) -> Character {
        precondition(digits.count == 17)
        var sum = 0
        for (digit, weight) in zip(digits, weights) { sum += digit * weight }
        return checkCharacters[sum % 11]
    }

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Provinces of GB/T 2260: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 (Taiwan), 81, 82 (Hong Kong, Macao).
    public static let provinceCodes: Set<Int> = Set(
        Array(11...15) + Array(21...23) + Array(31...37) + Array(41...46) + Array(50...54) + Array(61...65) + [71, 81, 82]
    )
}

public enum Gender: String, Sendable, Codable {
    case male, female
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let f = scalars.first, f.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

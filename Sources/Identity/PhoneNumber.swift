/// A contact phone number: a mainland mobile (11 digits starting with 1), a landline with its area
/// code (`023-12345678`), or an international number starting with `+`. Stored without spaces.
public struct PhoneNumber: Hashable, Sendable {
    public let value: String

    public init(_ text: String) throws(PhoneError) {
        let compact = String(text.filter { $0 != " " && $0 != "\u{3000}" })
        let utf8 = Array(compact.utf8)
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        if utf8.count == 11, utf8[0] == UInt8(ascii: "1"), utf8.allSatisfy(isDigit) {
            value = compact
        } else if utf8.first == UInt8(ascii: "+"), (8...16).contains(utf8.count - 1), utf8.dropFirst().allSatisfy(isDigit) {
            value = compact
        } else if (10...13).contains(utf8.count), utf8[0] == UInt8(ascii: "0"),
                  utf8.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "-") }),
                  utf8.filter(isDigit).count >= 10 {
            value = compact
        } else {
            throw PhoneError()
        }
    }
}

public struct PhoneError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String {
        "手机号应为 11 位数字，固话需带区号，境外号码以 + 开头 / a mobile number has 11 digits, a landline its area code, a foreign number starts with +"
    }
}

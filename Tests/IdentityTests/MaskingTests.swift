import Identity
import Testing

@Suite("Masking of personal data")
struct MaskingTests {
    @Test("an ID number keeps its region and last four characters")
    func idNumbers() {
        #expect(Masking.idNumber("50010319880808123X") == "500103********123X")
        #expect(Masking.idNumber("11010519491231002X") == "110105********002X")
    }

    @Test("a passport keeps its first two and last two characters")
    func passports() {
        #expect(Masking.idNumber("E12345678") == "E1*****78")
        #expect(Masking.idNumber("AB12") == "****")
    }

    @Test("a mobile number keeps its first three and last four digits")
    func phones() {
        #expect(Masking.phone("13812345678") == "138****5678")
        #expect(Masking.phone("023-63891234") == "023*****1234")
        #expect(Masking.phone("1234567") == "*******")
    }
}

@Suite("Phone numbers and passports")
struct PhoneAndPassportTests {
    @Test("mainland mobiles, landlines with area codes and international numbers are accepted",
          arguments: ["13812345678", "138 1234 5678", "023-63891234", "02363891234", "+85291234567", "+4915112345678"])
    func accepted(text: String) throws {
        _ = try PhoneNumber(text)
    }

    @Test("other shapes are refused", arguments: ["1381234567", "23812345678", "abc", "", "+12", "63891234", "138123456789"])
    func refused(text: String) {
        #expect(throws: PhoneError.self) { try PhoneNumber(text) }
    }

    @Test("a passport number has 5–20 letters and digits, stored upper-case")
    func passports() throws {
        #expect(try PassportNumber(" e1234567 ").value == "E1234567")
        #expect(throws: IdentityError.badPassport) { try PassportNumber("E12") }
        #expect(throws: IdentityError.badPassport) { try PassportNumber("E1234-567") }
        #expect(throws: IdentityError.badPassport) { try PassportNumber(String(repeating: "A", count: 21)) }
    }
}

import Identity
import Testing
import WorkCalendar

@Suite("Resident ID numbers (GB 11643-1999)")
struct ResidentIDNumberTests {
    let today = LocalDate("2026-11-25")!

    /// Builds a valid number from its first 17 digits.
    func valid(_ first17: String) -> String {
        first17 + String(ResidentIDNumber.checkCharacter(for: first17.map { Int(String($0))! }))
    }

    @Test("a number with the right check character is accepted and read")
    func acceptsValid() throws {
        let id = try ResidentIDNumber("11010519491231002X", today: today)
        #expect(id.regionCode == "110105")
        #expect(id.birthDate == LocalDate("1949-12-31"))
        #expect(id.sequence == 2)
        #expect(id.gender == .female)
        #expect(id.provinceCode == 11)
    }

    @Test("the check character follows the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 and the map 1 0 X 9 8 7 6 5 4 3 2")
    func checkCharacterTable() {
        // Known published examples.
        #expect(ResidentIDNumber.checkCharacter(for: "11010519491231002".map { Int(String($0))! }) == "X")
        #expect(ResidentIDNumber.checkCharacter(for: "44052418800101001".map { Int(String($0))! }) == "4")
        #expect(ResidentIDNumber.checkCharacter(for: "50011219900307123".map { Int(String($0))! }) == "5")
        // Every remainder maps as the standard says: a sum of 0 gives 1, 2 gives X.
        #expect(ResidentIDNumber.checkCharacter(for: Array(repeating: 0, count: 17)) == "1")
    }

    @Test("a lowercase x is accepted and stored as X")
    func lowercaseX() throws {
        let id = try ResidentIDNumber("11010519491231002x", today: today)
        #expect(id.value == "11010519491231002X")
    }

    @Test("any single wrong digit is caught by the check character", arguments: 0..<17)
    func singleDigitErrors(position: Int) {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let year = Int.random(in: 1940...2005, using: &rng)
            let first17 = "500112\(year)0615" + String(format3(Int.random(in: 0...999, using: &rng)))
            let good = valid(first17)
            #expect((try? ResidentIDNumber(good, today: today)) != nil)
            var chars = Array(good)
            let original = Int(String(chars[position]))!
            for replacement in 0...9 where replacement != original {
                chars[position] = Character(String(replacement))
                let altered = String(chars)
                do {
                    _ = try ResidentIDNumber(altered, today: today)
                    Issue.record("accepted \(altered) with a changed digit at \(position)")
                } catch {
                    // Refused: bad check character, or an impossible date or province for date/region digits.
                }
            }
        }
    }

    @Test("a wrong check character is refused with its own message")
    func badCheck() {
        #expect(throws: IdentityError.badCheckCharacter) { try ResidentIDNumber("110105194912310021", today: today) }
    }

    @Test("impossible dates are refused", arguments: ["19490231", "19491301", "19490000", "20230229", "18991231"])
    func impossibleDates(date: String) {
        let number = valid("110105" + date + "002")
        #expect(throws: IdentityError.impossibleBirthDate) { try ResidentIDNumber(number, today: today) }
    }

    @Test("29 February is accepted in a leap year")
    func leapDay() throws {
        _ = try ResidentIDNumber(valid("11010520000229002"), today: today)
        _ = try ResidentIDNumber(valid("11010520240229002"), today: today)
    }

    @Test("a birth date after today is refused; today itself is accepted")
    func futureDates() throws {
        #expect(throws: IdentityError.futureBirthDate) { try ResidentIDNumber(valid("11010520261126002"), today: today) }
        _ = try ResidentIDNumber(valid("11010520261125002"), today: today)
    }

    @Test("only the province codes of GB/T 2260 are accepted", arguments: 0..<100)
    func provinces(code: Int) {
        let number = valid(String(format2(code)) + "010519800101002")
        let accepted = (try? ResidentIDNumber(number, today: today)) != nil
        let expected = (11...15).contains(code) || (21...23).contains(code) || (31...37).contains(code)
            || (41...46).contains(code) || (50...54).contains(code) || (61...65).contains(code) || [71, 81, 82].contains(code)
        #expect(accepted == expected, "province \(code)")
    }

    @Test("wrong lengths and characters are refused with what is wrong")
    func shapes() {
        #expect(throws: IdentityError.wrongLength(17)) { try ResidentIDNumber("11010519491231002", today: today) }
        #expect(throws: IdentityError.wrongLength(19)) { try ResidentIDNumber("11010519491231002X1", today: today) }
        #expect(throws: IdentityError.notDigits) { try ResidentIDNumber("1101051949123100AX", today: today) }
        #expect(throws: IdentityError.notDigits) { try ResidentIDNumber("11010519491231002Y", today: today) }
        #expect(throws: IdentityError.wrongLength(18 * 3)) { try ResidentIDNumber("１１０１０５１９４９１２３１００２Ｘ", today: today) }
    }

    @Test("surrounding spaces are ignored")
    func spaces() throws {
        #expect(try ResidentIDNumber("  11010519491231002X ", today: today).value == "11010519491231002X")
    }

    @Test("error messages never repeat the number")
    func messagesHaveNoNumber() {
        let number = "110105194912310021"
        do {
            _ = try ResidentIDNumber(number, today: today)
        } catch {
            #expect(!error.description.contains(number))
            #expect(!error.description.contains("19491231"))
        }
    }

    func format2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    func format3(_ v: Int) -> String { String(repeating: "0", count: 3 - String(v).count) + String(v) }
}

import Identity
import Testing

@Suite struct CardNumberTests {
    @Test func formatsYearSerialAndCheckCharacter() throws {
        let n = try #require(CardNumber(year: 2026, serial: 123))
        #expect(n.text.hasPrefix("YC2026000123"))
        #expect(n.text.count == 13)
        #expect(try CardNumber(n.text) == n)
        #expect(try CardNumber(n.text.lowercased()) == n)
        #expect(try CardNumber("YC 2026 000123 " + String(n.text.last!)) == n)
    }

    @Test func checkCharacterIsISO7064Mod11_2() {
        // ISO 7064 MOD 11-2 is the scheme of the resident ID number's last character: the
        // published example 11010519491231002 → X.
        #expect(CardNumber.checkCharacter("11010519491231002".map { Int(String($0))! }) == "X")
        #expect(CardNumber.checkCharacter("44052418800101001".map { Int(String($0))! }) == "4")
    }

    @Test func serialGrowsPastSixDigits() throws {
        let n = try #require(CardNumber(year: 2027, serial: 1_234_567))
        #expect(n.text.count == 14)
        #expect(try CardNumber(n.text).serial == 1_234_567)
        #expect(CardNumber(year: 2027, serial: 0) == nil)
        #expect(CardNumber(year: 999, serial: 1) == nil)
        #expect(CardNumber(year: 2027, serial: 1_000_000_000) == nil)
    }

    @Test func everySingleDigitErrorAndNeighbourSwapIsCaught() throws {
        for serial in [1, 42, 999_999, 123_456, 7_786] {
            let n = try #require(CardNumber(year: 2026, serial: serial))
            let chars = Array(n.text)
            for i in 2..<(chars.count - 1) {
                for d in "0123456789" where d != chars[i] {
                    var altered = chars
                    altered[i] = d
                    #expect(throws: CardNumberError.self) { try CardNumber(String(altered)) }
                }
                if i + 1 < chars.count - 1, chars[i] != chars[i + 1] {
                    var swapped = chars
                    swapped.swapAt(i, i + 1)
                    #expect(throws: CardNumberError.self) { try CardNumber(String(swapped)) }
                }
            }
        }
    }

    @Test func refusesMalformedNumbers() {
        for bad in ["", "YC", "XC20260001235", "YC2026000123", "YC20260001X35", "YC2026000000000000", "YC202600012३5"] {
            #expect(throws: CardNumberError.self) { try CardNumber(bad) }
        }
        // Leading zeros beyond six serial digits would give one card two spellings.
        let n = CardNumber(year: 2026, serial: 123)!
        let padded = "YC20260000123"
        let digits = padded.dropFirst(2).map { Int(String($0))! }
        #expect(throws: CardNumberError.badFormat) { try CardNumber(padded + String(CardNumber.checkCharacter(digits))) }
        #expect(n.text != padded)
    }
}

@Suite struct CardLifecycleTests {
    @Test func everyActionFromEveryStoredStatus() {
        let expected: [CardAction: [CardStatus: CardStatus]] = [
            .suspend: [.active: .suspended],
            .resume: [.suspended: .active],
            .revoke: [.active: .revoked, .suspended: .revoked],
            .renew: [.active: .active, .suspended: .suspended],
        ]
        for action in CardAction.allCases {
            for status in CardStatus.allCases {
                #expect(CardLifecycle.apply(action, to: status) == expected[action]?[status], "\(action) from \(status)")
            }
        }
    }

    @Test func expiryIsReadNotStored() {
        #expect(CardLifecycle.effective(stored: .active, validUntil: "2026-11-24", today: "2026-11-25") == .expired)
        #expect(CardLifecycle.effective(stored: .active, validUntil: "2026-11-25", today: "2026-11-25") == .active)
        #expect(CardLifecycle.effective(stored: .suspended, validUntil: "2026-01-01", today: "2026-11-25") == .expired)
        #expect(CardLifecycle.effective(stored: .revoked, validUntil: "2026-01-01", today: "2026-11-25") == .revoked)
        #expect(CardStatus.suspended.refusesCodes && CardStatus.revoked.refusesCodes)
        #expect(!CardStatus.active.refusesCodes && !CardStatus.expired.refusesCodes)
    }
}

import Testing
@testable import TalentCode

@Suite struct ClaimsPayloadTests {
    @Test func roundTrip() throws {
        for tier in Tier.allCases {
            let holder = try sampleHolder(tier: tier, card: tier.holdsCard ? "CQ-\(tier.letter)-0001" : "")
            let c = try claims(holder: holder, nonce: 0xDEAD_BEEF_0BAD_F00D)
            let bytes = ClaimsPayload.encode(c)
            #expect(ClaimsPayload.decode(bytes) == c)
        }
    }

    @Test func typicalSizeIs67Bytes() throws {
        let c = try claims(holder: sampleHolder(card: "CQ26B00123"))
        #expect(ClaimsPayload.encode(c).count == 67)
    }

    @Test func refusesEveryTruncationAndTrailingBytes() throws {
        let bytes = ClaimsPayload.encode(try claims())
        for n in 0 ..< bytes.count {
            #expect(ClaimsPayload.decode(Array(bytes.prefix(n))) == nil, "truncated to \(n)")
        }
        #expect(ClaimsPayload.decode(bytes + [0]) == nil)
    }

    @Test func refusesUnknownVersion() throws {
        var bytes = ClaimsPayload.encode(try claims())
        for v: UInt8 in [0, 2, 0xFF] {
            bytes[0] = v
            #expect(ClaimsPayload.decode(bytes) == nil)
        }
    }

    @Test func refusesInvalidTier() throws {
        var bytes = ClaimsPayload.encode(try claims())
        let tierOffset = 1 + 1 + 6 + 1 + 10 + 16
        #expect(bytes[tierOffset] == UInt8(ascii: "B"))
        for t: UInt8 in [0, 0x40, 0x46, UInt8(ascii: "b"), 0xFF] {
            bytes[tierOffset] = t
            #expect(ClaimsPayload.decode(bytes) == nil)
        }
    }

    @Test func refusesWrongLengthPrefix() throws {
        var bytes = ClaimsPayload.encode(try claims())
        bytes[1] = 7  // issuer "500000" is 6 long
        #expect(ClaimsPayload.decode(bytes) == nil)
        bytes[1] = 200
        #expect(ClaimsPayload.decode(bytes) == nil)
    }

    @Test func refusesCardlessHighTierAndBadTimes() throws {
        #expect(throws: TalentCodeError.missingCardNumber) { try sampleHolder(tier: .a, card: "") }
        #expect(throws: TalentCodeError.invalidField("card number")) { try sampleHolder(card: "有空格 1") }
        _ = try sampleHolder(tier: .d, card: "")
        #expect(throws: TalentCodeError.invalidTime) { try claims(issuedAt: t0, expiresAt: t0) }
        #expect(throws: TalentCodeError.invalidTime) { try claims(expiresAt: UInt64(UInt32.max) + 1) }
        #expect(throws: TalentCodeError.invalidField("issuer")) { try claims(issuer: "") }
    }

    @Test func entitlementNames() {
        let e: Entitlements = [.medicalGreenChannel, .publicServices]
        #expect(e.chineseNames == ["医疗绿色通道", "政务服务"])
        #expect(e.englishNames == ["medical green channel", "public services"])
        #expect(Entitlements.known.count >= 7)
        #expect(Set(Entitlements.known.map(\.entitlement.rawValue)).count == Entitlements.known.count)
    }
}

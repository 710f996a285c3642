import Testing
@testable import TalentCode

@Suite struct HolderTests {
    @Test func talentIDBytesAndHex() throws {
        let id = TalentID(high: 0x0011_2233_4455_6677, low: 0x8899_AABB_CCDD_EEFF)
        #expect(id.hex == "00112233445566778899aabbccddeeff")
        #expect(TalentID(bytes: id.bytes) == id)
        #expect(TalentID(bytes: [UInt8](repeating: 0, count: 15)) == nil)
        #expect(TalentID.random() != TalentID.random())
    }

    @Test func tierLetters() {
        #expect(Tier.allCases.map(\.letter) == ["A", "B", "C", "D", "E"])
        #expect(Tier(letter: "C") == .c)
        #expect(Tier(letter: "F") == nil && Tier(letter: "a") == nil && Tier(letter: "AB") == nil)
        #expect(Tier.allCases.filter(\.holdsCard) == [.a, .b, .c])
    }

    @Test func issueRefusesImpossibleTimes() throws {
        let ring = try chongqingRing()
        #expect(throws: TalentCodeError.invalidTime) { try TalentCodeSigner.issue(sampleHolder(), ring: ring, now: UInt64(UInt32.max)) }
        #expect(throws: TalentCodeError.invalidTime) { try TalentCodeSigner.issue(sampleHolder(), ring: ring, now: t0, lifetime: 0) }
        #expect(throws: TalentCodeError.invalidTime) { try TalentCodeSigner.issue(sampleHolder(), ring: ring, now: .max) }
    }

    @Test func keyPairRefusesBadInput() {
        #expect(throws: TalentCodeError.self) { try SigningKeyPair(kid: "k", issuer: chongqing, privateKey: [1, 2, 3], created: t0) }
        #expect(throws: TalentCodeError.self) { try SigningKeyPair(kid: "", issuer: chongqing, privateKey: .init(repeating: 1, count: 32), created: t0) }
        #expect(throws: TalentCodeError.self) { try SigningKeyPair(kid: "k", issuer: "重庆", privateKey: .init(repeating: 1, count: 32), created: t0) }
    }

    @Test func lowTierCodeWithoutCard() throws {
        let ring = try chongqingRing()
        let holder = try CodeHolder(talentID: .random(), tier: .e, cardNumber: "", entitlements: [.transport, .cultureTourism])
        let code = try TalentCodeSigner.issue(holder, ring: ring, now: t0)
        let list = try RevocationList(issuer: chongqing, sequence: 1, issuedAt: t0, nextUpdate: t0 + 60, cardNumbers: ["X"])
        guard case .valid(let c, _) = try verifier([(ring, "重庆市")]).verify(code, now: t0, revocations: list) else {
            Issue.record("tier E code refused")
            return
        }
        #expect(c.cardNumber.isEmpty && c.tier == .e)
        #expect(c.entitlements.chineseNames == ["交通出行", "文旅"])
    }
}

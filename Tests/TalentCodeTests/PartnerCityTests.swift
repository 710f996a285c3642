import Testing
@testable import TalentCode

/// 成渝互认: Chengdu publishes its JWK set; Chongqing's verifiers trust it.
@Suite struct PartnerCityTests {
    @Test func chengduCodeVerifiesAndNamesChengdu() throws {
        let cq = try chongqingRing()
        let cd = try chengduRing()
        // What Chengdu publishes travels as JSON text.
        let publishedByChengdu = cd.jwkSet(now: t0).json
        let v = TalentCodeVerifier(trusted: [
            try TrustedIssuer(cityCode: chongqing, displayName: "重庆市", keys: cq.jwkSet(now: t0)),
            try TrustedIssuer(cityCode: chengdu, displayName: "成都市", keys: JWKSet.parse(publishedByChengdu)),
        ])
        let code = try TalentCodeSigner.issue(sampleHolder(tier: .a, card: "CD2026A0007"), ring: cd, now: t0)
        guard case .valid(let c, let name) = v.verify(code, now: t0 + 1) else {
            Issue.record("Chengdu code refused")
            return
        }
        #expect(name == "成都市")
        #expect(c.issuer == chengdu)
        #expect(c.cardNumber == "CD2026A0007")
        #expect(v.displayName(of: chongqing) == "重庆市")
    }

    @Test func keySetFiledUnderTheWrongCityIsRejected() throws {
        let cd = try chengduRing()
        #expect(throws: TalentCodeError.self) {
            try TrustedIssuer(cityCode: chongqing, displayName: "重庆市", keys: cd.jwkSet(now: t0))
        }
    }

    @Test func partnerFileIsReadEntryByEntry() throws {
        let cq = try chongqingRing(), cd = try chengduRing()
        let text = """
            {"self": {"cityCode": "\(chongqing)", "name": "重庆市", "keys": \(cq.jwkSet(now: t0).json)},
             "partners": [{"cityCode": "\(chengdu)", "name": "成都市", "keys": \(cd.jwkSet(now: t0).json), "revocations": "YCRL1.x"},
                          {"cityCode": "510200", "keys": {"keys": [{"kty": "RSA"}]}},
                          {"name": "无钥"}]}
            """
        let file = try PartnerFile.parse(text)
        #expect(file.keys == nil)
        #expect(file.own?.cityCode == chongqing)
        #expect(try file.own?.keys?.get() == cq.jwkSet(now: t0))
        let partners = try #require(file.partners)
        #expect(partners.count == 3)
        #expect(partners[0].name == "成都市" && partners[0].revocations == "YCRL1.x")
        #expect(try partners[0].keys?.get() == cd.jwkSet(now: t0))
        #expect(throws: TalentCodeError.invalidJWK("kty must be OKP")) { try partners[1].keys?.get() }
        #expect(partners[1].name == nil)
        #expect(partners[2].keys == nil && partners[2].cityCode == nil)
    }

    @Test func bareKeySetAndBrokenFiles() throws {
        let cd = try chengduRing()
        let bare = try PartnerFile.parse(cd.jwkSet(now: t0).json)
        #expect(try bare.keys?.get() == cd.jwkSet(now: t0))
        #expect(bare.partners == nil && bare.own == nil)
        for broken in ["", "[]", "{", #"{"partners": {}}"#, #"{"partners": "x"}"#, "\"text\""] {
            #expect(throws: TalentCodeError.self, "\(broken)") { try PartnerFile.parse(broken) }
        }
        #expect(try PartnerFile.parse("{}").partners == nil)
    }
}

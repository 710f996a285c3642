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
}

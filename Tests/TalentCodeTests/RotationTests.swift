import Testing
@testable import TalentCode

@Suite struct RotationTests {
    @Test func oldCodesVerifyUntilExpiryNewCodesUseNewKid() throws {
        let old = try chongqingRing()
        let oldCode = try TalentCodeSigner.issue(sampleHolder(), ring: old, now: t0)
        let rotated = try old.rotate(newKid: "cq-2026-02", now: t0 + 10)
        #expect(rotated.active.kid == "cq-2026-02")
        #expect(rotated.entries.count == 2)
        #expect(rotated.entries[1].status == .retired(retireAfter: t0 + 10 + 86_400))

        let v = try verifier([(rotated, "重庆市")], now: t0 + 10)
        #expect(v.verify(oldCode, now: t0 + 60).isValid)
        #expect(v.verify(oldCode, now: t0 + 120) == .refused(.expired))

        let newCode = try TalentCodeSigner.issue(sampleHolder(), ring: rotated, now: t0 + 20)
        guard case .valid(let c, _) = v.verify(newCode, now: t0 + 20) else {
            Issue.record("new code refused")
            return
        }
        #expect(c.keyID == "cq-2026-02")
    }

    @Test func removedKeyIsUnknown() throws {
        let old = try chongqingRing()
        let oldCode = try TalentCodeSigner.issue(sampleHolder(), ring: old, now: t0)
        let rotated = try old.rotate(newKid: "cq-2026-02", now: t0, keepRetiredFor: 60)
        #expect(rotated.jwkSet(now: t0 + 59).keys.map(\.kid) == ["cq-2026-02", "cq-2026-01"])
        let published = rotated.jwkSet(now: t0 + 60)
        #expect(published.keys.map(\.kid) == ["cq-2026-02"])
        #expect(rotated.pruned(now: t0 + 60).entries.count == 1)
        let v = TalentCodeVerifier(trusted: [try TrustedIssuer(cityCode: chongqing, displayName: "重庆市", keys: published)])
        #expect(v.verify(oldCode, now: t0 + 61) == .refused(.unknownKey))
    }

    @Test func ringInvariants() throws {
        let ring = try chongqingRing()
        #expect(throws: TalentCodeError.self) { try ring.rotate(newKid: "cq-2026-01", now: t0) }
        let a = try SigningKeyPair.generate(kid: "a", issuer: chongqing, created: t0)
        let b = try SigningKeyPair.generate(kid: "b", issuer: chongqing, created: t0)
        let c = try SigningKeyPair.generate(kid: "c", issuer: chengdu, created: t0)
        #expect(throws: TalentCodeError.self) { try KeyRing(issuer: chongqing, entries: [.init(key: a, status: .active), .init(key: b, status: .active)]) }
        #expect(throws: TalentCodeError.self) { try KeyRing(issuer: chongqing, entries: [.init(key: a, status: .retired(retireAfter: t0))]) }
        #expect(throws: TalentCodeError.self) { try KeyRing(issuer: chongqing, entries: [.init(key: a, status: .active), .init(key: a, status: .retired(retireAfter: t0))]) }
        #expect(throws: TalentCodeError.self) { try KeyRing(issuer: chongqing, entries: [.init(key: a, status: .active), .init(key: c, status: .retired(retireAfter: t0))]) }
    }
}

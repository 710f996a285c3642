import Testing
@testable import TalentCode

@Suite struct TokenTests {
    @Test func roundTrip() throws {
        let ring = try chongqingRing()
        let holder = try sampleHolder()
        let token = try TalentCodeSigner.issue(holder, ring: ring, now: t0)
        let result = try verifier([(ring, "重庆市")]).verify(token, now: t0 + 5)
        guard case .valid(let c, let name) = result else {
            Issue.record("refused: \(result)")
            return
        }
        #expect(name == "重庆市")
        #expect(c.holder == holder)
        #expect(c.issuer == chongqing && c.keyID == "cq-2026-01")
        #expect(c.issuedAt == t0 && c.expiresAt == t0 + 120)
    }

    @Test func shapeAndLength() throws {
        let ring = try chongqingRing()
        let token = try TalentCodeSigner.issue(sampleHolder(card: "CQ26B00123"), ring: ring, now: t0)
        #expect(token.hasPrefix("YC1."))
        #expect(token.split(separator: ".").count == 3)
        #expect(token.utf8.count == 4 + 90 + 1 + 86)  // 67-byte payload, 64-byte signature
        // Every field at its limit: 226 characters, still a version-11 QR code at level M.
        let longest = try KeyRing.generate(issuer: "ABCDEFGHIJKL", kid: String(repeating: "k", count: 24), now: t0)
        let big = try TalentCodeSigner.issue(sampleHolder(card: String(repeating: "9", count: 24)), ring: longest, now: t0)
        #expect(big.utf8.count == 4 + 135 + 1 + 86)  // 101-byte payload: the most there can be
    }

    @Test func codesDifferEachTime() throws {
        let ring = try chongqingRing()
        let a = try TalentCodeSigner.issue(sampleHolder(), ring: ring, now: t0)
        let b = try TalentCodeSigner.issue(sampleHolder(), ring: ring, now: t0)
        #expect(a != b)
    }

    @Test(arguments: ["", "YC1.", "YC1..", "YC2.AAAA.AAAA", "hello", "YC1.QQ", "yc1.QQ.QQ", "YC1.QQ.QQ.QQ"])
    func malformed(_ text: String) throws {
        let v = try verifier([(chongqingRing(), "重庆市")])
        #expect(v.verify(text, now: t0) == .refused(.malformed))
    }

    @Test func malformedPayloadWithWellFormedEnvelope() throws {
        let ring = try chongqingRing()
        // Correctly signed, but the payload is not a version-1 claims payload.
        let text = try SignedEnvelope.seal(prefix: TalentCodeSigner.prefix, payload: [2, 0, 0]) { try ring.active.prepared.sign($0) }
        #expect(try verifier([(ring, "重庆市")]).verify(text, now: t0) == .refused(.malformed))
    }

    @Test func unknownIssuer() throws {
        let token = try TalentCodeSigner.issue(sampleHolder(), ring: chengduRing(), now: t0)
        #expect(try verifier([(chongqingRing(), "重庆市")]).verify(token, now: t0) == .refused(.unknownIssuer))
    }

    @Test func unknownKeyOfKnownIssuer() throws {
        let ring = try chongqingRing()
        let rogue = try SigningKeyPair.generate(kid: "cq-rogue", issuer: chongqing, created: t0)
        let token = try TalentCodeSigner.sign(claims(kid: "cq-rogue"), with: rogue)
        #expect(try verifier([(ring, "重庆市")]).verify(token, now: t0) == .refused(.unknownKey))
    }

    @Test func anotherIssuersKeyClaimingToBeOurs() throws {
        let ours = try chongqingRing()
        let theirs = try chengduRing()
        // Names our city and our kid, but is signed with Chengdu's key.
        let forged = try TalentCodeSigner.signUnchecked(claims(), with: theirs.active)
        let v = try verifier([(ours, "重庆市"), (theirs, "成都市")])
        #expect(v.verify(forged, now: t0) == .refused(.badSignature))
        #expect(throws: TalentCodeError.self) { try TalentCodeSigner.sign(claims(), with: theirs.active) }
    }

    @Test func expiredAtTheSecondOfExpiry() throws {
        let ring = try chongqingRing()
        let v = try verifier([(ring, "重庆市")])
        let token = try TalentCodeSigner.issue(sampleHolder(), ring: ring, now: t0)
        #expect(v.verify(token, now: t0 + 119).isValid)
        #expect(v.verify(token, now: t0 + 120) == .refused(.expired))
        #expect(v.verify(token, now: t0 + 100_000) == .refused(.expired))
    }

    @Test func notYetValidBeyondClockSkew() throws {
        let ring = try chongqingRing()
        let v = try verifier([(ring, "重庆市")])
        let token = try TalentCodeSigner.issue(sampleHolder(), ring: ring, now: t0 + 100)
        #expect(v.verify(token, now: t0 + 70).isValid)  // 30 s skew allowed
        #expect(v.verify(token, now: t0 + 69) == .refused(.notYetValid))
        #expect(v.verify(token, now: 0) == .refused(.notYetValid))
    }

    @Test func revokedCard() throws {
        let ring = try chongqingRing()
        let v = try verifier([(ring, "重庆市")])
        let token = try TalentCodeSigner.issue(sampleHolder(card: "CQ2026B00123"), ring: ring, now: t0)
        let list = try RevocationList(issuer: chongqing, sequence: 1, issuedAt: t0, nextUpdate: t0 + 86_400,
                                      cardNumbers: ["CQ2026B00123"])
        #expect(v.verify(token, now: t0, revocations: list) == .refused(.revokedCard))
        let other = try RevocationList(issuer: chongqing, sequence: 2, issuedAt: t0, nextUpdate: t0 + 86_400,
                                       cardNumbers: ["CQ2026B99999"])
        #expect(v.verify(token, now: t0, revocations: other).isValid)
        // A list from another city never revokes our cards, even with the same number.
        let chengduList = try RevocationList(issuer: chengdu, sequence: 1, issuedAt: t0, nextUpdate: t0 + 86_400,
                                             cardNumbers: ["CQ2026B00123"])
        #expect(v.verify(token, now: t0, revocations: chengduList).isValid)
    }

    @Test func replayedAtTheSameVerifier() throws {
        let ring = try chongqingRing()
        let v = try verifier([(ring, "重庆市")])
        let token = try TalentCodeSigner.issue(sampleHolder(), ring: ring, now: t0)
        var guardian: ReplayGuard? = ReplayGuard()
        #expect(v.verify(token, now: t0, revocations: nil, replayGuard: &guardian).isValid)
        #expect(v.verify(token, now: t0 + 1, revocations: nil, replayGuard: &guardian) == .refused(.replayed))
        // Another verifier (its own guard) accepts it once.
        var other = ReplayGuard()
        #expect(v.verify(token, now: t0 + 2, replayGuard: &other).isValid)
        #expect(v.verify(token, now: t0 + 3, replayGuard: &other) == .refused(.replayed))
        // No guard: no replay check.
        var none: ReplayGuard? = nil
        #expect(v.verify(token, now: t0 + 4, revocations: nil, replayGuard: &none).isValid)
    }

    @Test func refusedCodesDoNotUseUpTheNonce() throws {
        let ring = try chongqingRing()
        let v = try verifier([(ring, "重庆市")])
        let token = try TalentCodeSigner.issue(sampleHolder(), ring: ring, now: t0 + 100)
        var guardian = ReplayGuard()
        #expect(v.verify(token, now: t0, replayGuard: &guardian) == .refused(.notYetValid))
        #expect(guardian.count == 0)
        #expect(v.verify(token, now: t0 + 100, replayGuard: &guardian).isValid)
    }

    /// Every character position, replaced by every other base64url character and by each
    /// separator or padding character, must be refused.
    @Test func everySingleByteAlterationIsRefused() throws {
        let ring = try chongqingRing()
        let v = try verifier([(ring, "重庆市")])
        let token = Array(try TalentCodeSigner.issue(sampleHolder(), ring: ring, now: t0).utf8)
        #expect(v.verify(String(decoding: token, as: UTF8.self), now: t0).isValid)
        let replacements = Base64URL.alphabet + Array(".=+/ ".utf8) + [0x00, 0xFF]
        var tried = 0
        var reasons: [RefusalReason: Int] = [:]
        for i in token.indices {
            for r in replacements where r != token[i] {
                var altered = token
                altered[i] = r
                let result = v.verify(String(decoding: altered, as: UTF8.self), now: t0)
                #expect(!result.isValid, "position \(i) → \(r) accepted")
                if let reason = result.refusal { reasons[reason, default: 0] += 1 }
                tried += 1
            }
        }
        #expect(tried > token.count * 60)
        // Altered signatures and payloads must reach the signature check, not all stop at parsing.
        #expect(reasons[.badSignature, default: 0] > 0)
        #expect(reasons[.malformed, default: 0] > 0)
    }

    @Test func everyReasonHasMessages() {
        for reason in RefusalReason.allCases {
            #expect(!reason.chinese.isEmpty && !reason.english.isEmpty)
        }
        #expect(Set(RefusalReason.allCases.map(\.chinese)).count == RefusalReason.allCases.count)
        #expect(RefusalReason.badSignature.chinese.contains("伪造"))
    }
}

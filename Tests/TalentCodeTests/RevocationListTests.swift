import Testing
@testable import TalentCode

@Suite struct RevocationListTests {
    func list(_ sequence: UInt64, cards: Set<String> = ["CQ2026B00123", "CQ2026A00001"],
              issuedAt: UInt64 = t0, nextUpdate: UInt64 = t0 + 86_400, issuer: String = chongqing) throws -> RevocationList {
        try RevocationList(issuer: issuer, sequence: sequence, issuedAt: issuedAt, nextUpdate: nextUpdate, cardNumbers: cards)
    }

    @Test func signedAndVerified() throws {
        let ring = try chongqingRing()
        let v = try verifier([(ring, "重庆市")])
        let l = try list(7)
        let text = try l.signed(by: ring)
        #expect(text.hasPrefix("YCRL1."))
        #expect(v.verifyRevocationList(text) == .success(l))
        // The same list signed twice is the same text: card numbers are sorted, the rest fixed.
        #expect(try l.signed(by: ring) == text)
    }

    @Test func emptyAndLargeLists() throws {
        let ring = try chongqingRing()
        let v = try verifier([(ring, "重庆市")])
        let empty = try list(1, cards: [])
        #expect(v.verifyRevocationList(try empty.signed(by: ring)) == .success(empty))
        let big = try list(2, cards: Set((0 ..< 5000).map { "CQ\($0)" }))
        #expect(v.verifyRevocationList(try big.signed(by: ring)) == .success(big))
    }

    @Test func refusals() throws {
        let ring = try chongqingRing()
        let v = try verifier([(ring, "重庆市")])
        let text = try list(1).signed(by: ring)
        // Altered anywhere.
        var bytes = Array(text.utf8)
        bytes[10] = bytes[10] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(v.verifyRevocationList(String(decoding: bytes, as: UTF8.self)) != .success(try list(1)))
        // A talent code is not a revocation list, even though both are signed by the same key.
        let code = try TalentCodeSigner.issue(sampleHolder(), ring: ring, now: t0)
        #expect(v.verifyRevocationList(code) == .failure(.malformed))
        #expect(v.verify(text, now: t0) == .refused(.malformed))
        // Unknown issuer; unknown key; wrong key.
        let cd = try chengduRing()
        #expect(v.verifyRevocationList(try list(1, issuer: chengdu).signed(by: cd)) == .failure(.unknownIssuer))
        let rotated = try ring.rotate(newKid: "cq-2026-02", now: t0)
        #expect(v.verifyRevocationList(try list(2).signed(by: rotated)) == .failure(.unknownKey))
        let impostor = try KeyRing.generate(issuer: chongqing, kid: "cq-2026-01", now: t0)
        #expect(v.verifyRevocationList(try list(2).signed(by: impostor)) == .failure(.badSignature))
        #expect(throws: TalentCodeError.self) { try list(1, issuer: chengdu).signed(by: ring) }
    }

    @Test func everyAlterationRefused() throws {
        let ring = try chongqingRing()
        let v = try verifier([(ring, "重庆市")])
        let text = Array(try list(3).signed(by: ring).utf8)
        for i in text.indices {
            var altered = text
            altered[i] = altered[i] == UInt8(ascii: "Q") ? UInt8(ascii: "R") : UInt8(ascii: "Q")
            #expect((try? v.verifyRevocationList(String(decoding: altered, as: UTF8.self)).get()) == nil, "position \(i)")
        }
    }

    @Test func storeRefusesRollbackAndFlagsStale() throws {
        let ring = try chongqingRing()
        let v = try verifier([(ring, "重庆市")])
        var store = RevocationStore()
        let r1 = store.refresh(try list(5).signed(by: ring), verifier: v, now: t0)
        #expect(r1 == .installed(stale: false))
        let r2 = store.refresh(try list(4, cards: []).signed(by: ring), verifier: v, now: t0)
        #expect(r2 == .refused(.rollback))
        #expect(store.revocationList(for: chongqing)?.sequence == 5)
        let r3 = store.refresh(try list(5).signed(by: ring), verifier: v, now: t0)
        #expect(r3 == .unchanged(stale: false))
        // Past next-update: installed, flagged, and applied.
        let stale = try list(6, cards: ["CQ2026B00123"], nextUpdate: t0 + 10)
        let r4 = store.refresh(try stale.signed(by: ring), verifier: v, now: t0 + 20)
        #expect(r4 == .installed(stale: true))
        #expect(store.staleIssuers(now: t0 + 20) == [chongqing])
        let code = try TalentCodeSigner.issue(sampleHolder(card: "CQ2026B00123"), ring: ring, now: t0 + 20)
        #expect(v.verify(code, now: t0 + 21, revocations: store) == .refused(.revokedCard))
        // A forged list never reaches the store.
        let impostor = try KeyRing.generate(issuer: chongqing, kid: "cq-2026-01", now: t0)
        let r5 = store.refresh(try list(99, cards: []).signed(by: impostor), verifier: v, now: t0)
        #expect(r5 == .refused(.badSignature))
        #expect(store.revocationList(for: chongqing)?.sequence == 6)
    }

    @Test func storeKeepsOneListPerCity() throws {
        let cq = try chongqingRing()
        let cd = try chengduRing()
        let v = try verifier([(cq, "重庆市"), (cd, "成都市")])
        var store = RevocationStore()
        _ = store.refresh(try list(9, cards: ["SAME-1"]).signed(by: cq), verifier: v, now: t0)
        let r6 = store.refresh(try list(1, cards: ["CD-1"], issuer: chengdu).signed(by: cd), verifier: v, now: t0)
        #expect(r6 == .installed(stale: false))
        let cdCode = try TalentCodeSigner.issue(sampleHolder(card: "CD-1"), ring: cd, now: t0)
        let cqCode = try TalentCodeSigner.issue(sampleHolder(card: "CD-1"), ring: cq, now: t0)
        #expect(v.verify(cdCode, now: t0, revocations: store) == .refused(.revokedCard))
        #expect(v.verify(cqCode, now: t0, revocations: store).isValid)
    }

    @Test func decodeRefusesUnsortedAndTrailing() throws {
        var w = ByteWriter()
        w.u8(1); w.text(chongqing); w.text("cq-2026-01"); w.u64(1); w.u32(UInt32(t0)); w.u32(UInt32(t0 + 1))
        w.u32(2); w.text("B"); w.text("A")
        #expect(RevocationList.decode(w.bytes) == nil)
        var ok = ByteWriter()
        ok.u8(1); ok.text(chongqing); ok.text("cq-2026-01"); ok.u64(1); ok.u32(UInt32(t0)); ok.u32(UInt32(t0 + 1))
        ok.u32(2); ok.text("A"); ok.text("B")
        #expect(RevocationList.decode(ok.bytes) != nil)
        #expect(RevocationList.decode(ok.bytes + [0]) == nil)
        var huge = ByteWriter()
        huge.u8(1); huge.text(chongqing); huge.text("k"); huge.u64(1); huge.u32(0); huge.u32(1); huge.u32(.max)
        #expect(RevocationList.decode(huge.bytes) == nil)
    }
}


import Testing
@testable import TalentCode

@Suite struct ReplayGuardTests {
    @Test func secondSightingRefusedUntilExpiry() {
        var g = ReplayGuard()
        let r1 = g.admit(nonce: 1, expiresAt: t0 + 120, now: t0)
        #expect(r1)
        let r2 = g.admit(nonce: 1, expiresAt: t0 + 120, now: t0 + 119)
        #expect(!r2)
        let r3 = g.admit(nonce: 2, expiresAt: t0 + 120, now: t0)
        #expect(r3)
        // After expiry the verifier refuses the code as expired anyway; the guard may forget it.
        let r4 = g.admit(nonce: 1, expiresAt: t0 + 300, now: t0 + 120)
        #expect(r4)
    }

    @Test func memoryBoundedAfterExpiry() {
        var g = ReplayGuard()
        for n in 0 ..< UInt64(10_000) {
            let r5 = g.admit(nonce: n, expiresAt: t0 + 120, now: t0 + n / 1000)
            #expect(r5)
        }
        #expect(g.count <= 10_000)
        let r6 = g.admit(nonce: 99_999, expiresAt: t0 + 400, now: t0 + 200)
        #expect(r6)
        #expect(g.count == 1)
        g.evictExpired(now: t0 + 400)
        #expect(g.count == 0)
    }

    @Test func sweepsWhenTableDoublesEvenWithinOneInterval() {
        var g = ReplayGuard(sweepInterval: 3600, minimumSweepCount: 100)
        // 1000 codes, each valid one second, all within one sweep interval.
        for n in 0 ..< UInt64(1000) {
            _ = g.admit(nonce: n, expiresAt: t0 + n + 1, now: t0 + n)
        }
        #expect(g.count <= 200)
    }

    @Test func verifierWithGuardRefusesReplayAcrossManyCodes() throws {
        let ring = try chongqingRing()
        let v = try verifier([(ring, "重庆市")])
        var g = ReplayGuard()
        var codes: [String] = []
        for i in 0 ..< 20 { codes.append(try TalentCodeSigner.issue(sampleHolder(), ring: ring, now: t0 + UInt64(i))) }
        for c in codes { #expect(v.verify(c, now: t0 + 20, replayGuard: &g).isValid) }
        for c in codes { #expect(v.verify(c, now: t0 + 21, replayGuard: &g) == .refused(.replayed)) }
        #expect(g.count == 20)
    }
}

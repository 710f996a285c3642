import Testing
import YingcaiCore

@Suite("Sign-in throttling, the rule")
struct SignInThrottleTests {
    let rule = SignInThrottle()
    let now: Int64 = 1_800_000_000_000

    func facts(pair: Int, pairAgo: Int64 = 0, all: Int? = nil, allAgo: Int64 = 0, known: Bool = false) -> SignInThrottle.Facts {
        .init(pairFailures: pair, lastPairFailure: pair > 0 ? now - pairAgo * 1000 : nil,
              usernameFailures: all ?? pair, lastUsernameFailure: (all ?? pair) > 0 ? now - allAgo * 1000 : nil, knownAddress: known)
    }

    @Test("three failures are free; then 1 s, 2 s, 4 s … after the last failure, never more than 15 minutes")
    func growingDelays() {
        for n in 0...3 { #expect(rule.wait(facts(pair: n), nowMillis: now) == 0) }
        var expected: Int64 = 1
        for n in 4...40 {
            #expect(rule.delaySeconds(failures: n, free: 3) == min(expected, 900))
            #expect(rule.wait(facts(pair: n), nowMillis: now) == min(expected, 900))
            expected = min(expected * 2, 1 << 20)
        }
        // The wait counts from the last failure, rounded up to whole seconds.
        #expect(rule.wait(facts(pair: 6, pairAgo: 3), nowMillis: now) == 1)
        #expect(rule.wait(facts(pair: 6, pairAgo: 4), nowMillis: now) == 0)
        #expect(rule.wait(.init(pairFailures: 5, lastPairFailure: now - 500, usernameFailures: 5, lastUsernameFailure: now - 500, knownAddress: false),
                          nowMillis: now) == 2)
        #expect(rule.delaySeconds(failures: Int.max, free: 3) == 900)
    }

    @Test("many failures of one username from elsewhere hold back unknown addresses, never the owner's usual one")
    func distributedAttack() {
        // 19 failures from other addresses: below the alarm, nobody waits.
        #expect(rule.wait(facts(pair: 0, all: 20), nowMillis: now) == 0)
        #expect(rule.wait(facts(pair: 0, all: 21), nowMillis: now) == 1)
        #expect(rule.wait(facts(pair: 0, all: 30), nowMillis: now) == 512)
        #expect(rule.wait(facts(pair: 0, all: 500), nowMillis: now) == 900)
        // The owner's usual address: judged by its own failures only.
        #expect(rule.wait(facts(pair: 0, all: 500, known: true), nowMillis: now) == 0)
        #expect(rule.wait(facts(pair: 4, all: 500, known: true), nowMillis: now) == 1)
        // The longer of the two waits applies to an unknown address.
        #expect(rule.wait(facts(pair: 8, all: 22, allAgo: 0), nowMillis: now) == 16)
        #expect(rule.wait(facts(pair: 4, all: 25, allAgo: 0), nowMillis: now) == 16)
    }
}

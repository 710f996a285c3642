/// When a sign-in may be tried again (OWASP ASVS 2.2.1): failures slow an attacker down with
/// growing delays, counted per username *and* client address, so that nobody can lock the owner of
/// an account out by failing on purpose from elsewhere.
///
/// - From one address, the first `freeFailures` failures of a username cost nothing; after that each
///   further attempt waits 1 s, 2 s, 4 s, … after the last failure, at most `maxDelaySeconds`.
/// - When one username fails from many addresses (`usernameAlarm` failures in the window, all
///   addresses together), addresses it has never signed in from also wait, growing the same way with
///   the failures beyond the alarm. An address the user has signed in from before (their office, their
///   home) is judged by its own failures only: the owner is not locked out by someone else's.
/// - Failures older than `windowSeconds` no longer count. A refused attempt is not a failure: its
///   password is not even checked, and waiting does not grow by retrying early.
public struct SignInThrottle: Sendable, Equatable {
    public var freeFailures = 3
    public var usernameAlarm = 20
    public var maxDelaySeconds: Int64 = 15 * 60
    public var windowSeconds: Int64 = 15 * 60

    public init() {}

    /// What the database knows when an attempt arrives (times in milliseconds).
    public struct Facts: Sendable {
        /// Failures of this username from this address within the window, and the last one.
        public var pairFailures: Int
        public var lastPairFailure: Int64?
        /// Failures of this username from every address within the window, and the last one.
        public var usernameFailures: Int
        public var lastUsernameFailure: Int64?
        /// The user has signed in from this address before.
        public var knownAddress: Bool

        public init(pairFailures: Int, lastPairFailure: Int64?, usernameFailures: Int, lastUsernameFailure: Int64?, knownAddress: Bool) {
            self.pairFailures = pairFailures; self.lastPairFailure = lastPairFailure
            self.usernameFailures = usernameFailures; self.lastUsernameFailure = lastUsernameFailure
            self.knownAddress = knownAddress
        }
    }

    /// The delay after `failures` failures, `beyond` of them free: 0, then 1 s, 2 s, 4 s, … capped.
    public func delaySeconds(failures: Int, free: Int) -> Int64 {
        let over = failures - free
        guard over > 0 else { return 0 }
        // 2^(over−1), without overflowing for a long attack.
        return over > 20 ? maxDelaySeconds : min(maxDelaySeconds, Int64(1) << (over - 1))
    }

    /// Seconds to wait before this attempt may be checked; 0 when it may be checked now.
    public func wait(_ facts: Facts, nowMillis now: Int64) -> Int64 {
        func remaining(_ delay: Int64, after last: Int64?) -> Int64 {
            guard delay > 0, let last else { return 0 }
            let until = last + delay * 1000
            return until > now ? (until - now + 999) / 1000 : 0
        }
        var wait = remaining(delaySeconds(failures: facts.pairFailures, free: freeFailures), after: facts.lastPairFailure)
        if !facts.knownAddress {
            wait = max(wait, remaining(delaySeconds(failures: facts.usernameFailures, free: usernameAlarm), after: facts.lastUsernameFailure))
        }
        return wait
    }
}

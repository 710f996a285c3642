/// Remembers the codes one verifier has accepted, until they expire (防重放).
///
/// A code is a bearer token for two minutes; a screenshot shown twice at the same gate is
/// refused the second time. Keyed by the code's random 64-bit nonce (a chance collision
/// between two genuine codes within two minutes is about 2⁻⁶⁴ per pair).
///
/// Memory is bounded by the codes still live: expired entries are swept every `sweepInterval`
/// seconds of verifier time and whenever the table doubles, so sweeping stays amortised O(1).
public struct ReplayGuard: Sendable {
    private var seen: [UInt64: UInt64] = [:]  // nonce → expires-at
    private var nextSweep: UInt64 = 0
    private var sweepAtCount: Int
    private let minimumSweepCount: Int
    public let sweepInterval: UInt64

    public init(sweepInterval: UInt64 = 60, minimumSweepCount: Int = 1024) {
        self.sweepInterval = sweepInterval
        self.minimumSweepCount = minimumSweepCount
        self.sweepAtCount = minimumSweepCount
    }

    /// Codes currently remembered.
    public var count: Int { seen.count }

    /// Records the code and returns true if its nonce is new (or its earlier sighting has expired);
    /// returns false for a replay.
    public mutating func admit(nonce: UInt64, expiresAt: UInt64, now: UInt64) -> Bool {
        if now >= nextSweep || seen.count >= sweepAtCount { evictExpired(now: now) }
        if let earlier = seen[nonce], earlier > now { return false }
        seen[nonce] = expiresAt
        return true
    }

    /// Forgets every code expired at `now`.
    public mutating func evictExpired(now: UInt64) {
        seen = seen.filter { $0.value > now }
        sweepAtCount = max(minimumSweepCount, seen.count * 2)
        nextSweep = now &+ sweepInterval
    }
}

// Talent-code micro benchmark: raw swift-crypto Ed25519 sign/verify on a fixed 100-byte message
// against TalentCodeSigner.issue and TalentCodeVerifier.verify, in one run.
//
//     swift run -c release --scratch-path .build-tc code-bench [seconds-per-sample] [rounds]
//
// Samples are interleaved round by round and the best rate of each kind is kept, so a burst
// of load from another process on the machine lowers all kinds alike or is discarded.
import Crypto
import TalentCode

let args = CommandLine.arguments
let secondsPerSample = args.count > 1 ? Double(args[1]) ?? 0.5 : 0.5
let rounds = args.count > 2 ? Int(args[2]) ?? 5 : 5

let now: UInt64 = 1_767_225_600
let message = (0 ..< 100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
let rawKey = Curve25519.Signing.PrivateKey()
let rawPublic = rawKey.publicKey
let rawSignature = try rawKey.signature(for: message)

let ring = try KeyRing.generate(issuer: "500000", kid: "cq-2026-01", now: now)
let holder = try CodeHolder(talentID: .random(), tier: .b, cardNumber: "CQ2026B00123",
                            entitlements: [.medicalGreenChannel, .airportVIPLane, .housing])
let verifier = TalentCodeVerifier(trusted: [
    try TrustedIssuer(cityCode: "500000", displayName: "重庆市", keys: ring.jwkSet(now: now)),
])
let token = try TalentCodeSigner.issue(holder, ring: ring, now: now)
let revocations = try RevocationList(issuer: "500000", sequence: 1, issuedAt: now, nextUpdate: now + 86_400,
                                     cardNumbers: Set((0 ..< 10_000).map { "CQ2026X\($0)" }))
let pool = try (0 ..< 4096).map { _ in try TalentCodeSigner.issue(holder, ring: ring, now: now) }

/// Runs `body` in batches until `secondsPerSample` have passed; returns operations per second.
func rate(_ body: () throws -> Int) rethrows -> (perSecond: Double, sink: Int) {
    let clock = ContinuousClock()
    let start = clock.now
    var ops = 0, sink = 0
    let budget = Duration.milliseconds(Int64(secondsPerSample * 1000))
    repeat {
        for _ in 0 ..< 64 { sink &+= try body() }
        ops += 64
    } while clock.now - start < budget
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (Double(ops) / seconds, sink)
}

var best: [String: Double] = [:]
var sink = 0
var poolIndex = 0
var guardian = ReplayGuard()
let kinds: [(String, () throws -> Int)] = [
    ("raw sign", { try rawKey.signature(for: message).count }),
    ("issue", { try TalentCodeSigner.issue(holder, ring: ring, now: now).utf8.count }),
    ("raw verify", { rawPublic.isValidSignature(rawSignature, for: message) ? 1 : 0 }),
    ("verify", { verifier.verify(token, now: now + 1).isValid ? 1 : 0 }),
    ("verify (pool of codes)", {
        if poolIndex == pool.count { poolIndex = 0 }
        defer { poolIndex += 1 }
        return verifier.verify(pool[poolIndex], now: now + 1).isValid ? 1 : 0
    }),
    ("verify+revocation+replay", {
        // Distinct codes so the replay guard admits them; a fresh guard per pass over the pool.
        if poolIndex == pool.count { poolIndex = 0; guardian = ReplayGuard() }
        defer { poolIndex += 1 }
        return verifier.verify(pool[poolIndex], now: now + 1, revocations: revocations, replayGuard: &guardian).isValid ? 1 : 0
    }),
]
for _ in 0 ..< rounds {
    for (name, body) in kinds {
        let r = try rate(body)
        best[name] = max(best[name] ?? 0, r.perSecond)
        sink &+= r.sink
    }
}

@MainActor func show(_ name: String) -> String {
    let v = best[name]!
    return name.padding(toLength: 26, withPad: " ", startingAt: 0) + String(Int(v.rounded())) + " /s"
}
print("talent-code bench: best of \(rounds) rounds × \(secondsPerSample) s per kind (checksum \(sink))")
for (name, _) in kinds { print("  " + show(name)) }
@MainActor func ratio(_ a: String, _ b: String) -> String {
    let r = best[a]! / best[b]!
    return "  \(a) / \(b)".padding(toLength: 48, withPad: " ", startingAt: 0)
        + "\(Int((r * 1000).rounded()) / 10).\(Int((r * 1000).rounded()) % 10)%" + (r >= 0.8 ? "  ok (≥ 80%)" : "  BELOW 80%")
}
print(ratio("issue", "raw sign"))
print(ratio("verify", "raw verify"))
print(ratio("verify+revocation+replay", "raw verify"))
print("  token length              \(token.utf8.count) characters")

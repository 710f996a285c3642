@testable import TalentCode

/// 2026-01-01 00:00:00 UTC.
let t0: UInt64 = 1_767_225_600

let chongqing = "500000"
let chengdu = "510100"

func chongqingRing(now: UInt64 = t0) throws -> KeyRing {
    try KeyRing.generate(issuer: chongqing, kid: "cq-2026-01", now: now)
}

func chengduRing(now: UInt64 = t0) throws -> KeyRing {
    try KeyRing.generate(issuer: chengdu, kid: "cd-2026-01", now: now)
}

func sampleHolder(tier: Tier = .b, card: String = "CQ2026B00123") throws -> CodeHolder {
    try CodeHolder(talentID: TalentID(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210), tier: tier,
                   cardNumber: card, entitlements: [.medicalGreenChannel, .airportVIPLane, .childrenSchooling])
}

func verifier(_ rings: [(KeyRing, String)], now: UInt64 = t0) throws -> TalentCodeVerifier {
    TalentCodeVerifier(trusted: try rings.map { ring, name in
        try TrustedIssuer(cityCode: ring.issuer, displayName: name, keys: ring.jwkSet(now: now))
    })
}

func claims(issuer: String = chongqing, kid: String = "cq-2026-01", holder: CodeHolder? = nil,
            issuedAt: UInt64 = t0, expiresAt: UInt64 = t0 + 120, nonce: UInt64 = 42) throws -> TalentClaims {
    try TalentClaims(issuer: issuer, keyID: kid, holder: holder ?? sampleHolder(),
                     issuedAt: issuedAt, expiresAt: expiresAt, nonce: nonce)
}

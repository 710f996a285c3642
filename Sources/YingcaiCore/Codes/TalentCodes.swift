import Foundation
import Identity
import Logging
import NIOConcurrencyHelpers
import SQLKit
import Storage
import TalentCode

/// 金凤凰人才码: issuing a talent's dynamic code, verifying codes online for verifiers (logged as
/// a service event of the talent), publishing the keys and the signed revocation list, and the
/// partner cities whose codes are trusted here (成渝互认).
public struct TalentCodes: Sendable {
    let db: Database
    let talents: TalentRegistry
    let cards: Cards
    public let keys: CodeKeys
    let clock: Clockwork
    /// This city: its code (行政区划代码) and name as shown on a verified code.
    public let cityCode: String
    public let cityName: String
    private let cache = NIOLockedValueBox<VerifierCache?>(nil)

    struct VerifierCache {
        let stamp: String
        let verifier: TalentCodeVerifier
        let revocations: RevocationStore
    }

    public init(db: Database, talents: TalentRegistry, cards: Cards, keys: CodeKeys, clock: Clockwork,
                cityCode: String = "500000", cityName: String = "重庆市") {
        self.db = db
        self.talents = talents
        self.cards = cards
        self.keys = keys
        self.clock = clock
        self.cityCode = cityCode
        self.cityName = cityName
    }

    var nowSeconds: UInt64 { UInt64(max(0, clock.nowMillis() / 1000)) }

    // MARK: Entitlements

    /// What each tier's code entitles its holder to (人才服务权益), best tier first.
    public static func entitlements(of tier: Tier) -> Entitlements {
        switch tier {
        case .A, .B:
            return [.medicalGreenChannel, .airportVIPLane, .childrenSchooling, .housing, .transport, .cultureTourism,
                    .publicServices, .spouseEmployment]
        case .C: return [.medicalGreenChannel, .childrenSchooling, .housing, .transport, .cultureTourism, .publicServices]
        case .D: return [.housing, .transport, .cultureTourism, .publicServices]
        case .E: return [.cultureTourism, .publicServices]
        }
    }

    // MARK: Issue

    public struct IssuedCode: Sendable {
        public let token: String
        public let issuedAt: UInt64
        public let expiresAt: UInt64
        public let refreshAfter: UInt64
        public let tier: Tier
        public let cardNumber: String?
    }

    /// The signed-in talent's code, valid for two minutes. Refused (409) without a current
    /// certification, or while a card of tier A–C is not active.
    public func issue(for principal: Principal) async throws -> IssuedCode {
        let (talentId, tier, cardNumber) = try await entitlement(of: principal)
        let subject = try await codeSubject(of: talentId)
        let now = nowSeconds
        let holder = try CodeHolder(talentID: subject, tier: TalentCode.Tier(letter: tier.rawValue)!, cardNumber: cardNumber,
                                    entitlements: Self.entitlements(of: tier))
        let token = try TalentCodeSigner.issue(holder, ring: keys.ring, now: now)
        return IssuedCode(token: token, issuedAt: now, expiresAt: now + TalentCodeSigner.lifetime,
                          refreshAfter: now + TalentCodeSigner.refreshInterval, tier: tier,
                          cardNumber: cardNumber.isEmpty ? nil : cardNumber)
    }

    /// Whether the talent may show a code now, without signing one (the portal asks before it
    /// shows the image); throws the same 409 as `issue` when not.
    public func checkCanShowCode(_ principal: Principal) async throws {
        _ = try await entitlement(of: principal)
    }

    /// The talent, their current tier and their active card's number (empty for tiers D–E).
    func entitlement(of principal: Principal) async throws -> (talentId: Int64, tier: Tier, cardNumber: String) {
        guard principal.has(.talent), let talentId = principal.talentId else {
            throw CoreError.notFound("talent record of user \(principal.userId)")
        }
        let talent = try await talents.talent(talentId, by: principal)
        guard let tier = talent.tier else {
            throw CoreError.conflict("尚未认定人才层次或认定已过期，暂不能出示人才码 / no current certification: no talent code can be shown")
        }
        var cardNumber = ""
        if CardIssuing.cardTiers.contains(tier) {
            guard let card = try await db.read({ db in try await cards.issuing.current(ofTalent: talentId, on: db) }) else {
                throw CoreError.conflict("英才卡尚未发放，暂不能出示人才码 / the talent card has not been issued yet")
            }
            guard card.status == .active else {
                throw CoreError.conflict("英才卡\(card.status.chinese)，不能出示人才码 / the talent card is \(card.status.rawValue): no talent code")
            }
            cardNumber = card.number
        }
        return (talentId, tier, cardNumber)
    }

    /// The talent's pseudonymous code id: 16 random bytes chosen once and kept.
    func codeSubject(of talentId: Int64) async throws -> TalentID {
        let stored = try await db.read { db in
            try await db.raw("SELECT code_subject FROM talents WHERE id = \(bind: talentId)").first()?
                .decode(column: "code_subject", as: Data?.self)
        }
        if let stored, let id = TalentID(bytes: Array(stored)) { return id }
        let fresh = Data(TalentID.random().bytes)
        let row = try await db.transaction { db in
            try await db.raw("""
                UPDATE talents SET code_subject = COALESCE(code_subject, \(bind: fresh)) WHERE id = \(bind: talentId)
                RETURNING code_subject
                """).first()!
        }
        return TalentID(bytes: Array(try row.decode(column: "code_subject", as: Data.self)))!
    }

    // MARK: Publish

    /// The public keys to publish now (`/.well-known/yingcai-keys.json`): the active key and the
    /// retired keys still within their day.
    public func publishedKeys() -> JWKSet { keys.ring.jwkSet(now: nowSeconds) }

    /// This city's signed revocation list, valid for a day; its sequence is the latest card change.
    public func signedRevocationList() async throws -> String {
        let (sequence, numbers) = try await cards.revokedNumbers()
        let now = nowSeconds
        let list = try RevocationList(issuer: cityCode, sequence: sequence, issuedAt: now, nextUpdate: now + 86_400, cardNumbers: numbers)
        return try list.signed(by: keys.ring)
    }

    // MARK: Partner cities

    public struct Partner: Sendable {
        public let cityCode: String
        public let name: String
        public let keys: JWKSet
        public let revocations: String?
        public let loadedAt: Int64
    }

    public func partners() async throws -> [Partner] {
        let rows = try await db.read { db in
            try await db.raw("SELECT city_code, name, jwks, revocations, loaded_at FROM code_partners ORDER BY city_code").all()
        }
        return try rows.map { row in
            Partner(cityCode: try row.decode(column: "city_code", as: String.self),
                    name: try row.decode(column: "name", as: String.self),
                    keys: try JWKSet.parse(try row.decode(column: "jwks", as: String.self)),
                    revocations: try row.decode(column: "revocations", as: String?.self),
                    loadedAt: try row.decode(column: "loaded_at", as: Int64.self))
        }
    }

    /// Replaces the trusted partner cities with those of a partner file (an admin's), all or
    /// nothing: `{"partners": [{"cityCode", "name", "keys": {"keys": [JWK…]}, "revocations"?: "YCRL1…"}]}`.
    /// `principal` nil: the operator at the command line.
    public func loadPartners(_ data: Data, by principal: Principal?) async throws -> [Partner] {
        if let principal, !principal.has(.admin) { throw CoreError.forbidden("只有管理员可以设置互认城市 / only an admin sets partner cities") }
        let file: PartnerFile
        do { file = try PartnerFile.parse(String(decoding: data, as: UTF8.self)) } catch {
            let reason = if case .invalidPartnerFile(let r) = error { r } else { "\(error)" }
            throw CoreError.invalid("partners", "互认城市文件无效 / the partner file is not valid: \(reason)")
        }
        guard let entries = file.partners else { throw CoreError.invalid("partners", "须有 partners 数组 / a partners array is required") }
        var errors = FieldErrors()
        var checked: [(code: String, name: String, jwks: String, revocations: String?)] = []
        var seen = Set<String>()
        for (i, e) in entries.enumerated() {
            let field = "partners[\(i)]"
            guard let code = e.cityCode, !code.isEmpty, code.count <= 12, code.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                errors.add("\(field).cityCode", "须填写城市代码 / a city code is required"); continue
            }
            if code == cityCode { errors.add("\(field).cityCode", "不能把本市列为互认城市 / this city cannot be its own partner"); continue }
            if !seen.insert(code).inserted { errors.add("\(field).cityCode", "城市代码重复 / duplicate city code"); continue }
            guard let name = e.name?.trimmed, !name.isEmpty, name.count <= 50 else {
                errors.add("\(field).name", "须填写城市名称 / a city name is required"); continue
            }
            guard let keys = e.keys else {
                errors.add("\(field).keys", "须提供公钥集 {\"keys\": [...]} / a key set is required"); continue
            }
            let trusted: TrustedIssuer
            do {
                trusted = try TrustedIssuer(cityCode: code, displayName: name, keys: try keys.get())
            } catch {
                errors.add("\(field).keys", "公钥集无效：\(error) / the key set is not valid"); continue
            }
            if trusted.keys.keys.isEmpty { errors.add("\(field).keys", "公钥集为空 / the key set is empty"); continue }
            if let list = e.revocations {
                let verifier = TalentCodeVerifier(trusted: [trusted])
                switch verifier.verifyRevocationList(list) {
                case .success(let l) where l.issuer == code: break
                case .success: errors.add("\(field).revocations", "注销名单属于其他城市 / the list is another city's"); continue
                case .failure(let r): errors.add("\(field).revocations", "注销名单无效（\(r.rawValue)）/ the revocation list is not valid"); continue
                }
            }
            checked.append((code, name, trusted.keys.json, e.revocations))
        }
        try errors.throwIfAny()
        let now = clock.nowMillis()
        let accepted = checked
        try await db.transaction { db in
            try await db.raw("DELETE FROM code_partners").run()
            for p in accepted {
                try await db.raw("""
                    INSERT INTO code_partners (city_code, name, jwks, revocations, loaded_at, loaded_by)
                    VALUES (\(bind: p.code), \(bind: p.name), \(bind: p.jwks), \(bind: p.revocations), \(bind: now), \(bind: principal?.userId))
                    """).run()
            }
            try await AuditLog().record(on: db, at: now, actor: principal?.userId, action: "codes.partners", subject: "code_partners",
                                        id: accepted.count, detail: "cities=\(accepted.map(\.code).joined(separator: ","))")
        }
        cache.withLockedValue { $0 = nil }
        return try await partners()
    }

    // MARK: Verify

    public struct Check: Sendable {
        public let valid: Bool
        public let reason: RefusalReason?
        public let issuerCode: String?
        public let issuerName: String?
        public let talentName: String?
        public let tier: String?
        public let cardNumber: String?
        public let entitlements: Entitlements?
        public let expiresAt: UInt64?
    }

    /// Checks a code for a verifier (核验点) and logs the check. Own codes are also checked against
    /// the card's status now; partner codes against the partner's loaded revocation list. A code
    /// accepted once at a verifier is refused there as replayed until it expires.
    public func verify(_ token: String, by principal: Principal) async throws -> Check {
        guard principal.hasAny(.verifier, .admin) else {
            throw CoreError.forbidden("只有核验点可以验码 / only a verifier checks codes")
        }
        guard token.utf8.count <= 1024 else { throw CoreError.invalid("token", "人才码过长 / the token is too long") }
        let state = try await verifierState()
        let (checked, signedClaims) = state.verifier.inspect(token.trimmingCharacters(in: .whitespacesAndNewlines), now: nowSeconds,
                                                             revocations: state.revocations)
        let at = clock.nowMillis()
        return try await db.transaction { db in
            var result = checked
            var talentId: Int64?
            var talentName: String?
            // This city's code whose signature held: whose it is (for the log), and whether its card still stands.
            if let claims = signedClaims, claims.issuer == cityCode {
                let row = try await db.raw("""
                    SELECT t.id, t.name, (SELECT status FROM cards c WHERE c.talent_id = t.id AND c.number = \(bind: claims.cardNumber)) AS card_status
                    FROM talents t WHERE t.code_subject = \(bind: Data(claims.talentID.bytes))
                    """).first()
                talentId = try row?.decode(column: "id", as: Int64.self)
                talentName = try row?.decode(column: "name", as: String.self)
                let cardStatus = try row?.decode(column: "card_status", as: String?.self).flatMap(CardStatus.init(rawValue:))
                if result.isValid, talentId == nil || (!claims.cardNumber.isEmpty && (cardStatus == nil || cardStatus!.refusesCodes)) {
                    result = .refused(.revokedCard)
                }
            }
            if case .valid(let claims, _) = result {
                let fresh = try await db.raw("""
                    INSERT INTO code_nonces (verifier_id, issuer, nonce, expires_at)
                    VALUES (\(bind: principal.userId), \(bind: claims.issuer), \(bind: Int64(bitPattern: claims.nonce)), \(bind: Int64(claims.expiresAt)))
                    ON CONFLICT (verifier_id, issuer, nonce) DO NOTHING
                    RETURNING nonce
                    """).first()
                if fresh == nil { result = .refused(.replayed) }
            }
            let claims = signedClaims
            try await db.raw("""
                INSERT INTO code_verifications (at, verifier_id, verifier_org, talent_id, issuer, card_number, valid, reason)
                VALUES (\(bind: at), \(bind: principal.userId), \(bind: principal.org.rawValue), \(bind: talentId),
                        \(bind: claims?.issuer), \(bind: claims.map { $0.cardNumber.isEmpty ? nil : $0.cardNumber } ?? nil),
                        \(bind: result.isValid ? 1 : 0), \(bind: result.refusal?.rawValue))
                """).run()
            guard case .valid(let ok, let issuerName) = result else {
                return Check(valid: false, reason: result.refusal, issuerCode: nil, issuerName: nil, talentName: nil, tier: nil,
                             cardNumber: nil, entitlements: nil, expiresAt: nil)
            }
            return Check(valid: true, reason: nil, issuerCode: ok.issuer, issuerName: issuerName, talentName: talentName,
                         tier: ok.tier.letter, cardNumber: ok.cardNumber.isEmpty ? nil : ok.cardNumber,
                         entitlements: ok.entitlements, expiresAt: ok.expiresAt)
        }
    }

    /// The verifier over this city's published keys and the partners', rebuilt when either changes.
    func verifierState() async throws -> VerifierCache {
        let stamps = try await db.read { db in
            try await db.raw("SELECT city_code, loaded_at FROM code_partners ORDER BY city_code").all()
        }
        let now = nowSeconds
        let published = keys.ring.published(now: now)
        var stamp = published.map(\.kid).joined(separator: ",")
        for row in stamps {
            stamp += ";" + (try row.decode(column: "city_code", as: String.self)) + "@" + String(try row.decode(column: "loaded_at", as: Int64.self))
        }
        if let cached = cache.withLockedValue({ $0 }), cached.stamp == stamp { return cached }
        let partners = try await partners()
        var trusted = [try TrustedIssuer(cityCode: cityCode, displayName: cityName, keys: JWKSet(keys: published.map(\.publicJWK)))]
        for p in partners { trusted.append(try TrustedIssuer(cityCode: p.cityCode, displayName: p.name, keys: p.keys)) }
        let verifier = TalentCodeVerifier(trusted: trusted)
        var store = RevocationStore()
        for p in partners { if let text = p.revocations { _ = store.refresh(text, verifier: verifier, now: now) } }
        let built = VerifierCache(stamp: stamp, verifier: verifier, revocations: store)
        cache.withLockedValue { $0 = built }
        return built
    }

    // MARK: Service events

    public struct Verification: Sendable {
        public let id: Int64
        public let at: Int64
        public let verifierOrg: String
        public let valid: Bool
        public let reason: String?
        public let cardNumber: String?
    }

    /// The online verifications of a talent's codes, newest first (the talent's own, or staff who may see the talent).
    /// Paged by id: `after` is the last id of the previous page.
    public func verifications(ofTalent id: Int64, by principal: Principal, limit: Int = 50, after: Int64? = nil) async throws -> [Verification] {
        _ = try await talents.talent(id, by: principal)
        let rows = try await db.read { db in
            try await db.raw("""
                SELECT id, at, verifier_org, valid, reason, card_number FROM code_verifications
                WHERE talent_id = \(bind: id) AND id < \(bind: after ?? Int64.max) ORDER BY id DESC LIMIT \(unsafeRaw: String(max(1, min(limit, 500))))
                """).all()
        }
        return try rows.map { row in
            Verification(id: try row.decode(column: "id", as: Int64.self), at: try row.decode(column: "at", as: Int64.self),
                         verifierOrg: try row.decode(column: "verifier_org", as: String.self),
                         valid: try row.decode(column: "valid", as: Int.self) == 1,
                         reason: try row.decode(column: "reason", as: String?.self),
                         cardNumber: try row.decode(column: "card_number", as: String?.self))
        }
    }

    /// Forgets accepted codes that have expired (background work).
    public func pruneNonces() async throws {
        let cutoff = Int64(nowSeconds) - 60
        try await db.transaction { db in
            try await db.raw("DELETE FROM code_nonces WHERE expires_at < \(bind: cutoff)").run()
        }
    }
}

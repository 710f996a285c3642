import Identity
import SQLKit
import Storage
import WorkCalendar

/// 英才卡: one numbered card per talent of tiers A–C, issued with the certification and valid while
/// it is. Suspended, resumed, revoked by the talent office; renewed by a new certification.
public struct Card: Sendable, Equatable, Codable {
    public let id: Int64
    public let number: String
    public let talentId: Int64
    public let tier: Tier
    /// As read today: a card past `validUntil` is `expired` whatever was stored.
    public let status: CardStatus
    /// As stored: what the lifecycle moves from (never `expired`).
    public let storedStatus: CardStatus
    public let validFrom: LocalDate
    public let validUntil: LocalDate
    public let issuedAt: Int64
    public let updatedAt: Int64
    public let statusReason: String?
}

/// Issues and renews cards inside other use cases' transactions (a certification, an import).
struct CardIssuing: Sendable {
    let db: Database
    let clock: Clockwork
    let audit = AuditLog()

    /// Tiers whose talents hold a card.
    static let cardTiers: Set<Tier> = [.A, .B, .C]
    static let columns = "id, number, talent_id, tier, status, valid_from, valid_until, issued_at, updated_at, status_reason"

    func current(ofTalent id: Int64, on db: any SQLDatabase) async throws -> Card? {
        let row = try await db.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM cards WHERE talent_id = \(bind: id)
            ORDER BY CASE WHEN status = 'revoked' THEN 1 ELSE 0 END, id DESC LIMIT 1
            """).first()
        return try row.map(card(from:))
    }

    func card(from row: any SQLRow) throws -> Card {
        let stored = CardStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .revoked
        let until = try row.decode(column: "valid_until", as: String.self)
        return Card(id: try row.decode(column: "id", as: Int64.self),
                    number: try row.decode(column: "number", as: String.self),
                    talentId: try row.decode(column: "talent_id", as: Int64.self),
                    tier: Tier(rawValue: try row.decode(column: "tier", as: String.self)) ?? .C,
                    status: CardLifecycle.effective(stored: stored, validUntil: until, today: clock.today.description),
                    storedStatus: stored,
                    validFrom: LocalDate(try row.decode(column: "valid_from", as: String.self))!,
                    validUntil: LocalDate(until)!,
                    issuedAt: try row.decode(column: "issued_at", as: Int64.self),
                    updatedAt: try row.decode(column: "updated_at", as: Int64.self),
                    statusReason: try row.decode(column: "status_reason", as: String?.self))
    }

    // MARK: Issue with a certification

    /// Called in the certification's transaction. Tiers A–C: the current card is renewed to the
    /// new tier and validity (a suspended card stays suspended), or a new card is issued if there
    /// is none. Tiers D–E: a current card is revoked, since the tier no longer holds one.
    func afterCertification(talentId: Int64, tier: Tier, from: LocalDate, until: LocalDate, certificationId: Int64?,
                            actor: Int64?, on db: any SQLDatabase) async throws -> Card? {
        let now = clock.nowMillis()
        let stored = try await db.raw("""
            SELECT id, status FROM cards WHERE talent_id = \(bind: talentId) AND status <> 'revoked'
            """).first()
        if Self.cardTiers.contains(tier) {
            if let stored {
                let cardId = try stored.decode(column: "id", as: Int64.self)
                let status = try stored.decode(column: "status", as: String.self)
                try await db.raw("""
                    UPDATE cards SET tier = \(bind: tier.rawValue), valid_until = \(bind: until.description),
                        certification_id = \(bind: certificationId), updated_at = \(bind: now)
                    WHERE talent_id = \(bind: talentId) AND id = \(bind: cardId)
                    """).run()
                try await event(cardId, of: talentId, .renew, from: status, to: status, reason: "认定 \(tier.rawValue)", actor: actor, at: now, on: db)
            } else {
                let serial = try await allocateSerials(1, on: db)
                let number = CardNumber(year: clock.today.year, serial: serial)!.text
                let row = try await db.raw("""
                    INSERT INTO cards (number, talent_id, tier, status, valid_from, valid_until, certification_id, issued_at, updated_at)
                    VALUES (\(bind: number), \(bind: talentId), \(bind: tier.rawValue), 'active', \(bind: from.description),
                            \(bind: until.description), \(bind: certificationId), \(bind: now), \(bind: now))
                    RETURNING id
                    """).first()!
                let cardId = try row.decode(column: "id", as: Int64.self)
                try await event(cardId, of: talentId, nil, from: nil, to: "active", reason: "发卡 / issued", actor: actor, at: now, on: db)
                try await audit.record(on: db, at: now, actor: actor, action: "card.issue", subject: "card", id: cardId, detail: "talent=\(talentId)")
            }
        } else if let stored {
            let cardId = try stored.decode(column: "id", as: Int64.self)
            let status = try stored.decode(column: "status", as: String.self)
            let reason = "层次调整为 \(tier.rawValue)，不再持卡 / tier \(tier.rawValue) holds no card"
            try await db.raw("""
                UPDATE cards SET status = 'revoked', status_reason = \(bind: reason), updated_at = \(bind: now)
                WHERE talent_id = \(bind: talentId) AND id = \(bind: cardId)
                """).run()
            try await event(cardId, of: talentId, .revoke, from: status, to: "revoked", reason: reason, actor: actor, at: now, on: db)
        }
        return try await current(ofTalent: talentId, on: db)
    }

    /// Reserves `count` serials of this year; returns the first.
    func allocateSerials(_ count: Int, on db: any SQLDatabase) async throws -> Int {
        let row = try await db.raw("""
            INSERT INTO card_serials (year, last_serial) VALUES (\(bind: clock.today.year), \(bind: count))
            ON CONFLICT (year) DO UPDATE SET last_serial = card_serials.last_serial + \(bind: count)
            RETURNING last_serial
            """).first()!
        return Int(try row.decode(column: "last_serial", as: Int64.self)) - count + 1
    }

    func event(_ cardId: Int64, of talentId: Int64, _ action: CardAction?, from: String?, to: String, reason: String?, actor: Int64?, at: Int64,
               on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO card_events (card_id, talent_id, action, from_status, to_status, reason, actor, at)
            VALUES (\(bind: cardId), \(bind: talentId), \(bind: action?.rawValue ?? "issue"), \(bind: from), \(bind: to), \(bind: reason), \(bind: actor), \(bind: at))
            """).run()
    }

    /// Issues cards to every talent with a current tier A–C and no card (after a bulk import).
    /// Returns how many were issued.
    @discardableResult
    func issueMissing(actor: Int64?) async throws -> Int {
        let today = clock.today.description
        return try await db.transaction { db in
            let rows = try await db.raw("""
                SELECT t.id, t.tier, t.tier_valid_until,
                       (SELECT max(c.id) FROM certifications c WHERE c.talent_id = t.id) AS certification_id
                FROM talents t
                WHERE t.tier IN ('A', 'B', 'C') AND t.tier_valid_until >= \(bind: today)
                  AND NOT EXISTS (SELECT 1 FROM cards k WHERE k.talent_id = t.id AND k.status <> 'revoked')
                ORDER BY t.id
                """).all()
            guard !rows.isEmpty else { return 0 }
            var serial = try await allocateSerials(rows.count, on: db)
            let now = clock.nowMillis()
            let year = clock.today.year
            for chunk in stride(from: 0, to: rows.count, by: 500) {
                var values: [[any SQLExpression]] = []
                for row in rows[chunk..<min(chunk + 500, rows.count)] {
                    values.append([
                        SQLBind(CardNumber(year: year, serial: serial)!.text),
                        SQLBind(try row.decode(column: "id", as: Int64.self)),
                        SQLBind(try row.decode(column: "tier", as: String.self)), SQLBind("active"), SQLBind(today),
                        SQLBind(try row.decode(column: "tier_valid_until", as: String.self)),
                        SQLBind(try row.decode(column: "certification_id", as: Int64?.self)), SQLBind(now), SQLBind(now),
                    ])
                    serial += 1
                }
                let issued = try await db.insert(into: "cards")
                    .columns("number", "talent_id", "tier", "status", "valid_from", "valid_until", "certification_id", "issued_at", "updated_at")
                    .rows(values).returning("id", "talent_id").all()
                    .map { (card: try $0.decode(column: "id", as: Int64.self), talent: try $0.decode(column: "talent_id", as: Int64.self)) }
                try await db.insert(into: "card_events")
                    .columns("card_id", "talent_id", "action", "from_status", "to_status", "reason", "actor", "at")
                    .rows(issued.map { [SQLBind($0.card), SQLBind($0.talent), SQLBind("issue"), SQLLiteral.null, SQLBind("active"), SQLBind("批量发卡 / issued in bulk"),
                                     SQLBind(actor), SQLBind(now)] })
                    .run()
            }
            return rows.count
        }
    }

}

public struct Cards: Sendable {
    let db: Database
    let talents: TalentRegistry
    let issuing: CardIssuing
    let clock: Clockwork
    let audit = AuditLog()

    public init(db: Database, talents: TalentRegistry, clock: Clockwork) {
        self.db = db
        self.talents = talents
        self.clock = clock
        self.issuing = CardIssuing(db: db, clock: clock)
    }

    // MARK: Read

    /// The talent's card: the one not revoked, else the latest revoked one; nil if never issued.
    /// Issues cards to every talent with a current tier A–C and no card; returns how many.
    @discardableResult
    public func issueMissing(actor: Int64?) async throws -> Int { try await issuing.issueMissing(actor: actor) }

    public func card(ofTalent id: Int64, by principal: Principal) async throws -> Card? {
        _ = try await talents.talent(id, by: principal)
        return try await db.read { db in try await issuing.current(ofTalent: id, on: db) }
    }

    // MARK: Change by the talent office

    /// Suspends, resumes, revokes or renews the talent's current card. Only an admin (人才办).
    /// Renewing a revoked or missing card issues a new one if the certification allows it.
    public func act(_ action: CardAction, talentId: Int64, reason: String?, by principal: Principal) async throws -> Card {
        let talent = try await talents.talent(talentId, by: principal)
        guard principal.has(.admin) else {
            throw CoreError.forbidden("只有管理员（人才办）可以办理英才卡 / only an admin of the talent office manages cards")
        }
        let reason = reason?.trimmed ?? ""
        if [.suspend, .revoke].contains(action), reason.isEmpty || reason.count > 200 {
            throw CoreError.invalid("reason", "须填写原因（至多 200 字）/ a reason of up to 200 characters is required")
        }
        let now = clock.nowMillis()
        return try await db.transaction { db in
            let current = try await db.raw("""
                SELECT \(unsafeRaw: CardIssuing.columns) FROM cards WHERE talent_id = \(bind: talentId) AND status <> 'revoked'
                \(unsafeRaw: self.db.dialect == .postgres ? "FOR UPDATE" : "")
                """).first().map(issuing.card(from:))
            if action == .renew {
                guard let tier = talent.tier, let until = talent.tierValidUntil, CardIssuing.cardTiers.contains(tier) else {
                    throw CoreError.conflict("该人才当前没有 A–C 层次的有效认定，不能发卡 / no valid certification of tier A–C to issue a card on")
                }
                if current == nil {
                    let certification = try await db.raw("SELECT max(id) AS id FROM certifications WHERE talent_id = \(bind: talentId)")
                        .first()!.decode(column: "id", as: Int64?.self)
                    return try await issuing.afterCertification(talentId: talentId, tier: tier, from: clock.today, until: until,
                                                                certificationId: certification, actor: principal.userId, on: db)!
                }
            }
            guard let current else { throw CoreError.notFound("card of talent \(talentId)") }
            let stored = current.storedStatus
            guard let next = CardLifecycle.apply(action, to: stored) else {
                throw CoreError.conflict("英才卡当前状态为「\(current.status.chinese)」，不能\(Self.chinese(action)) / a card that is \(current.status.rawValue) cannot be \(action.rawValue)d")
            }
            var until = current.validUntil
            if action == .renew {
                guard let certified = talent.tierValidUntil, certified > current.validUntil || talent.tier != current.tier else {
                    throw CoreError.conflict("英才卡已与当前认定一致，无需续期 / the card already matches the current certification")
                }
                until = certified
            }
            try await db.raw("""
                UPDATE cards SET status = \(bind: next.rawValue), status_reason = \(bind: reason.isEmpty ? nil : reason),
                    valid_until = \(bind: until.description), tier = \(bind: (talent.tier ?? current.tier).rawValue),
                    updated_at = \(bind: now)
                WHERE talent_id = \(bind: talentId) AND id = \(bind: current.id)
                """).run()
            try await issuing.event(current.id, of: talentId, action, from: stored.rawValue, to: next.rawValue, reason: reason.isEmpty ? nil : reason,
                            actor: principal.userId, at: now, on: db)
            try await audit.record(on: db, at: now, actor: principal.userId, action: "card.\(action.rawValue)", subject: "card",
                                   id: current.id, detail: "talent=\(talentId)")
            return try await issuing.current(ofTalent: talentId, on: db)!
        }
    }

    static func chinese(_ action: CardAction) -> String {
        switch action {
        case .suspend: return "暂停"
        case .resume: return "恢复"
        case .revoke: return "注销"
        case .renew: return "续期"
        }
    }

    // MARK: Revocation list

    /// Card numbers whose codes are refused (suspended, or revoked within `window` days: after
    /// that no code of theirs can still be live, since codes live two minutes and none are issued
    /// to a revoked card), and the sequence: the id of the latest card event.
    public func revokedNumbers(windowDays: Int = 30) async throws -> (sequence: UInt64, numbers: Set<String>) {
        let since = clock.nowMillis() - Int64(windowDays) * 86_400_000
        return try await db.read { db in
            let seq = try await db.raw("SELECT max(id) AS id FROM card_events").first()!.decode(column: "id", as: Int64?.self) ?? 0
            let rows = try await db.raw("""
                SELECT number FROM cards WHERE status = 'suspended' OR (status = 'revoked' AND updated_at >= \(bind: since))
                """).all()
            return (UInt64(seq), Set(try rows.map { try $0.decode(column: "number", as: String.self) }))
        }
    }

    /// Cards by effective status, for figures.
    public func countsByStatus() async throws -> [CardStatus: Int] {
        let today = clock.today.description
        return try await db.read { db in
            let rows = try await db.raw("""
                SELECT CASE WHEN status <> 'revoked' AND valid_until < \(bind: today) THEN 'expired' ELSE status END AS s, count(*) AS n
                FROM cards GROUP BY 1
                """).all()
            var out: [CardStatus: Int] = [:]
            for row in rows {
                if let s = CardStatus(rawValue: try row.decode(column: "s", as: String.self)) {
                    out[s, default: 0] += Int(try row.decode(column: "n", as: Int64.self))
                }
            }
            return out
        }
    }
}

import Foundation
import Identity
import Organisations
import PersonalData
import SQLKit
import Storage
import WorkCalendar

/// 人才库: registering, finding, changing and certifying talents, within the caller's part of the tree.
public struct TalentRegistry: Sendable {
    let db: Database
    let orgs: OrgDirectory
    let vault: PersonalDataVault
    let clock: Clockwork
    let audit: AuditLog
    /// Runs in the transaction of a certification or a change of the talent (the policy engine's
    /// re-evaluation of that talent).
    var afterChange: (@Sendable (Int64, any SQLDatabase) async throws -> Void)?

    public init(db: Database, orgs: OrgDirectory, vault: PersonalDataVault, clock: Clockwork) {
        self.db = db
        self.orgs = orgs
        self.vault = vault
        self.clock = clock
        self.audit = AuditLog()
    }

    func checker() async throws -> TalentChecker {
        TalentChecker(vault: vault, tree: try await orgs.tree(), today: clock.today)
    }

    // MARK: Register

    /// Registers a talent. Staff register talents of their area; a talent user registers their own
    /// record once, linked to their account. The same ID number cannot be registered twice.
    public func register(_ input: TalentInput, by principal: Principal, on db: any SQLDatabase) async throws -> Talent {
        let checked = try await checker().check(input).get()
        let tree = try await orgs.tree()
        var userId: Int64?
        if principal.isTalentOnly {
            guard principal.talentId == nil else {
                throw TalentKeys.alreadyLinked
            }
            userId = principal.userId
        } else {
            guard principal.hasAny(.admin, .butler) else {
                throw CoreError.forbidden("只有管理员或人才管家可以登记人才 / only an admin or a butler registers talents")
            }
            guard tree.isWithin(OrgCode(checked.districtCode)!, tree.area(of: principal.org)) else {
                throw CoreError.invalid("districtCode", "只能登记本辖区的人才 / you register talents of your own area only")
            }
        }
        let now = clock.nowMillis()
        do {
            let row = try await db.insert(into: "talents")
                .columns(TalentRow.insertColumns)
                .values(TalentRow.insertValues(checked, userId: userId, now: now))
                .returning(SQLRaw(TalentRow.columns))
                .first()!
            let talent = try TalentRow.talent(from: row, today: clock.today)
            try await TalentKeys.claim(checked.idHash, for: talent.id, on: db)
            if let userId { try await TalentKeys.link(userId, to: talent.id, on: db) }
            try await writeCategories(talent.id, checked.categories, on: db)
            try await audit.record(on: db, at: now, actor: principal.userId, action: "talent.register",
                                   subject: "talent", id: talent.id, detail: "district=\(talent.districtCode)")
            return talent
        } catch where Database.isUniqueViolation(error) {
            throw CoreError.conflict("该证件号码已登记 / this identity number is already registered")
        }
    }

    func writeCategories(_ talentId: Int64, _ categories: [String], on db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM talent_categories WHERE talent_id = \(bind: talentId)").run()
        guard !categories.isEmpty else { return }
        try await db.insert(into: "talent_categories").columns("talent_id", "category")
            .rows(categories.map { c -> [any SQLExpression] in [SQLBind(talentId), SQLBind(c)] }).run()
    }

    // MARK: Read

    /// One talent, if the caller may see it; otherwise `notFound`, as if it did not exist.
    public func talent(_ id: Int64, by principal: Principal) async throws -> Talent {
        let today = clock.today
        let row = try await db.read { db in
            try await db.raw("SELECT \(unsafeRaw: TalentRow.columns) FROM talents WHERE id = \(bind: id)").first()
        }
        guard let row else { throw CoreError.notFound("talent \(id)") }
        let talent = try TalentRow.talent(from: row, today: today)
        try await ensureVisible(talent, to: principal)
        return talent
    }

    func ensureVisible(_ talent: Talent, to principal: Principal) async throws {
        if principal.has(.talent), principal.talentId == talent.id { return }
        guard principal.roles.contains(where: \.readsRegistry) else { throw CoreError.notFound("talent \(talent.id)") }
        let tree = try await orgs.tree()
        guard let district = OrgCode(talent.districtCode), tree.isWithin(district, tree.area(of: principal.org)) else {
            throw CoreError.notFound("talent \(talent.id)")
        }
    }

    /// The unmasked ID and phone numbers, for an admin, recorded in the audit log.
    public func reveal(_ id: Int64, by principal: Principal, requestId: String?) async throws -> (idNumber: String, phone: String?) {
        _ = try await talent(id, by: principal)
        guard principal.has(.admin) else {
            throw CoreError.forbidden("只有管理员可以查看完整证件号码 / only an admin may reveal identity numbers")
        }
        let row = try await db.read { db in
            try await db.raw("SELECT id_sealed, phone_sealed FROM talents WHERE id = \(bind: id)").first()
        }
        guard let row else { throw CoreError.notFound("talent \(id)") }
        let idNumber = try vault.open(Array(try row.decode(column: "id_sealed", as: Data.self)), field: .idNumber)
        let phone = try row.decode(column: "phone_sealed", as: Data?.self).map { try vault.open(Array($0), field: .phone) }
        try await db.transaction { db in
            try await audit.record(on: db, at: clock.nowMillis(), actor: principal.userId, action: "talent.reveal",
                                   subject: "talent", id: id, detail: "idNumber,phone", requestId: requestId)
        }
        return (idNumber, phone)
    }

    // MARK: Change

    /// Changes the given fields. A talent may change their own contact and work details; staff of
    /// the area may change everything but the identity number, which only an admin corrects.
    public func update(_ id: Int64, _ patch: TalentInput, by principal: Principal) async throws -> Talent {
        let current = try await talent(id, by: principal)
        let selfService = principal.talentId == id && principal.isTalentOnly
        if !selfService && !principal.hasAny(.admin, .butler) {
            throw CoreError.forbidden("无权修改人才信息 / you may not change talent records")
        }
        if selfService, patch.name != nil || patch.idNumber != nil || patch.idType != nil || patch.categories != nil || patch.honors != nil {
            throw CoreError.forbidden("姓名、证件、人才类别和荣誉由管理员修改 / name, identity, categories and honours are changed by an admin")
        }
        if patch.idNumber != nil || patch.idType != nil, !principal.has(.admin) {
            throw CoreError.forbidden("只有管理员可以更正证件号码 / only an admin corrects identity numbers")
        }
        // Check the merged record as a whole; untouched personal fields are kept sealed as stored.
        let stored = try await db.read { db in
            try await db.raw("SELECT id_sealed, phone_sealed, nationality FROM talents WHERE id = \(bind: id)").first()!
        }
        let storedID = try vault.open(Array(try stored.decode(column: "id_sealed", as: Data.self)), field: .idNumber)
        let storedPhone = try stored.decode(column: "phone_sealed", as: Data?.self).map { try vault.open(Array($0), field: .phone) }
        let merged = TalentInput(
            name: patch.name ?? current.name, idType: patch.idType ?? current.idType.rawValue,
            idNumber: patch.idNumber ?? storedID,
            nationality: try patch.nationality ?? stored.decode(column: "nationality", as: String?.self),
            phone: patch.phone ?? storedPhone, email: patch.email ?? current.email,
            employer: patch.employer ?? current.employer, districtCode: patch.districtCode ?? current.districtCode,
            education: patch.education ?? current.education.rawValue, title: patch.title ?? current.title,
            field: patch.field ?? current.field, categories: patch.categories ?? current.categories,
            honors: patch.honors ?? current.honors,
            arrivalDate: patch.arrivalDate ?? current.arrivalDate?.description)
        let checked = try await checker().check(merged).get()
        if !selfService, patch.districtCode != nil {
            let tree = try await orgs.tree()
            guard tree.isWithin(OrgCode(checked.districtCode)!, tree.area(of: principal.org)) else {
                throw CoreError.invalid("districtCode", "只能改为本辖区 / only to a district of your area")
            }
        }
        let now = clock.nowMillis()
        let today = clock.today
        do {
            return try await db.transaction { db in
                // The number the talent holds now, under the row's lock: a correction made meanwhile
                // has released the number read before the transaction.
                let held = try await db.raw("""
                    SELECT id_hash FROM talents WHERE id = \(bind: id)\(unsafeRaw: self.db.dialect == .postgres ? " FOR UPDATE" : "")
                    """).first()!.decode(column: "id_hash", as: Data.self)
                let row = try await db.raw("""
                    UPDATE talents SET name = \(bind: checked.name), id_type = \(bind: checked.idType.rawValue),
                        id_hash = \(bind: Data(checked.idHash)), id_sealed = \(bind: Data(checked.idSealed)),
                        id_masked = \(bind: checked.idMasked), gender = \(bind: checked.gender),
                        birth_date = \(bind: checked.birthDate?.description), nationality = \(bind: checked.nationality),
                        phone_hash = \(bind: checked.phoneHash.map { Data($0) }), phone_sealed = \(bind: checked.phoneSealed.map { Data($0) }),
                        phone_masked = \(bind: checked.phoneMasked), email = \(bind: checked.email),
                        employer = \(bind: checked.employer), district_code = \(bind: checked.districtCode),
                        education = \(bind: checked.education), title = \(bind: checked.title), field = \(bind: checked.field),
                        categories = \(bind: TalentRow.joined(checked.categories)), honors = \(bind: TalentRow.joined(checked.honors)),
                        arrival_date = \(bind: checked.arrivalDate?.description), updated_at = \(bind: now)
                    WHERE id = \(bind: id)
                    RETURNING \(unsafeRaw: TalentRow.columns)
                    """).first()!
                if Data(checked.idHash) != held {
                    try await TalentKeys.release(held, on: db)
                    try await TalentKeys.claim(checked.idHash, for: id, on: db)
                }
                if patch.categories != nil { try await writeCategories(id, checked.categories, on: db) }
                let changed = patch.presentFields.joined(separator: ",")
                try await audit.record(on: db, at: now, actor: principal.userId, action: "talent.update",
                                       subject: "talent", id: id, detail: "fields=\(changed)")
                try await afterChange?(id, db)
                return try TalentRow.talent(from: row, today: today)
            }
        } catch where Database.isUniqueViolation(error) {
            throw CoreError.conflict("该证件号码已登记 / this identity number is already registered")
        }
    }

    // MARK: Certify

    public struct CertificationInput: Sendable, Codable {
        public var tier: String?
        public var validFrom: String?
        public var validUntil: String?
        public var basis: String?
        public init(tier: String? = nil, validFrom: String? = nil, validUntil: String? = nil, basis: String? = nil) {
            self.tier = tier; self.validFrom = validFrom; self.validUntil = validUntil; self.basis = basis
        }
    }

    /// 人才认定: certifies a talent into a tier. The latest certification supersedes the earlier ones;
    /// the talent's tier follows it while it is valid and lapses when it expires.
    public func certify(_ id: Int64, _ input: CertificationInput, by principal: Principal, on db: any SQLDatabase) async throws -> Certification {
        _ = try await talent(id, by: principal)
        guard principal.has(.admin) else {
            throw CoreError.forbidden("只有管理员（人才办）可以认定层次 / only an admin of the talent office certifies")
        }
        let today = clock.today
        var errors = FieldErrors()
        let tier = Tier(rawValue: input.tier ?? "")
        if tier == nil { errors.add("tier", "层次应为 A–E / tier is one of A to E") }
        var from = today
        if let raw = input.validFrom {
            if let d = LocalDate(raw) { from = d } else { errors.add("validFrom", "日期格式应为 YYYY-MM-DD / a date is YYYY-MM-DD") }
        }
        let until = input.validUntil.flatMap { LocalDate($0) }
        if until == nil {
            errors.add("validUntil", "须填写有效期至（YYYY-MM-DD）/ validUntil (YYYY-MM-DD) is required")
        } else if until! < today || until! < from {
            errors.add("validUntil", "有效期至不能早于今天或生效日期 / validUntil cannot be before today or validFrom")
        }
        let basis = (input.basis ?? "").trimmed
        if basis.isEmpty || basis.count > 500 { errors.add("basis", "须填写认定依据（至多 500 字）/ a basis of up to 500 characters is required") }
        try errors.throwIfAny()
        let now = clock.nowMillis()
        let row = try await db.raw("""
            INSERT INTO certifications (talent_id, tier, basis, valid_from, valid_until, certified_by, created_at)
            VALUES (\(bind: id), \(bind: tier!.rawValue), \(bind: basis), \(bind: from.description),
                    \(bind: until!.description), \(bind: principal.userId), \(bind: now))
            RETURNING id
            """).first()!
        try await db.raw("""
            UPDATE talents SET tier = \(bind: tier!.rawValue), tier_valid_until = \(bind: until!.description), updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """).run()
        let certId = try row.decode(column: "id", as: Int64.self)
        _ = try await CardIssuing(db: self.db, clock: clock).afterCertification(
            talentId: id, tier: tier!, from: from, until: until!, certificationId: certId, actor: principal.userId, on: db)
        try await audit.record(on: db, at: now, actor: principal.userId, action: "talent.certify",
                               subject: "talent", id: id, detail: "tier=\(tier!.rawValue) until=\(until!)")
        try await afterChange?(id, db)
        return Certification(id: certId, talentId: id, tier: tier!, basis: basis, validFrom: from, validUntil: until!,
                             certifiedBy: principal.userId, createdAt: now)
    }

    public func certifications(of id: Int64, by principal: Principal) async throws -> [Certification] {
        _ = try await talent(id, by: principal)
        let rows = try await db.read { db in
            try await db.raw("""
                SELECT id, talent_id, tier, basis, valid_from, valid_until, certified_by, created_at
                FROM certifications WHERE talent_id = \(bind: id) ORDER BY id DESC
                """).all()
        }
        return try rows.map { row in
            Certification(id: try row.decode(column: "id", as: Int64.self),
                          talentId: try row.decode(column: "talent_id", as: Int64.self),
                          tier: Tier(rawValue: try row.decode(column: "tier", as: String.self))!,
                          basis: try row.decode(column: "basis", as: String.self),
                          validFrom: LocalDate(try row.decode(column: "valid_from", as: String.self))!,
                          validUntil: LocalDate(try row.decode(column: "valid_until", as: String.self))!,
                          certifiedBy: try row.decode(column: "certified_by", as: Int64?.self),
                          createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }
}

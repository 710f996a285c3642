import Foundation
import NIOConcurrencyHelpers
import Organisations
import PolicyLanguage
import SQLKit
import Storage
import WorkCalendar

/// 免申即享 policies: a code, a name, the issuing department, and versions of the rule text with
/// their effective period and budget cap. draft → checked → published, by an admin.
public struct PolicyInput: Sendable, Codable {
    public var code: String?
    public var name: String?
    public var department: String?
    public var source: String?
    public var effectiveFrom: String?
    public var effectiveUntil: String?
    /// Yuan; nil for no cap.
    public var budgetCap: Int64?

    public init(code: String? = nil, name: String? = nil, department: String? = nil, source: String? = nil,
                effectiveFrom: String? = nil, effectiveUntil: String? = nil, budgetCap: Int64? = nil) {
        self.code = code; self.name = name; self.department = department; self.source = source
        self.effectiveFrom = effectiveFrom; self.effectiveUntil = effectiveUntil; self.budgetCap = budgetCap
    }
}

public enum PolicyVersionState: String, Sendable, Codable, CaseIterable {
    case draft, checked, published, superseded
}

public struct PolicyVersion: Sendable, Codable, Equatable {
    public let version: Int
    public let source: String
    public let period: String?
    public let effectiveFrom: LocalDate
    public let effectiveUntil: LocalDate?
    public let budgetCap: Int64?
    public let state: PolicyVersionState
    public let createdAt: Int64
    public let publishedAt: Int64?
}

public struct PolicyRecord: Sendable, Codable, Equatable {
    public let id: Int64
    public let code: String
    public let name: String
    public let department: String
    public let latestVersion: Int
    public let publishedVersion: Int?
    public let versions: [PolicyVersion]

    public var published: PolicyVersion? { versions.first { $0.version == publishedVersion } }
    public var latest: PolicyVersion { versions.first { $0.version == latestVersion }! }
}

/// A rule text that did not check: where and why, in Chinese and English.
public struct PolicySourceError: Error, Sendable, Equatable {
    public let line: Int
    public let column: Int
    public let chinese: String
    public let english: String
}

private let checkedPolicies = NIOLockedValueBox<[String: Policy]>([:])

public struct Policies: Sendable {
    let db: Database
    let orgs: OrgDirectory
    let clock: Clockwork
    let audit = AuditLog()

    public init(db: Database, orgs: OrgDirectory, clock: Clockwork) {
        self.db = db
        self.orgs = orgs
        self.clock = clock
    }

    /// Parses and type-checks a rule text; the error names line and column. Texts that check are
    /// remembered (a certification re-evaluates the talent against every policy in force).
    public static func check(_ source: String) -> Result<Policy, PolicySourceError> {
        if let known = checkedPolicies.withLockedValue({ $0[source] }) { return .success(known) }
        do {
            let policy = try PolicyFile.parse(source)
            checkedPolicies.withLockedValue { cache in
                if cache.count >= 256 { cache.removeAll() }
                cache[source] = policy
            }
            return .success(policy)
        } catch {
            return .failure(PolicySourceError(line: error.position.line, column: error.position.column,
                                              chinese: error.chinese, english: error.english))
        }
    }

    static func sourceErrors(_ source: String?) -> (Policy?, [FieldError]) {
        guard let source, !source.trimmed.isEmpty else {
            return (nil, [FieldError(field: "source", message: "须填写规则 / the rule text is required")])
        }
        switch check(source) {
        case .success(let p): return (p, [])
        case .failure(let e): return (nil, [FieldError(field: "source", message: "\(e.chinese) / \(e.english)")])
        }
    }

    func requireAdmin(_ principal: Principal) throws {
        guard principal.has(.admin) else { throw CoreError.forbidden("只有管理员可以编辑和发布政策 / only an admin edits and publishes policies") }
    }

    // MARK: Write

    /// A new policy with its first version as a draft (the text need not check yet).
    public func create(_ input: PolicyInput, by principal: Principal) async throws -> PolicyRecord {
        try requireAdmin(principal)
        var errors = FieldErrors()
        let code = (input.code ?? "").trimmed
        if code.isEmpty || code.count > 40 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            errors.add("code", "编码为 1–40 位字母、数字、- 或 _ / a code of 1 to 40 letters, digits, - or _")
        }
        let name = (input.name ?? "").trimmed
        if name.isEmpty || name.count > 100 { errors.add("name", "须填写名称（至多 100 字）/ a name of up to 100 characters is required") }
        let tree = try await orgs.tree()
        let department = (input.department ?? "").trimmed
        if OrgCode(department).flatMap({ tree[$0] })?.kind != .department {
            errors.add("department", "发文部门应为部门代码，如 500000:TALENT / the issuing department, e.g. 500000:TALENT")
        }
        let dates = versionFields(input, errors: &errors)
        try errors.throwIfAny()
        let now = clock.nowMillis()
        do {
            return try await db.transaction { db in
                let row = try await db.raw("""
                    INSERT INTO policies (code, name, department, latest_version, published_version, created_by, created_at, updated_at)
                    VALUES (\(bind: code), \(bind: name), \(bind: department), 1, NULL, \(bind: principal.userId), \(bind: now), \(bind: now))
                    RETURNING id
                    """).first()!
                let id = try row.decode(column: "id", as: Int64.self)
                try await insertVersion(id, 1, input.source ?? "", dates, by: principal, at: now, on: db)
                try await audit.record(on: db, at: now, actor: principal.userId, action: "policy.create", subject: "policy", id: id, detail: "code=\(code)")
                return try await load(code, on: db)!
            }
        } catch where Database.isUniqueViolation(error) {
            throw CoreError.conflict("政策编码已存在 / a policy with this code exists")
        }
    }

    /// A new draft version (text, dates, cap), superseding an unpublished draft's place as latest.
    public func revise(_ code: String, _ input: PolicyInput, by principal: Principal) async throws -> PolicyRecord {
        try requireAdmin(principal)
        var errors = FieldErrors()
        let dates = versionFields(input, errors: &errors)
        try errors.throwIfAny()
        let now = clock.nowMillis()
        return try await db.transaction { db in
            guard let policy = try await load(code, on: db, lock: true) else { throw CoreError.notFound("policy \(code)") }
            let next = policy.latestVersion + 1
            try await insertVersion(policy.id, next, input.source ?? policy.latest.source, dates, by: principal, at: now, on: db)
            try await db.raw("UPDATE policies SET latest_version = \(bind: next), updated_at = \(bind: now) WHERE id = \(bind: policy.id)").run()
            try await audit.record(on: db, at: now, actor: principal.userId, action: "policy.revise", subject: "policy", id: policy.id, detail: "version=\(next)")
            return try await load(code, on: db)!
        }
    }

    typealias VersionDates = (from: LocalDate, until: LocalDate?, cap: Int64?)

    func versionFields(_ input: PolicyInput, errors: inout FieldErrors) -> VersionDates {
        var from = clock.today
        if let raw = input.effectiveFrom {
            if let d = LocalDate(raw) { from = d } else { errors.add("effectiveFrom", "日期格式应为 YYYY-MM-DD / a date is YYYY-MM-DD") }
        }
        var until: LocalDate?
        if let raw = input.effectiveUntil {
            if let d = LocalDate(raw), d >= from { until = d } else {
                errors.add("effectiveUntil", "应为不早于生效日期的 YYYY-MM-DD / a date (YYYY-MM-DD) not before effectiveFrom")
            }
        }
        if let cap = input.budgetCap, cap <= 0 || cap > 1_000_000_000_000 {
            errors.add("budgetCap", "预算上限为 1 元至 1 万亿元 / from 1 yuan to a trillion yuan")
        }
        if let s = input.source, s.utf8.count > 20_000 || s.count > 5000 { errors.add("source", "规则至多 5000 字、20000 字节 / at most 5,000 characters and 20,000 bytes") }
        return (from, until, input.budgetCap)
    }

    func insertVersion(_ policyId: Int64, _ version: Int, _ source: String, _ d: VersionDates, by principal: Principal, at now: Int64,
                       on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO policy_versions (policy_id, version, source, period, effective_from, effective_until, budget_cap, state, created_by, created_at)
            VALUES (\(bind: policyId), \(bind: version), \(bind: source), NULL, \(bind: d.from.description), \(bind: d.until?.description),
                    \(bind: d.cap), 'draft', \(bind: principal.userId), \(bind: now))
            """).run()
    }

    /// Checks the latest version: parse and type-check. A text that does not check is 422 with
    /// the line and column, and the version stays a draft.
    public func check(_ code: String, by principal: Principal) async throws -> PolicyRecord {
        try requireAdmin(principal)
        let now = clock.nowMillis()
        return try await db.transaction { db in
            guard let policy = try await load(code, on: db, lock: true) else { throw CoreError.notFound("policy \(code)") }
            let latest = policy.latest
            guard latest.state == .draft || latest.state == .checked else {
                throw CoreError.conflict("最新版本已发布，请先修订 / the latest version is published: revise it first")
            }
            let (parsed, errors) = Self.sourceErrors(latest.source)
            if !errors.isEmpty { throw CoreError.validation(errors) }
            try await db.raw("""
                UPDATE policy_versions SET state = 'checked', checked_at = \(bind: now), period = \(bind: parsed!.period.rawValue)
                WHERE policy_id = \(bind: policy.id) AND version = \(bind: latest.version)
                """).run()
            return try await load(code, on: db)!
        }
    }

    /// Publishes the latest version, which must be checked; the version published before is superseded.
    public func publish(_ code: String, by principal: Principal) async throws -> PolicyRecord {
        try requireAdmin(principal)
        let now = clock.nowMillis()
        return try await db.transaction { db in
            guard let policy = try await load(code, on: db, lock: true) else { throw CoreError.notFound("policy \(code)") }
            guard policy.latest.state == .checked else {
                throw CoreError.conflict("须先通过检查才能发布 / check the latest version before publishing it")
            }
            try await db.raw("""
                UPDATE policy_versions SET state = 'superseded' WHERE policy_id = \(bind: policy.id) AND state = 'published'
                """).run()
            try await db.raw("""
                UPDATE policy_versions SET state = 'published', published_at = \(bind: now), published_by = \(bind: principal.userId)
                WHERE policy_id = \(bind: policy.id) AND version = \(bind: policy.latestVersion)
                """).run()
            try await db.raw("""
                UPDATE policies SET published_version = \(bind: policy.latestVersion), updated_at = \(bind: now) WHERE id = \(bind: policy.id)
                """).run()
            try await audit.record(on: db, at: now, actor: principal.userId, action: "policy.publish", subject: "policy", id: policy.id,
                                   detail: "version=\(policy.latestVersion)")
            return try await load(code, on: db)!
        }
    }

    // MARK: Read

    public func list() async throws -> [PolicyRecord] {
        try await db.read { db in try await loadAll(on: db) }
    }

    public func get(_ code: String) async throws -> PolicyRecord {
        guard let p = try await db.read({ db in try await load(code, on: db) }) else { throw CoreError.notFound("policy \(code)") }
        return p
    }

    func load(_ code: String, on db: any SQLDatabase, lock: Bool = false) async throws -> PolicyRecord? {
        try await loadAll(on: db, where: "code = \(bind: code)", lock: lock).first
    }

    /// Policies with all their versions, by code, in two queries however many there are.
    func loadAll(on db: any SQLDatabase, where condition: SQLQueryString = "1 = 1", lock: Bool = false) async throws -> [PolicyRecord] {
        let rows = try await db.raw("""
            SELECT id, code, name, department, latest_version, published_version FROM policies WHERE \(condition) ORDER BY code
            \(unsafeRaw: lock && self.db.dialect == .postgres ? "FOR UPDATE" : "")
            """).all()
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
        var versions: [Int64: [PolicyVersion]] = [:]
        for v in try await db.raw("""
            SELECT policy_id, version, source, period, effective_from, effective_until, budget_cap, state, created_at, published_at
            FROM policy_versions WHERE policy_id IN (\(binds: ids)) ORDER BY policy_id, version
            """).all() {
            versions[try v.decode(column: "policy_id", as: Int64.self), default: []].append(
                PolicyVersion(version: try v.decode(column: "version", as: Int.self), source: try v.decode(column: "source", as: String.self),
                              period: try v.decode(column: "period", as: String?.self),
                              effectiveFrom: LocalDate(try v.decode(column: "effective_from", as: String.self))!,
                              effectiveUntil: try v.decode(column: "effective_until", as: String?.self).flatMap { LocalDate($0) },
                              budgetCap: try v.decode(column: "budget_cap", as: Int64?.self),
                              state: PolicyVersionState(rawValue: try v.decode(column: "state", as: String.self)) ?? .draft,
                              createdAt: try v.decode(column: "created_at", as: Int64.self),
                              publishedAt: try v.decode(column: "published_at", as: Int64?.self)))
        }
        return try zip(rows, ids).map { row, id in
            PolicyRecord(id: id, code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                         department: try row.decode(column: "department", as: String.self),
                         latestVersion: try row.decode(column: "latest_version", as: Int.self),
                         publishedVersion: try row.decode(column: "published_version", as: Int?.self), versions: versions[id] ?? [])
        }
    }
}

import Foundation
import ProgrammeRules
import SQLKit
import Storage
import WorkCalendar

/// What a talent office sends to create or change a call: its dates, and per special what differs
/// from the defaults (`ProgrammeDefaults`).
public struct CallInput: Sendable, Codable {
    public var year: Int?
    public var open: String?
    public var close: String?
    public var review: String?
    public var notice: String?
    public var specials: [String: SpecialInput]?

    public struct SpecialInput: Sendable, Codable {
        /// false: this year's call does not run the special.
        public var run: Bool?
        public var quota: Int?
        public var reviewersPerApplication: Int?
        public var lumpSumYuan: Int64?
        public var eligibility: String?
        public init(run: Bool? = nil, quota: Int? = nil, reviewersPerApplication: Int? = nil, lumpSumYuan: Int64? = nil, eligibility: String? = nil) {
            self.run = run; self.quota = quota; self.reviewersPerApplication = reviewersPerApplication
            self.lumpSumYuan = lumpSumYuan; self.eligibility = eligibility
        }
    }

    public init(year: Int? = nil, open: String? = nil, close: String? = nil, review: String? = nil, notice: String? = nil,
                specials: [String: SpecialInput]? = nil) {
        self.year = year; self.open = open; self.close = close; self.review = review; self.notice = notice; self.specials = specials
    }
}

extension Programme {
    static let callColumns = "id, year, state, call, settings, created_at, updated_at"

    func callRecord(_ row: any SQLRow) throws -> ProgrammeCall {
        ProgrammeCall(id: try row.decode(column: "id", as: Int64.self),
                      rules: try Self.decode(Call.self, try row.decode(column: "call", as: String.self)),
                      settings: try Self.decode(CallSettings.self, try row.decode(column: "settings", as: String.self)),
                      createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self))
    }

    func loadCall(year: Int, on db: any SQLDatabase, lock: Bool = false) async throws -> ProgrammeCall? {
        let suffix = lock && self.db.dialect == .postgres ? " FOR UPDATE" : ""
        return try await db.raw("SELECT \(unsafeRaw: Self.callColumns) FROM programme_calls WHERE year = \(bind: year)\(unsafeRaw: suffix)")
            .first().map(callRecord)
    }

    /// The calls a user may see, newest first: drafts only for the city talent office.
    public func calls(by p: Principal) async throws -> [ProgrammeCall] {
        let all = try await db.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.callColumns) FROM programme_calls ORDER BY year DESC").all().map(callRecord)
        }
        return all.filter { $0.rules.state != .draft || p.isCityTalentOffice }
    }

    public func call(_ year: Int, by p: Principal?) async throws -> ProgrammeCall {
        guard let call = try await db.read({ db in try await loadCall(year: year, on: db) }),
              call.rules.state != .draft || (p?.isCityTalentOffice ?? false) else { throw CoreError.notFound("call \(year)") }
        return call
    }

    /// 申报通知: a draft call of `year` with the six specials as `ProgrammeDefaults` has them, changed by `input`.
    public func createCall(_ input: CallInput, by p: Principal) async throws -> ProgrammeCall {
        try requireCityOffice(p)
        guard let year = input.year, (2000...2100).contains(year) else { throw CoreError.invalid("year", "年度为 2000–2100 / a year from 2000 to 2100") }
        var rules = Call(year: year, dates: CallDates(open: LocalDate(year: year, month: 3, day: 1)!, close: LocalDate(year: year, month: 4, day: 30)!,
                                                      review: LocalDate(year: year, month: 5, day: 15)!, notice: LocalDate(year: year, month: 6, day: 15)!),
                         specials: ProgrammeDefaults.specials)
        var settings = ProgrammeDefaults.settings
        try Self.apply(input, to: &rules, &settings)
        let now = clock.nowMillis()
        let (newRules, newSettings) = (rules, settings)
        do {
            return try await db.transaction { db in
                let id = try await db.raw("""
                    INSERT INTO programme_calls (year, state, call, settings, created_by, created_at, updated_at)
                    VALUES (\(bind: year), \(bind: newRules.state.rawValue), \(bind: Self.json(newRules)), \(bind: Self.json(newSettings)),
                            \(bind: p.userId), \(bind: now), \(bind: now)) RETURNING id
                    """).first()!.decode(column: "id", as: Int64.self)
                try await event("call", id, seq: 1, action: "create", from: nil, to: newRules.state.rawValue, note: nil, by: p, at: now, on: db)
                return ProgrammeCall(id: id, rules: newRules, settings: newSettings, createdAt: now, updatedAt: now)
            }
        } catch where Database.isUniqueViolation(error) {
            throw CoreError.conflict("\(year) 年度的申报通知已存在 / the call of \(year) exists")
        }
    }

    /// Changes a draft call's dates and specials.
    public func updateCall(_ year: Int, _ input: CallInput, by p: Principal) async throws -> ProgrammeCall {
        try requireCityOffice(p)
        let now = clock.nowMillis()
        return try await db.transaction { db in
            guard var call = try await loadCall(year: year, on: db, lock: true) else { throw CoreError.notFound("call \(year)") }
            guard call.rules.state == .draft else {
                throw CoreError.conflict("申报通知发布后不能修改 / a published call cannot be changed")
            }
            try Self.apply(input, to: &call.rules, &call.settings)
            try await db.raw("""
                UPDATE programme_calls SET call = \(bind: Self.json(call.rules)), settings = \(bind: Self.json(call.settings)), updated_at = \(bind: now)
                WHERE id = \(bind: call.id)
                """).run()
            call.updatedAt = now
            return call
        }
    }

    static func apply(_ input: CallInput, to rules: inout Call, _ settings: inout CallSettings) throws {
        var errors = FieldErrors()
        func date(_ text: String?, _ field: String, _ current: LocalDate) -> LocalDate {
            guard let text else { return current }
            guard let d = LocalDate(text) else { errors.add(field, "日期格式应为 YYYY-MM-DD / a date"); return current }
            return d
        }
        rules.dates = CallDates(open: date(input.open, "open", rules.dates.open), close: date(input.close, "close", rules.dates.close),
                                review: date(input.review, "review", rules.dates.review), notice: date(input.notice, "notice", rules.dates.notice))
        for (code, change) in input.specials ?? [:] {
            guard let special = Special(rawValue: code) else {
                errors.add("specials.\(code)", "专项应为 \(Special.allCases.map(\.rawValue).joined(separator: "、")) / unknown special"); continue
            }
            if change.run == false {
                rules.specials[special] = nil
                continue
            }
            var c = rules.specials[special] ?? ProgrammeDefaults.specials[special]!
            if let q = change.quota { c.quota = q }
            if let n = change.reviewersPerApplication { c.reviewersPerApplication = n }
            if let y = change.lumpSumYuan { c.lumpSumYuan = y }
            rules.specials[special] = c
            var s = settings[special] ?? ProgrammeDefaults.settings[special]!
            if let rule = change.eligibility {
                if case .failure(let e) = Policies.check(ProgrammeDefaults.eligibilityPolicy(special, condition: rule)) {
                    errors.add("specials.\(code).eligibility", "\(e.chinese) / \(e.english)")
                }
                s.eligibility = rule
            }
            settings.specials[code] = s
        }
        try errors.throwIfAny()
        do { try rules.validate() } catch { throw failure(error) }
    }

    /// Moves a call on (`CallAction`): publish, close, start-review, rank, start-notice, finalise;
    /// ranking and the final list do their work in the same transaction.
    public func act(onCall year: Int, _ actionName: String, by p: Principal) async throws -> ProgrammeCall {
        try requireCityOffice(p)
        guard let action = CallAction(rawValue: actionName) else { throw CoreError.notFound("call action \(actionName)") }
        let calendar = try await calendars.calendar()
        let now = clock.nowMillis()
        let today = clock.today
        return try await db.transaction { db in
            guard var call = try await loadCall(year: year, on: db, lock: true) else { throw CoreError.notFound("call \(year)") }
            let before = call.rules.state
            switch CallRules.apply(action, to: call.rules, on: today, calendar: calendar) {
            case .success(let after): call.rules = after
            case .failure(let e): throw Self.failure(e)
            }
            switch action {
            case .rank: try await rank(call, by: p, at: now, on: db)
            case .startNotice: try await requireDecided(call, on: db)
            case .finalise: try await finalise(call, by: p, at: now, on: db)
            default: break
            }
            try await db.raw("""
                UPDATE programme_calls SET state = \(bind: call.rules.state.rawValue), call = \(bind: Self.json(call.rules)), updated_at = \(bind: now)
                WHERE id = \(bind: call.id)
                """).run()
            let seq = try await db.raw("SELECT count(*) AS n FROM programme_events WHERE subject = 'call' AND subject_id = \(bind: call.id)")
                .first()!.decode(column: "n", as: Int.self) + 1
            try await event("call", call.id, seq: seq, action: action.name, from: before.rawValue, to: call.rules.state.rawValue, note: nil,
                            by: p, at: now, on: db)
            call.updatedAt = now
            return call
        }
    }
}

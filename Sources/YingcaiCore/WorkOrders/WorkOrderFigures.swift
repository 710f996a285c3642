import Foundation
import Organisations
import SQLKit
import Storage
import WorkCalendar
import WorkOrderRules

/// The figures of RULES.md for a node of the tree and a period of receipt dates, read from the
/// aggregates kept in step with every change, with rankings of the districts and departments under
/// the node (晾晒). Overdue and due-soon counts are of the orders as they stand now.
public struct WorkOrderFigures: Sendable {
    let db: Database
    let orgs: OrgDirectory
    let calendars: CalendarStore
    let clock: Clockwork
    /// How many reports are summed at once (`CoreConfiguration.figuresAtOnce`).
    let gate: TurnGate

    public struct Totals: Sendable, Equatable {
        public var total: Int64 = 0
        public var byState: [String: Int64] = [:]
        public var byChannel: [String: Int64] = [:]
        public var byCategory: [String: Int64] = [:]
        public var dispatched: Int64 = 0
        public var signedInTime: Int64 = 0
        public var resolved: Int64 = 0
        public var onTime: Int64 = 0
        public var handlingWorkdays: Int64 = 0
        public var rated: Int64 = 0
        public var satisfied: Int64 = 0

        public var onTimeRate: Double? { resolved == 0 ? nil : Double(onTime) / Double(resolved) }
        public var avgHandlingWorkdays: Double? { resolved == 0 ? nil : Double(handlingWorkdays) / Double(resolved) }
        public var signForRate: Double? { dispatched == 0 ? nil : Double(signedInTime) / Double(dispatched) }
        public var satisfactionRate: Double? { rated == 0 ? nil : Double(satisfied) / Double(rated) }
        public var resolutionRate: Double? { dispatched == 0 ? nil : Double(resolved) / Double(dispatched) }

        /// Where each of the sums (`StatsContribution.allColumns`, the order of the SELECT list)
        /// goes, worked out once by the columns' names.
        enum Slot: Sendable {
            case measure(WritableKeyPath<Totals, Int64> & Sendable)
            case state(String), channel(String), category(String)
        }

        static let slots: [Slot] = StatsContribution.allColumns.map { column in
            switch column {
            case "total": .measure(\.total)
            case "dispatched": .measure(\.dispatched)
            case "signed_in_time": .measure(\.signedInTime)
            case "resolved": .measure(\.resolved)
            case "on_time": .measure(\.onTime)
            case "handling_workdays": .measure(\.handlingWorkdays)
            case "rated": .measure(\.rated)
            case "satisfied": .measure(\.satisfied)
            case let c where c.hasPrefix("s_"): .state(String(c.dropFirst(2)))
            case let c where c.hasPrefix("c_"): .channel(String(c.dropFirst(2)))
            case let c where c.hasPrefix("k_"): .category(String(c.dropFirst(2)))
            default: preconditionFailure("a figures column of no kind: \(column)")
            }
        }

        /// Adds the sums at `row[offset...]` (one for each of `slots`, every one a count), or takes
        /// them away (`sign` -1: days a month read whole has outside the period).
        mutating func add(_ row: SQLValues, from offset: Int, sign: Int64 = 1) throws {
            guard row.count == offset + Self.slots.count else { throw FiguresRowError(row: row) }
            for (slot, value) in zip(Self.slots, row[offset...]) {
                guard let v = value.int else { throw FiguresRowError(row: row) }
                let n = sign * v
                switch slot {
                case .measure(let field): self[keyPath: field] += n
                case .state(let key): if n != 0 { byState[key, default: 0] += n }
                case .channel(let key): if n != 0 { byChannel[key, default: 0] += n }
                case .category(let key): if n != 0 { byCategory[key, default: 0] += n }
                }
            }
        }

        /// Adds another's sums.
        mutating func add(_ other: Totals) {
            total += other.total; dispatched += other.dispatched; signedInTime += other.signedInTime
            resolved += other.resolved; onTime += other.onTime; handlingWorkdays += other.handlingWorkdays
            rated += other.rated; satisfied += other.satisfied
            byState.merge(other.byState, uniquingKeysWith: +)
            byChannel.merge(other.byChannel, uniquingKeysWith: +)
            byCategory.merge(other.byCategory, uniquingKeysWith: +)
        }
    }

    /// A figures row that is not what its statement selects: a fault of the database or the code.
    struct FiguresRowError: Error, CustomStringConvertible {
        let row: SQLValues
        var description: String { "a figures row of an unexpected shape: \(row)" }
    }

    public struct Ranked: Sendable, Equatable {
        public let code: String
        public let name: String
        public let totals: Totals
    }

    public struct Report: Sendable {
        public let org: String
        public let from: LocalDate
        public let to: LocalDate
        public let totals: Totals
        public let overdue: Int64
        public let yellow: Int64
        public let districts: [Ranked]
        public let departments: [Ranked]
    }

    /// The sums of a query without groups (nothing to sum gives zeros) and of one with groups
    /// (a group has rows, and the columns are never null).
    static let sums = StatsContribution.allColumns.map { "CAST(COALESCE(SUM(\($0)), 0) AS BIGINT) AS \($0)" }.joined(separator: ", ")
    static let groupSums = StatsContribution.allColumns.map { "CAST(SUM(\($0)) AS BIGINT) AS \($0)" }.joined(separator: ", ")

    /// A run of days whose daily rows a period adds (`sign` 1) or takes away from the months it
    /// reads whole (`sign` -1).
    struct Days: Equatable {
        let from: LocalDate
        let to: LocalDate
        let sign: Int
    }

    /// A period of days as a run of whole months and at most two runs of days at its ends. A month
    /// the period cuts is read either as its days inside the period or as the whole month less its
    /// days outside, whichever reads fewer daily rows: days after `today` have no orders yet, so
    /// "this month less the rest of it" reads one monthly row and next to no daily ones. Either way
    /// each day of the period counts once and no other day does.
    static func split(_ from: LocalDate, _ to: LocalDate, today: LocalDate) -> (months: (first: String, last: String)?, days: [Days]) {
        func month(_ d: LocalDate) -> String { String(d.description.prefix(7)) }
        func firstDay(_ d: LocalDate) -> LocalDate { LocalDate(year: d.year, month: d.month, day: 1)! }
        func lastDay(_ d: LocalDate) -> LocalDate { LocalDate(year: d.year, month: d.month, day: LocalDate.daysIn(month: d.month, year: d.year))! }
        // The daily rows a run reads: one day's worth for each of its days up to today.
        func cost(_ a: LocalDate, _ b: LocalDate) -> Int {
            let end = today < b ? today : b
            return end < a ? 0 : end.dayNumber - a.dayNumber + 1
        }
        func run(_ a: LocalDate, _ b: LocalDate, _ sign: Int) -> [Days] { b < a ? [] : [Days(from: a, to: b, sign: sign)] }
        // One month the period cuts at `from` (head) and/or `to` (tail): whole less outside, or the days inside.
        func cut(_ start: LocalDate, _ end: LocalDate) -> (whole: Bool, days: [Days]) {
            let (m0, m1) = (firstDay(start), lastDay(end))
            if start == m0 && end == m1 { return (true, []) }
            let outside = cost(m0, start.adding(days: -1)) + cost(end.adding(days: 1), m1)
            if outside < cost(start, end) {
                return (true, run(m0, start.adding(days: -1), -1) + run(end.adding(days: 1), m1, -1))
            }
            return (false, run(start, end, 1))
        }
        if month(from) == month(to) {
            let (whole, days) = cut(from, to)
            return (whole ? (month(from), month(from)) : nil, days)
        }
        let head = cut(from, lastDay(from)), tail = cut(firstDay(to), to)
        let first = head.whole ? from : lastDay(from).adding(days: 1)
        let last = tail.whole ? to : firstDay(to).adding(days: -1)
        return (last < first ? nil : (month(first), month(last)), head.days + tail.days)
    }

    /// The figures of `org` (the caller's area when nil) over `from`…`to` (the year so far). Its
    /// statements run in turn with the instance's other figures requests (`gate`); a request refused
    /// is answered at once.
    public func report(org code: String?, from: String?, to: String?, by principal: Principal) async throws -> Report {
        let tree = try await orgs.tree()
        let today = clock.today
        var errors = FieldErrors()
        let org = code.map { OrgCode($0) } ?? tree.area(of: principal.org)
        if org == nil || tree[org!] == nil { errors.add("org", "机构不存在 / no such organisation") }
        // The period defaults to the year so far.
        let fromDate: LocalDate? = from == nil ? LocalDate(year: today.year, month: 1, day: 1) : LocalDate(from!)
        let toDate: LocalDate? = to == nil ? today : LocalDate(to!)
        if fromDate == nil { errors.add("from", "日期格式应为 YYYY-MM-DD / a date") }
        if toDate == nil { errors.add("to", "日期格式应为 YYYY-MM-DD / a date") }
        if let f = fromDate, let t = toDate, f > t { errors.add("from", "起始日期晚于结束日期 / from is after to") }
        try errors.throwIfAny()
        guard principal.hasAny(.leader, .supervisor, .admin, .dispatcher, .handler) else {
            throw CoreError.forbidden("无权查看统计 / you may not read the figures")
        }
        let node = org!
        // Figures of the caller's own area and below only.
        guard tree.isWithin(node, tree.area(of: principal.org)) else { throw CoreError.notFound("org \(node)") }
        let (f, t) = (fromDate!, toDate!)
        let calendar = try await calendars.calendar()

        // Which rows: a department's own orders (by lead org), or every order of the districts under
        // a node (the per-district sums); departments are ranked from the rows by lead org.
        // The statements carry their values in their text and are kept prepared on PostgreSQL
        // (`readPrepared`): on Citus, planning these sums over every shard costs more than summing,
        // and only a statement without parameters has its distributed plan cached. Every value is
        // one this function made: dates it parsed, codes from the tree.
        let lit = SQLLiteral.text
        let period = "received_on >= \(lit(f.description)) AND received_on <= \(lit(t.description))"
        let nodeKind = tree[node]!.kind
        var liveScope = ""
        // A department's totals from its own rows; a node's totals are the sum of its districts'
        // rows, read for the ranking anyway.
        var departmentTotalsQuery: String?
        var monthsQuery: String?
        var daysQuery: String?
        var departmentQuery: String?
        if nodeKind == .department {
            departmentTotalsQuery = "SELECT \(Self.sums) FROM work_order_stats WHERE lead_org = \(lit(node.rawValue)) AND " + period
            liveScope = " AND lead_org = \(lit(node.rawValue))"
        } else {
            let districts = nodeKind == .city ? [] : tree.districts(within: node).map(\.rawValue)
            let districtScope = nodeKind == .city ? "1 = 1"
                : districts.isEmpty ? "district_code IS NULL" : "district_code IN (\(SQLLiteral.list(districts)))"
            if nodeKind != .city { liveScope = " AND " + districtScope }
            // The whole months of the period from the monthly rows; the days of the months it cuts,
            // added or taken away, from the daily ones in one query grouped by their sign. Two plain
            // queries side by side, not one union of three branches: on Citus each shard planned
            // the union's 96 sums, and the union cost the coordinator three times either query.
            let (months, days) = Self.split(f, t, today: today)
            if let months {
                monthsQuery = "SELECT district_code AS code, \(Self.groupSums) FROM work_order_stats_month WHERE " + districtScope
                    + " AND month >= \(lit(months.first)) AND month <= \(lit(months.last)) GROUP BY district_code"
            }
            func runs(_ sign: Int) -> String? {
                let runs = days.filter { $0.sign == sign }
                guard !runs.isEmpty else { return nil }
                return "(" + runs.map { d in
                    "received_on >= \(lit(d.from.description)) AND received_on <= \(lit(d.to.description))"
                }.joined(separator: " OR ") + ")"
            }
            // The days' rows, their sign, and how they are grouped: by district, and by sign when both
            // occur (by position, as the sign's expression repeats the runs).
            let cut: (scope: String, sign: String, groups: String)?
            switch (runs(1), runs(-1)) {
            case (nil, nil): cut = nil
            case (let added?, nil): cut = (added, "1", "district_code")
            case (nil, let takenAway?): cut = (takenAway, "-1", "district_code")
            case (let added?, let takenAway?): cut = (added + " OR " + takenAway, "CASE WHEN " + takenAway + " THEN -1 ELSE 1 END", "1, 2")
            }
            if let cut {
                daysQuery = "SELECT district_code AS code, " + cut.sign + " AS sign, \(Self.groupSums) FROM work_order_stats_district WHERE "
                    + districtScope + " AND (" + cut.scope + ") GROUP BY \(cut.groups)"
            }
            let departments = tree.children(of: node).filter { $0.kind == .department }.map(\.code.rawValue)
            if !departments.isEmpty {
                departmentQuery = "SELECT lead_org AS code, \(Self.groupSums) FROM work_order_stats WHERE lead_org IN (\(SQLLiteral.list(departments))) AND "
                    + period + " GROUP BY lead_org"
            }
        }
        let nextWorkday = calendar.addWorkdays(1, to: today).value
        // Overdue and due-soon are the orders as they stand now, whenever received: what a
        // supervisor must act on today (answered from the deadline indexes alone).
        // (From `work_order_open`, the open orders counted by district, lead org and deadline; both
        // counts in one pass over the deadlines up to the next working day.)
        let day = lit(today.description)
        let countsQuery = """
            SELECT CAST(COALESCE(SUM(CASE WHEN handling_deadline < \(day) THEN n ELSE 0 END), 0) AS BIGINT) AS overdue,
                   CAST(COALESCE(SUM(CASE WHEN handling_deadline >= \(day) THEN n ELSE 0 END), 0) AS BIGINT) AS yellow
            FROM work_order_open WHERE handling_deadline <= \(lit(nextWorkday.description))
            """ + liveScope
        // The statements run one after the other on one connection at a time. Side by side, each on
        // its own connection, one request alone was answered sooner, but under load (8 clients, a
        // Citus cluster on two cores) every request cost a quarter more of the machine in switching
        // between twice as many busy processes: 224-270 requests a second where 211-220 went side by
        // side, and still 6 ms for one request alone.
        let queries = [monthsQuery, daysQuery, departmentTotalsQuery, departmentQuery, countsQuery]
        let answers = try await gate.run {
            var answers: [[SQLValues]] = []
            for query in queries { answers.append(try await query.asyncMap(db.readPrepared) ?? []) }
            return answers
        }
        let (monthRows, dayRows, totalRow, departmentRows) = (answers[0], answers[1], answers[2].first, answers[3])
        guard let countRow = answers[4].first else { throw FiguresRowError(row: []) }
        guard countRow.count == 2, let overdue = countRow[0].int, let yellow = countRow[1].int else { throw FiguresRowError(row: countRow) }
        // Each district's months, plus and less its days (rows: the code, the sign for days, the sums).
        func codeOf(_ row: SQLValues) throws -> String {
            guard let code = row.first?.text else { throw FiguresRowError(row: row) }
            return code
        }
        var byDistrict: [String: Totals] = [:]
        for row in monthRows { try byDistrict[codeOf(row), default: Totals()].add(row, from: 1) }
        for row in dayRows {
            guard row.count > 1, let sign = row[1].int else { throw FiguresRowError(row: row) }
            try byDistrict[codeOf(row), default: Totals()].add(row, from: 2, sign: sign)
        }
        var totals = Totals()
        if let totalRow { try totals.add(totalRow, from: 0) } else { for t in byDistrict.values { totals.add(t) } }
        var byDepartmentCode: [String: Totals] = [:]
        for row in departmentRows { try byDepartmentCode[codeOf(row), default: Totals()].add(row, from: 1) }
        func ranked(_ totals: [String: Totals], keep: (OrgCode) -> Bool) -> [Ranked] {
            totals.compactMap { code, t in
                guard let c = OrgCode(code), keep(c) else { return nil }
                return Ranked(code: code, name: tree[c]?.name ?? code, totals: t)
            }.sorted { a, b in
                let ra = a.totals.onTimeRate ?? -1, rb = b.totals.onTimeRate ?? -1
                if ra != rb { return ra > rb }
                let sa = a.totals.satisfactionRate ?? -1, sb = b.totals.satisfactionRate ?? -1
                if sa != sb { return sa > sb }
                return a.code < b.code
            }
        }
        // Districts under the node are ranked against each other; departments of the node (for a
        // district: its own bureaus; for the city: the city's departments) likewise.
        let districts = ranked(byDistrict) { tree[$0]?.kind.isDistrictLevel == true && tree.isWithin($0, node) }
        let departments = ranked(byDepartmentCode) { tree[$0]?.parent == node }
        return Report(org: node.rawValue, from: f, to: t, totals: totals, overdue: overdue, yellow: yellow,
                      districts: districts, departments: departments)
    }
}

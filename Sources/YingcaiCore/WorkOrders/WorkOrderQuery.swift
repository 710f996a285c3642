import Organisations
import SQLKit
import Storage
import WorkCalendar
import WorkOrderRules

/// The filters of a list of work orders (`GET /api/v1/work-orders`, the workbench's tabs).
public struct WorkOrderQuery: Sendable {
    public var state: String?
    public var warning: String?
    public var districtCode: String?
    /// Led or co-handled by this org.
    public var assignedOrg: String?
    /// Led by this org (not co-handled).
    public var leadOrg: String?
    /// In this workbench queue (`WorkbenchQueue`): whose move it is.
    public var queue: String?
    /// Only unfinished orders (`true`): those in some workbench queue.
    public var unfinished: Bool?
    public var q: String?
    public var talentId: Int64?
    /// Only orders whose extension request awaits a supervisor (`true`), or none pending (`false`).
    public var pendingExtension: Bool?
    /// Only orders this org co-handles (not leads) and still owes its opinion on.
    public var coHandledBy: String?
    public var limit: Int
    public var cursor: String?

    public init(state: String? = nil, warning: String? = nil, districtCode: String? = nil, assignedOrg: String? = nil,
                leadOrg: String? = nil, queue: String? = nil, unfinished: Bool? = nil,
                q: String? = nil, talentId: Int64? = nil, pendingExtension: Bool? = nil, coHandledBy: String? = nil,
                limit: Int = 50, cursor: String? = nil) {
        self.state = state; self.warning = warning; self.districtCode = districtCode; self.assignedOrg = assignedOrg
        self.leadOrg = leadOrg; self.queue = queue; self.unfinished = unfinished
        self.q = q; self.talentId = talentId; self.pendingExtension = pendingExtension; self.coHandledBy = coHandledBy
        self.limit = limit; self.cursor = cursor
    }

    /// Lists of unfinished work (a queue, a warning, opinions owed, extensions to decide) run by
    /// deadline, most urgent first; every other list newest first.
    var byDeadline: Bool {
        warning == "red" || warning == "yellow" || queue != nil || unfinished == true || coHandledBy != nil || pendingExtension == true
    }
}

/// The position of a list page: an id, or a deadline and an id for lists by deadline.
struct OrderCursor: Sendable {
    let deadline: String?
    let id: Int64

    init?(text: String, byDeadline: Bool) {
        if byDeadline {
            let parts = text.split(separator: "_")
            guard parts.count == 2, LocalDate(String(parts[0])) != nil, let id = Int64(parts[1]) else { return nil }
            deadline = String(parts[0])
            self.id = id
        } else {
            guard let id = Int64(text) else { return nil }
            deadline = nil
            self.id = id
        }
    }
}

/// A checked `WorkOrderQuery` for one reader, as SQL: the reader's ways of seeing orders (scopes)
/// and the filters, for a page of the list or for its count.
struct WorkOrderSelection {
    let query: WorkOrderQuery
    /// The ways that are a plain column's equality (filed by, requested by, the talent, the lead
    /// org): one index each, which PostgreSQL can combine with a bitmap.
    let plainScopes: [SQLQueryString]
    /// The other ways (a subquery, the reader's districts).
    let otherScopes: [SQLQueryString]
    let filters: SQLQueryString

    var scopes: [SQLQueryString] { plainScopes + otherScopes }

    init(_ query: WorkOrderQuery, principal: Principal, tree: OrgTree, calendar: WorkCalendar, today: LocalDate) throws {
        var errors = FieldErrors()
        if !(1...500).contains(query.limit) { errors.add("limit", "limit 为 1–500 / limit is 1 to 500") }
        if let s = query.state, WorkOrderState(rawValue: s) == nil { errors.add("state", "未知状态 / unknown state") }
        if let w = query.warning, !["none", "yellow", "red"].contains(w) { errors.add("warning", "预警应为 none、yellow、red / unknown warning") }
        if let q = query.queue, WorkbenchQueue(rawValue: q) == nil {
            errors.add("queue", "队列应为 \(WorkbenchQueue.allCases.map(\.rawValue).joined(separator: "、")) / unknown queue")
        }
        let cursor = query.cursor.map { OrderCursor(text: $0, byDeadline: query.byDeadline) }
        if case .some(nil) = cursor { errors.add("cursor", "分页游标无效 / the cursor is not valid") }
        try errors.throwIfAny()
        self.query = query
        (self.plainScopes, self.otherScopes) = Self.scopes(of: principal, tree: tree)

        var conditions: [SQLQueryString] = []
        if let s = query.state { conditions.append("state = \(bind: s)") }
        if let d = query.districtCode { conditions.append("district_code = \(bind: d)") }
        if let org = query.assignedOrg {
            conditions.append("(lead_org = \(bind: org) OR (district_code, id) IN (SELECT district_code, order_id FROM work_order_co_orgs WHERE org_code = \(bind: org)))")
        }
        if let org = query.leadOrg { conditions.append("lead_org = \(bind: org)") }
        if let queue = query.queue { conditions.append("queue = \(bind: queue)") }
        if query.unfinished == true { conditions.append("queue IS NOT NULL") }
        if let t = query.talentId { conditions.append("talent_id = \(bind: t)") }
        if let pending = query.pendingExtension {
            conditions.append(pending ? "pending_extension IS NOT NULL" : "pending_extension IS NULL")
        }
        if let org = query.coHandledBy {
            // Opinions are given while the order is with its handlers (not before dispatch, not once resolved).
            let owed = WorkOrderRules.table.first { $0.action == "opinion" }!.from.map(\.rawValue)
            conditions.append("""
                (district_code, id) IN (SELECT district_code, order_id FROM work_order_co_orgs WHERE org_code = \(bind: org) AND opinion_given = 0)
                AND (lead_org IS NULL OR lead_org <> \(bind: org)) AND state IN (\(binds: owed))
                """)
        }
        if let q = query.q?.trimmed, !q.isEmpty {
            if let id = WorkOrderRecord.id(fromNumber: q) {
                conditions.append("id = \(bind: id)")
            } else {
                conditions.append("title LIKE \(bind: LikePattern.containing(q)) ESCAPE '\\'")
            }
        }
        switch query.warning {
        case "red":
            conditions.append("on_clock = 1 AND handling_deadline < \(bind: today.description)")
        case "yellow":
            let next = calendar.addWorkdays(1, to: today).value
            conditions.append("on_clock = 1 AND handling_deadline >= \(bind: today.description) AND handling_deadline <= \(bind: next.description)")
        case "none":
            let next = calendar.addWorkdays(1, to: today).value
            conditions.append("(on_clock = 0 OR handling_deadline > \(bind: next.description))")
        default: break
        }
        if let c = cursor ?? nil {
            if let deadline = c.deadline {
                conditions.append("(handling_deadline > \(bind: deadline) OR (handling_deadline = \(bind: deadline) AND id > \(bind: c.id)))")
            } else {
                conditions.append("id < \(bind: c.id)")
            }
        }
        self.filters = conditions.isEmpty ? "1 = 1" : conditions.joined(separator: " AND ")
    }

    /// Visibility: the ways the reader's roles let them see orders, one condition each, and none a
    /// role cannot have (each costs a query branch, on Citus a round to every shard): orders filed
    /// by the reader for the roles that may file (`WorkOrderService.file`; a talent's own filings
    /// name them as requester), orders requested by the reader for users with a talent record.
    static func scopes(of principal: Principal, tree: OrgTree) -> (plain: [SQLQueryString], other: [SQLQueryString]) {
        var plain: [SQLQueryString] = []
        var other: [SQLQueryString] = []
        if principal.hasAny(.butler, .dispatcher, .handler, .admin) { plain.append("filed_by = \(bind: principal.userId)") }
        // The requester is the account of the order's talent (a talent files as their own requester).
        if principal.has(.talent) || principal.talentId != nil { plain.append("requester_id = \(bind: principal.userId)") }
        if principal.has(.talent), let own = principal.talentId { plain.append("talent_id = \(bind: own)") }
        if principal.has(.butler) {
            other.append("talent_id IN (SELECT id FROM talents WHERE butler_id = \(bind: principal.userId))")
        }
        if principal.hasAny(.handler, .admin) {
            plain.append("lead_org = \(bind: principal.org.rawValue)")
            other.append("(district_code, id) IN (SELECT district_code, order_id FROM work_order_co_orgs WHERE org_code = \(bind: principal.org.rawValue))")
        }
        if principal.hasAny(.dispatcher, .supervisor, .leader, .admin) {
            let area = tree.area(of: principal.org)
            if tree[area]?.kind == .city {
                return ([], ["1 = 1"])
            }
            let districts = tree.districts(within: area).map(\.rawValue)
            if !districts.isEmpty { other.append("district_code IN (\(binds: districts))") }
        }
        // A reader with no way of seeing orders sees none.
        return plain.isEmpty && other.isEmpty ? ([], ["1 = 0"]) : (plain, other)
    }

    var order: String { query.byDeadline ? " ORDER BY handling_deadline, id" : " ORDER BY id DESC" }

    /// Each way of seeing orders is its own branch, which its index answers in order with a limit; the
    /// union of the branches' first pages is ordered and cut again. (One WHERE with the branches
    /// OR-ed together makes PostgreSQL scan the table.) A reader with one way is one plain query.
    func pageSQL() -> SQLQueryString {
        if scopes.count == 1 { return branchSQLs()[0] }
        let limit = " LIMIT \(query.limit + 1)"
        var branches: [SQLQueryString] = []
        for (i, scope) in scopes.enumerated() {
            var branch: SQLQueryString = "SELECT id FROM (SELECT id FROM work_orders WHERE (" + scope + ") AND " + filters
            branch.appendInterpolation(unsafeRaw: order + limit + ") AS b\(i)")
            branches.append(branch)
        }
        var sql: SQLQueryString = "SELECT \(unsafeRaw: WorkOrderRecord.columns) FROM work_orders WHERE id IN ("
        sql += branches.joined(separator: " UNION ")
        sql.appendInterpolation(unsafeRaw: ")" + order + limit)
        return sql
    }

    /// The branches of `pageSQL` as queries of their own, each ordered and limited by itself, for the
    /// caller to merge (`merge`). On Citus each is pushed down whole: every shard orders and cuts its
    /// own rows, and a branch that names districts goes to their shards only; the union of limited
    /// branches in `pageSQL` costs Citus a distributed subplan a branch, written to intermediate
    /// results, and another round for the outer query. The plain equalities go as one branch, OR-ed
    /// (on each shard a bitmap of their indexes), since every branch is a round to every shard.
    func branchSQLs() -> [SQLQueryString] {
        let plain: [SQLQueryString] = plainScopes.isEmpty ? [] : [plainScopes.map { "(" + $0 + ")" }.joined(separator: " OR ")]
        return (plain + otherScopes).map { scope in
            var sql: SQLQueryString = "SELECT \(unsafeRaw: WorkOrderRecord.columns) FROM work_orders WHERE (" + scope + ") AND " + filters
            sql.appendInterpolation(unsafeRaw: order + " LIMIT \(query.limit + 1)")
            return sql
        }
    }

    /// The branches' rows as `pageSQL` gives them: each order once, in the list's order, the first
    /// `limit + 1`.
    func merge(_ branches: [[WorkOrderRecord]]) -> [WorkOrderRecord] {
        var seen = Set<Int64>()
        let rows = branches.joined().filter { seen.insert($0.id).inserted }
        let ordered = query.byDeadline
            ? rows.sorted { ($0.rules.handlingDeadline, $0.id) < ($1.rules.handlingDeadline, $1.id) }
            : rows.sorted { $0.id > $1.id }
        return Array(ordered.prefix(query.limit + 1))
    }

    /// The number of orders over all pages: the union of the branches, counted. Each branch names
    /// the district with the id, so that Citus pushes the union down to the shards whole.
    func countSQL() -> SQLQueryString {
        let branches: [SQLQueryString] = scopes.map { scope in
            "SELECT district_code, id FROM work_orders WHERE (" + scope + ") AND " + filters
        }
        var sql: SQLQueryString = "SELECT count(*) AS n FROM ("
        sql += branches.joined(separator: " UNION ")
        sql.appendInterpolation(unsafeRaw: ") AS visible")
        return sql
    }

    func cursor(after r: WorkOrderRecord) -> String {
        query.byDeadline ? "\(r.rules.handlingDeadline)_\(r.id)" : String(r.id)
    }
}

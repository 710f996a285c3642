import Foundation
import Identity
import Organisations
import SQLKit
import WorkCalendar

/// 人才查询: the filters of `GET /api/v1/talents`.
public struct TalentQuery: Sendable {
    /// A name prefix, or a whole ID number or phone number (found by keyed hash).
    public var q: String?
    public var tier: String?
    public var districtCode: String?
    public var category: String?
    public var limit: Int
    public var cursor: String?

    public init(q: String? = nil, tier: String? = nil, districtCode: String? = nil, category: String? = nil,
                limit: Int = 50, cursor: String? = nil) {
        self.q = q; self.tier = tier; self.districtCode = districtCode; self.category = category
        self.limit = limit; self.cursor = cursor
    }
}

public struct Page<Item: Sendable & Encodable>: Sendable, Encodable {
    public let items: [Item]
    public let nextCursor: String?
}

extension TalentRegistry {
    /// Searches the talents of the caller's area. A name search pages in name order (the index
    /// order of `(district_code, name, id)`), any other in newest-first order; the cursor carries
    /// the position, so a page never repeats or skips a record while others are added.
    public func search(_ query: TalentQuery, by principal: Principal) async throws -> Page<Talent> {
        var errors = FieldErrors()
        if !(1...500).contains(query.limit) { errors.add("limit", "limit 为 1–500 / limit is 1 to 500") }
        let tier = query.tier.map { Tier(rawValue: $0) }
        if tier == .some(nil) { errors.add("tier", "层次应为 A–E / tier is one of A to E") }
        let cursor = query.cursor.map(Cursor.init(text:))
        if cursor == .some(nil) { errors.add("cursor", "分页游标无效 / the cursor is not valid") }
        try errors.throwIfAny()

        if principal.isTalentOnly {
            // A talent's list holds their own record only.
            guard let own = principal.talentId, cursor == nil else { return Page(items: [], nextCursor: nil) }
            return Page(items: [try await talent(own, by: principal)], nextCursor: nil)
        }
        guard principal.roles.contains(where: \.readsRegistry) else {
            throw CoreError.forbidden("无权查询人才库 / you may not search the registry")
        }
        let tree = try await orgs.tree()
        let area = tree.area(of: principal.org)
        var districts: [String]? = nil
        if tree[area]?.kind != .city {
            districts = tree.districts(within: area).map(\.rawValue)
        }
        if let wanted = query.districtCode {
            if let scoped = districts, !scoped.contains(wanted) { return Page(items: [], nextCursor: nil) }
            districts = [wanted]
        }
        if districts?.isEmpty == true { return Page(items: [], nextCursor: nil) }

        let today = clock.today
        var conditions: [SQLQueryString] = []
        if let districts {
            conditions.append(districts.count == 1
                ? "district_code = \(bind: districts[0])"
                : "district_code IN (\(binds: districts))")
        }
        var byName = false
        if let q = query.q?.trimmed, !q.isEmpty {
            if let id = try? ResidentIDNumber(q, today: today) {
                conditions.append("id_hash = \(bind: Data(vault.index(id.value, field: .idNumber)))")
            } else if let phone = try? PhoneNumber(q), q.allSatisfy(\.isNumber) || q.hasPrefix("+") {
                conditions.append("phone_hash = \(bind: Data(vault.index(phone.value, field: .phone)))")
            } else {
                byName = true
                conditions.append("name >= \(bind: q) AND name < \(bind: q + "\u{10FFFF}")")
            }
        }
        if let tier = tier ?? nil {
            conditions.append("tier = \(bind: tier.rawValue) AND tier_valid_until >= \(bind: today.description)")
        }
        if let category = query.category?.trimmed, !category.isEmpty {
            conditions.append("id IN (SELECT talent_id FROM talent_categories WHERE category = \(bind: category))")
        }
        if let c = cursor ?? nil {
            if byName, let name = c.name {
                conditions.append("(name > \(bind: name) OR (name = \(bind: name) AND id > \(bind: c.id)))")
            } else {
                conditions.append("id < \(bind: c.id)")
            }
        }
        var sql: SQLQueryString = "SELECT \(unsafeRaw: TalentRow.columns) FROM talents"
        for (i, condition) in conditions.enumerated() {
            sql.appendInterpolation(unsafeRaw: i == 0 ? " WHERE " : " AND ")
            sql = sql + condition
        }
        sql.appendInterpolation(unsafeRaw: byName ? " ORDER BY name, id" : " ORDER BY id DESC")
        sql.appendInterpolation(unsafeRaw: " LIMIT \(query.limit + 1)")
        let finalSQL = sql
        let rows = try await db.read { db in try await db.raw(finalSQL).all() }
        var items = try rows.map { try TalentRow.talent(from: $0, today: today) }
        var next: String?
        if items.count > query.limit {
            items.removeLast()
            let last = items[items.count - 1]
            next = Cursor(id: last.id, name: byName ? last.name : nil).text
        }
        return Page(items: items, nextCursor: next)
    }
}

/// The opaque position of a page: the last id, and the last name for name-ordered pages.
struct Cursor: Sendable, Codable, Equatable {
    let id: Int64
    let name: String?

    init(id: Int64, name: String?) {
        self.id = id
        self.name = name
    }

    init?(text: String) {
        guard let bytes = Base64URL.decode(text),
              let c = try? JSONDecoder().decode(Cursor.self, from: Data(bytes)) else { return nil }
        self = c
    }

    var text: String { Base64URL.encode(Array(try! JSONEncoder().encode(self))) }
}

extension TalentRegistry {
    /// The registered talent with this identity number (resident ID or passport) and exactly this
    /// name, if any: how an applicant names the members of a team without seeing anyone's record.
    public func identify(name: String, idNumber: String) async throws -> Int64? {
        let today = clock.today
        let raw = idNumber.trimmed.uppercased()
        let normalised: String
        if let id = try? ResidentIDNumber(raw, today: today) { normalised = id.value }
        else if let passport = try? PassportNumber(raw) { normalised = passport.value }
        else { return nil }
        return try await db.read { db in
            try await db.raw("""
                SELECT id FROM talents WHERE id_hash = \(bind: Data(vault.index(normalised, field: .idNumber))) AND name = \(bind: name.trimmed)
                """).first()?.decode(column: "id", as: Int64.self)
        }
    }
}

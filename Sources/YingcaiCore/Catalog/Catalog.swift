import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Storage

/// 服务事项目录: the catalog in the database (seeded from the reference file on every start, edited
/// by admins), held in memory by each instance: 68 items are read far more often than changed.
public final class Catalog: Sendable {
    let db: Database
    private let cached = NIOLockedValueBox<(items: [String: ServiceItem], loadedAt: Int64)?>(nil)

    public init(db: Database) { self.db = db }

    /// Adds the reference items that are not there yet (an admin's edits are kept).
    public func loadReferenceData() async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try await db.transaction { db in
            for item in ReferenceCatalog.items {
                let json = String(decoding: try encoder.encode(item), as: UTF8.self)
                try await db.insert(into: "service_items")
                    .columns("code", "data", "updated_at")
                    .values(SQLBind(item.code), SQLBind(json), SQLBind(Clock.nowMillis()))
                    .ignoringConflicts(with: "code")
                    .run()
            }
        }
        _ = try await reload()
    }

    @discardableResult
    func reload() async throws -> [String: ServiceItem] {
        let rows = try await db.read { db in try await db.raw("SELECT data FROM service_items").all() }
        var items: [String: ServiceItem] = [:]
        let decoder = JSONDecoder()
        for row in rows {
            let item = try decoder.decode(ServiceItem.self, from: Data(try row.decode(column: "data", as: String.self).utf8))
            items[item.code] = item
        }
        cached.withLockedValue { $0 = (items, Clock.nowMillis()) }
        return items
    }

    func all() async throws -> [String: ServiceItem] {
        if let c = cached.withLockedValue({ $0 }), Clock.nowMillis() - c.loadedAt < 60_000 { return c.items }
        return try await reload()
    }

    public func item(_ code: String) async throws -> ServiceItem? { try await all()[code] }

    /// Items by kind, department and tier, in code order.
    public func list(kind: String? = nil, department: String? = nil, tier: String? = nil) async throws -> [ServiceItem] {
        try await all().values
            .filter { kind == nil || $0.kind == kind }
            .filter { department == nil || $0.department == department }
            .filter { tier == nil || $0.eligibleTiers.contains(tier!) }
            .sorted { $0.code < $1.code }
    }

    /// Items whose name (Chinese or English) holds `text`, or whose code is `text`, of one kind.
    public func search(_ text: String, kind: String? = nil) async throws -> [ServiceItem] {
        let items = try await list(kind: kind)
        guard !text.isEmpty else { return items }
        return items.filter { $0.name.contains(text) || $0.nameEn.localizedCaseInsensitiveContains(text) || $0.code == text }
    }

    public struct ItemPatch: Sendable, Codable {
        public var name: String?
        public var nameEn: String?
        public var commitWorkdays: Int?
        public var statutoryWorkdays: Int?
        public var eligibleTiers: [String]?
        public var channels: [String]?
        public var materials: [ServiceItem.Material]?
        public var form: [ServiceItem.FormField]?
        public var description: String?
        public var descriptionEn: String?

        public init() {}

        var fieldNames: String {
            let present: [(String, Bool)] = [("name", name != nil), ("nameEn", nameEn != nil), ("commitWorkdays", commitWorkdays != nil),
                                             ("statutoryWorkdays", statutoryWorkdays != nil), ("eligibleTiers", eligibleTiers != nil),
                                             ("channels", channels != nil), ("materials", materials != nil), ("form", form != nil),
                                             ("description", description != nil), ("descriptionEn", descriptionEn != nil)]
            return present.filter(\.1).map(\.0).joined(separator: ",")
        }
    }

    /// The plain kinds of a form's fields.
    public static let formTypes = ["text", "select", "date", "number", "boolean"]

    /// An admin's edit of an item.
    public func update(_ code: String, _ patch: ItemPatch, by principal: Principal) async throws -> ServiceItem {
        guard principal.has(.admin) else { throw CoreError.forbidden("只有管理员可以维护服务事项 / only an admin edits the catalog") }
        guard var item = try await reload()[code] else { throw CoreError.notFound("service item \(code)") }
        var errors = FieldErrors()
        if let v = patch.name {
            if v.trimmed.isEmpty || v.trimmed.count > 100 { errors.add("name", "名称为 1–100 字 / a name of 1 to 100 characters") } else { item.name = v.trimmed }
        }
        if let v = patch.nameEn { item.nameEn = v }
        if let v = patch.commitWorkdays { item.commitWorkdays = v }
        if let v = patch.statutoryWorkdays { item.statutoryWorkdays = v }
        // Compared one bound at a time: a range `1...statutory` would trap on a statutory limit below 1.
        if item.statutoryWorkdays < 1 || item.statutoryWorkdays > 365 {
            errors.add("statutoryWorkdays", "法定时限须为 1 至 365 个工作日 / between 1 and 365 working days")
        } else if item.commitWorkdays < 1 || item.commitWorkdays > item.statutoryWorkdays {
            errors.add("commitWorkdays", "承诺时限须为 1 至法定时限之间的工作日数 / between 1 and the statutory limit")
        }
        if let v = patch.eligibleTiers {
            if v.isEmpty || !v.allSatisfy({ ["A", "B", "C", "D", "E"].contains($0) }) { errors.add("eligibleTiers", "层次应为 A–E / tiers A to E") }
            item.eligibleTiers = v
        }
        if let v = patch.channels {
            let offered = Channel.applicationChannels.map(\.rawValue)
            if v.isEmpty || !v.allSatisfy(offered.contains) { errors.add("channels", "渠道应为 \(offered.joined(separator: "、")) / unknown channel") }
            item.channels = v
        }
        if let v = patch.materials { item.materials = v }
        if let v = patch.form {
            // Personal kinds (phone, idNumber, …) are kept sealed and shown masked (`PersonalForm`).
            if v.contains(where: { !(Self.formTypes.contains($0.type) || PersonalForm.personalTypes.contains($0.type))
                                   || ($0.type == "select" && ($0.options ?? []).isEmpty) }) {
                errors.add("form", "字段类型应为 text、select（带选项）、date、number、boolean 或个人信息类型 / unknown field type")
            }
            if v.contains(where: { $0.key.range(of: "^[A-Za-z][A-Za-z0-9_]{0,39}$", options: .regularExpression) == nil
                                   || $0.label.trimmed.isEmpty || $0.label.count > 60 }) {
                errors.add("form", "字段键为字母开头的 1–40 位字母、数字或 _，名称为 1–60 字 / a key of 1 to 40 letters, digits or _, and a label of 1 to 60 characters")
            }
            if Set(v.map(\.key)).count != v.count { errors.add("form", "字段键重复 / duplicate keys") }
            item.form = v
        }
        if let v = patch.description { item.description = v }
        if let v = patch.descriptionEn { item.descriptionEn = v }
        try errors.throwIfAny()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(item), as: UTF8.self)
        let updated = item
        try await db.transaction { db in
            try await db.raw("UPDATE service_items SET data = \(bind: json), updated_at = \(bind: Clock.nowMillis()) WHERE code = \(bind: code)").run()
            try await AuditLog().record(on: db, at: Clock.nowMillis(), actor: principal.userId, action: "catalog.update",
                                        subject: "service_item", id: code, detail: "fields=\(patch.fieldNames)")
        }
        _ = try await reload()
        return updated
    }
}

import Foundation
import Organisations
import PolicyLanguage
import WorkCalendar

/// `--demo`: the reference organisations (always there), the demo users of the API contract, and
/// 5,000 generated talents spread over districts and tiers. Loaded only into an empty database.
public enum DemoData {
    public struct DemoUser: Sendable {
        public let username: String
        public let roles: [Role]
        public let org: String
        public let displayName: String
        public var workPhone: String? = nil
    }

    /// Each password is `demo-<username>`.
    public static let users: [DemoUser] = [
        .init(username: "admin", roles: [.admin], org: "500000:TALENT", displayName: "系统管理员"),
        .init(username: "dispatcher", roles: [.dispatcher], org: "500000:HOTLINE", displayName: "热线受理员"),
        .init(username: "handler-yubei-hrss", roles: [.handler], org: "500112:HRSS", displayName: "渝北区人社局承办人"),
        .init(username: "handler-city-psb", roles: [.handler], org: "500000:PSB", displayName: "市公安局承办人"),
        .init(username: "supervisor", roles: [.supervisor], org: "500000", displayName: "督办员"),
        .init(username: "butler", roles: [.butler], org: "500000:TALENT", displayName: "人才管家 李敏", workPhone: "023-63891235"),
        .init(username: "leader", roles: [.leader], org: "500000", displayName: "领导"),
        .init(username: "reviewer", roles: [.reviewer], org: "500000:TALENT", displayName: "评审专家"),
        .init(username: "talent1", roles: [.talent], org: "500112", displayName: "张明"),
        .init(username: "talent2", roles: [.talent], org: "X-GX", displayName: "李华"),
        .init(username: "verifier", roles: [.verifier], org: "500000:HEALTH", displayName: "核验点（市人民医院）"),
    ]

    public static func load(into app: Yingcai, talents count: Int = 5000, workOrders: Int = 3000,
                            progress: @Sendable (String) -> Void = { _ in }) async throws {
        progress("users")
        for u in users {
            _ = try await app.accounts.create(.init(username: u.username, displayName: u.displayName,
                                                    password: "demo-\(u.username)", roles: u.roles, orgCode: u.org, workPhone: u.workPhone))
        }
        let admin = try await app.accounts.principal(userId: try await app.accounts.user(username: "admin")!.id)!
        for (username, input, tier) in [
            ("talent1", TalentInput(name: "张明", idType: "resident_id", idNumber: "500112199003071235", phone: "13800235678",
                                    email: "zhangming@example.cn", employer: "重庆大学", districtCode: "500112", education: "博士",
                                    title: "副高级", field: "人工智能", categories: ["青年拔尖人才"], honors: [], arrivalDate: "2022-03-01"), "C"),
            ("talent2", TalentInput(name: "李华", idType: "resident_id", idNumber: "510104199505120027", phone: "13900231234",
                                    email: "lihua@example.cn", employer: "紫光展锐", districtCode: "X-GX", education: "博士",
                                    title: "中级", field: "集成电路", categories: [], honors: [], arrivalDate: "2024-07-15"), "D"),
        ] {
            let user = try await app.accounts.user(username: username)!
            let principal = try await app.accounts.principal(userId: user.id)!
            let talent = try await app.db.transaction { db in try await app.talents.register(input, by: principal, on: db) }
            let until = LocalDate(dayNumber: app.clock.today.dayNumber + 3 * 365)
            _ = try await app.db.transaction { db in
                try await app.talents.certify(talent.id, .init(tier: tier, validUntil: until.description, basis: "人才认定（演示）"), by: admin, on: db)
            }
        }
        progress("talents")
        let tree = try await app.orgs.tree()
        let districts = tree.districts(within: OrgCode("500000")!).map(\.rawValue)
        let path = NSTemporaryDirectory() + "yingcai-demo-\(UInt64.random(in: 0...UInt64.max)).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var generator = TalentGenerator(seed: 2026, districts: districts, today: app.clock.today)
        var text = ExcelCSV.line(TalentGenerator.header)
        for i in 0..<count { text += ExcelCSV.line(generator.row(i)) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try await TalentImport(registry: app.talents).run(path: path, mode: .allOrNothing)
        guard report.committed else {
            throw DemoError.generatedRowsRejected(report.errors.prefix(3).map { "row \($0.row) \($0.field): \($0.message)" })
        }
        // 人才管家: the demo butler looks after talent1.
        try await app.db.transaction { db in
            let butler = try await app.accounts.user(username: "butler")!.id
            try await db.raw("UPDATE talents SET butler_id = \(bind: butler) WHERE user_id = (SELECT id FROM users WHERE username = 'talent1')").run()
        }
        if workOrders > 0 {
            progress("work orders")
            try await DemoWorkOrders.load(into: app, count: workOrders, progress: progress)
        }
        progress("policies")
        try await loadPolicies(into: app, by: admin)
    }

    /// The three example policies of the rule language, published and run once, so the demo
    /// talents see their payouts and the conditions they miss.
    public static let policies: [(code: String, name: String, department: String, source: String, cap: Int64?)] = [
        ("AJBT-2026", "安家补贴", "500000:TALENT", ExamplePolicies.housingSubsidy, 2_000_000_000),
        ("BSSH-GX-2026", "博士生活补贴（高新区）", "X-GX:HRSS", ExamplePolicies.doctoralLivingAllowance, nil),
        ("QNBJ-2026", "青年拔尖人才科研启动经费", "500000:SCI", ExamplePolicies.youngTalentStartUp, 300_000_000),
    ]

    static func loadPolicies(into app: Yingcai, by admin: Principal) async throws {
        for p in policies {
            _ = try await app.policies.create(PolicyInput(code: p.code, name: p.name, department: p.department, source: p.source,
                                                          effectiveFrom: "2021-01-01", budgetCap: p.cap), by: admin)
            _ = try await app.policies.check(p.code, by: admin)
            _ = try await app.policies.publish(p.code, by: admin)
        }
        _ = try await app.policyEngine.run(dryRun: false, by: admin)
    }

    public enum DemoError: Error, CustomStringConvertible {
        case generatedRowsRejected([String])
        public var description: String {
            switch self {
            case .generatedRowsRejected(let e): return "demo talents were refused: \(e.joined(separator: "; "))"
            }
        }
    }
}

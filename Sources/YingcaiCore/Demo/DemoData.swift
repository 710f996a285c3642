import Foundation
import Organisations
import PolicyLanguage
import WorkCalendar

/// `--demo`: the demo users of the API contract, 5,000 generated talents spread over districts and
/// tiers, six months of work orders behind the figures, and today's work for every demo user
/// (`DemoScenarios`). Loaded only into an empty database, in well under 15 seconds.
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
        .init(username: "yubei-talent", roles: [.handler], org: "500112:TALENT", displayName: "渝北区人才办"),
        .init(username: "talent1", roles: [.talent], org: "500112", displayName: "张明"),
        .init(username: "talent2", roles: [.talent], org: "X-GX", displayName: "李华"),
        .init(username: "verifier", roles: [.verifier], org: "500000:HEALTH", displayName: "核验点（市人民医院）"),
        .init(username: "editor", roles: [.editor], org: "500000:HRSS", displayName: "市人社局知识编辑"),
    ]

    /// `progress` hears each step as it starts (the command line shows it as one line).
    @discardableResult
    public static func load(into app: Yingcai, talents count: Int = 5000, history: Int = 3000,
                            progress: @Sendable (String) -> Void = { _ in }) async throws -> (users: Int, talents: Int, orders: Int) {
        progress("用户 users")
        try await createUsers(in: app)
        let admin = try await app.accounts.principal(userId: try await app.accounts.user(username: "admin")!.id)!
        try await registerDemoTalents(in: app, by: admin)
        progress("人才 talents")
        try await importTalents(count, into: app)
        let people = try await DemoPeople.load(from: app)
        var sim = try await DemoSimulation(app: app, present: app.clock.nowMillis())
        if history > 0 { try await DemoHistory.load(into: &sim, count: history, people: people, progress: progress) }
        progress("今日待办 today's work")
        try await DemoScenarios(sim: sim, people: people).load(into: &sim)
        try await sim.flush()
        progress("政策与发放 policies and payouts")
        try await loadPolicies(into: app, people: people)
        progress("英才计划 talent programme")
        try await DemoProgramme(sim: sim, people: people).load()
        progress("热线与知识库 hotline and knowledge base")
        try await DemoHotline(app: app, people: people).load()
        progress("Open311 接口 Open311")
        try await DemoOpen311(app: app, people: people).load()
        progress("验码记录 code checks")
        try await checkCodes(in: app, people: people)
        progress("后台作业 background work")
        try await BackgroundWork(core: app, logger: app.logger).runOnce()
        return try await app.db.read { db in
            func count(_ table: String) async throws -> Int {
                try await db.raw("SELECT count(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self)
            }
            return (try await count("users"), try await count("talents"), try await count("work_orders"))
        }
    }

    /// The users, with bcrypt hashes (cost 12) of their public passwords made beforehand: hashing
    /// eleven passwords here would be most of the demo's loading time, and protect nothing.
    static func createUsers(in app: Yingcai) async throws {
        for u in users {
            _ = try await app.accounts.create(.init(username: u.username, displayName: u.displayName, password: "demo-\(u.username)",
                                                    roles: u.roles, orgCode: u.org, workPhone: u.workPhone),
                                              by: nil, passwordHash: passwordHashes[u.username])
        }
    }

    /// `demo-<username>`, hashed with bcrypt at cost 12.
    static let passwordHashes: [String: String] = [
        "admin": "$2b$12$h/yYNWUlhDkheEjkoNPcsuVrkCx4TWtuz7X7h0LMZdWpgKBVMpecu",
        "dispatcher": "$2b$12$e0hfWVBeqt0xSj9ahTsS2O6/RSiNBx80vQl8iCvGDckAVPqINj/O2",
        "handler-yubei-hrss": "$2b$12$jg8TwubgXQC35XdutPa0juW3JhoMoEToivqvkzWD4UOzxlWngp0nS",
        "handler-city-psb": "$2b$12$we66/ZAHEGb7EXTvR2PeUezD.lEEfFqfwTHZDbIxRSZUCYCU1jvxK",
        "supervisor": "$2b$12$WGu3JCsQ8VSFgh8hnSzLBuHiYSCltX5EGbJQ1MbcgamZQxoy5L9IO",
        "butler": "$2b$12$wUapzgVL2yw8yVMVHJ2QIOQOxxWwouBRStM2sl97HE9FRvd1kfNCa",
        "leader": "$2b$12$ZK/oPkdmIoXX0ekxaq6e5uzUfCmah3VHDYdHQgiSB/SAtEou1TpTe",
        "reviewer": "$2b$12$AGnoBpF.vKtJsXK0WxpqyuRpqZ7IfufwuycvXml6w.b.nX1w1v4lu",
        "yubei-talent": "$2b$12$JjvAbMT4cLw1Lc87oiRMVO1OYmomq44uXiI1yGvKdo4m8eQhwT2de",
        "talent1": "$2b$12$3.IdfbgUxtGOcONqOtHT4e7RQqVybZ1jiw0wGBY7Nj6Gudz3RoMJ6",
        "talent2": "$2b$12$H51AbpqtDOMVSspiosRrgOYutmz0CAq8MmNwun60n5rx9ZlzFBbsS",
        "verifier": "$2b$12$nibI5rRfQWWzJkXIuyvyxeqCldj58bAdnINQXg/q9P28lHTui5y/O",
        "editor": "$2b$12$RwqgGBFbgh8S.0Cp6QBEMeK4I.nQl6nTgp1BeGZAVlA/4ZhGjoR0W",
    ]

    public static let talentOneID = "500112199003071235"

    /// talent1 (C, 渝北区) and talent2 (D, 高新区), both looked after by the demo butler.
    static func registerDemoTalents(in app: Yingcai, by admin: Principal) async throws {
        for (username, input, tier) in [
            ("talent1", TalentInput(name: "张明", idType: "resident_id", idNumber: talentOneID, phone: DemoPeople.talent1Phone,
                                    email: "zhangming@example.cn", employer: "重庆大学", districtCode: "500112", education: "doctorate",
                                    title: "副高级", field: "人工智能", categories: ["青年拔尖人才"], honors: [], arrivalDate: "2022-03-01"), "C"),
            ("talent2", TalentInput(name: "李华", idType: "resident_id", idNumber: "510104199505120027", phone: "13900231234",
                                    email: "lihua@example.cn", employer: "紫光展锐", districtCode: "X-GX", education: "doctorate",
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
        // 人才管家: the demo butler looks after both.
        try await app.db.transaction { db in
            let butler = try await app.accounts.user(username: "butler")!.id
            try await db.raw("UPDATE talents SET butler_id = \(bind: butler) WHERE user_id IN (SELECT id FROM users WHERE username IN ('talent1', 'talent2'))").run()
        }
    }

    static func importTalents(_ count: Int, into app: Yingcai) async throws {
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
    }

    /// The three example policies of the rule language, published and run once, so the demo
    /// talents see their payouts and the conditions they miss; talent1 has confirmed the housing
    /// subsidy (the talent office approves it) and has the start-up grant still to confirm; a new
    /// policy waits as a draft for the admin.
    public static let policies: [(code: String, name: String, department: String, source: String, cap: Int64?)] = [
        ("AJBT-2026", "安家补贴", "500000:TALENT", ExamplePolicies.housingSubsidy, 2_000_000_000),
        ("BSSH-GX-2026", "博士生活补贴（高新区）", "X-GX:HRSS", ExamplePolicies.doctoralLivingAllowance, nil),
        ("QNBJ-2026", "青年拔尖人才科研启动经费", "500000:SCI", ExamplePolicies.youngTalentStartUp, 300_000_000),
    ]

    static let draftPolicy = """
        policy "青年人才租房补贴"
        eligible: tier in ["D", "E"] and age < 35 and years_since_arrival < 2
        amount: 1_000
        period: monthly
        """

    static func loadPolicies(into app: Yingcai, people: DemoPeople) async throws {
        let admin = people.admin
        for p in policies {
            _ = try await app.policies.create(PolicyInput(code: p.code, name: p.name, department: p.department, source: p.source,
                                                          effectiveFrom: "2021-01-01", budgetCap: p.cap), by: admin)
            _ = try await app.policies.check(p.code, by: admin)
            _ = try await app.policies.publish(p.code, by: admin)
        }
        _ = try await app.policyEngine.run(dryRun: false, by: admin)
        if let housing = try await app.payouts.list(by: people.talent1).first(where: { $0.policyCode == "AJBT-2026" }) {
            _ = try await app.payouts.confirm(housing.id, by: people.talent1)
        }
        _ = try await app.policies.create(PolicyInput(code: "ZFBT-2027", name: "青年人才租房补贴", department: "500000:TALENT",
                                                      source: draftPolicy, effectiveFrom: "2027-01-01", budgetCap: 50_000_000), by: admin)
    }

    /// The hospital's verifier has checked talent1's code today: once valid, once replayed.
    static func checkCodes(in app: Yingcai, people: DemoPeople) async throws {
        let code = try await app.codes.issue(for: people.talent1)
        _ = try await app.codes.verify(code.token, by: people.verifier)
        _ = try await app.codes.verify(code.token, by: people.verifier)
    }

    public enum DemoError: Error, CustomStringConvertible {
        case generatedRowsRejected([String])
        case missingUser(String)
        public var description: String {
            switch self {
            case .generatedRowsRejected(let e): return "demo talents were refused: \(e.joined(separator: "; "))"
            case .missingUser(let u): return "the demo user \(u) is missing"
            }
        }
    }
}

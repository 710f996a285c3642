import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import NIOConcurrencyHelpers
import Organisations
import PersonalData
import SQLKit
import Storage
import YingcaiApp
import YingcaiCore

/// A running application on a fresh database, with the users every test needs.
struct TestApp {
    let core: Yingcai
    let clock: TestClock
    let logs: LogCapture
    let routes: RouteTable

    /// Users, each with password `password-<username>`:
    /// - admin: admin at the city's talent office; yubei-admin: admin at 500112
    /// - yubei-butler: butler at 500112:TALENT; yuzhong-handler: handler at 500103:HRSS
    /// - city-handler: handler at 500000:PSB; dispatcher at 500000:HOTLINE; leader at 500000
    /// - street-handler: handler at a street of 500112; verifier; reviewer
    /// - talent-a, talent-b: talent users without records yet
    /// - city-hrss, yubei-hrss, yubei-union, yubei-petition: handlers of those departments
    /// - supervisor (city), yubei-supervisor (500112)
    /// - editor, editor2: knowledge editors of 500000:HRSS; yubei-editor: of 500112:HRSS
    static let users: [(String, [Role], String)] = [
        ("admin", [.admin], "500000:TALENT"), ("yubei-admin", [.admin], "500112"),
        ("yubei-butler", [.butler], "500112:TALENT"), ("yuzhong-handler", [.handler], "500103:HRSS"),
        ("city-handler", [.handler], "500000:PSB"), ("dispatcher", [.dispatcher], "500000:HOTLINE"),
        ("leader", [.leader], "500000"), ("street-handler", [.handler], "500112001"),
        ("verifier", [.verifier], "500000:HEALTH"), ("reviewer", [.reviewer], "500000:TALENT"),
        ("talent-a", [.talent], "500112"), ("talent-b", [.talent], "500103"),
        ("city-hrss", [.handler], "500000:HRSS"), ("yubei-hrss", [.handler], "500112:HRSS"),
        ("yubei-union", [.handler], "500112:UNION"), ("yubei-petition", [.handler], "500112:PETITION"),
        ("supervisor", [.supervisor], "500000"), ("yubei-supervisor", [.supervisor], "500112"),
        ("editor", [.editor], "500000:HRSS"), ("editor2", [.editor], "500000:HRSS"), ("yubei-editor", [.editor], "500112:HRSS"),
    ]

    static func run(withUsers: Bool = true, codeKeys: CodeKeys? = nil, at start: Int64? = nil, metricsToken: String? = nil,
                    wechat: WeChatAccount? = nil, _ body: @escaping @Sendable (TestApp, any TestClientProtocol) async throws -> Void) async throws {
        let logs = LogCapture()
        // Each run its own uploads folder: a test can look at what is left in it.
        let uploads = NSTemporaryDirectory() + "yingcai-test-uploads/" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: uploads) }
        try await TestDatabase.withPreparable(logger: logs.logger) { db in
            let clock = start.map { TestClock(millis: $0) } ?? TestClock()
            var config = CoreConfiguration()
            config.bcryptCost = 4
            config.wechat = wechat
            let core = Yingcai(db: db, dataKey: DataKey.generate(), config: config, clock: clock.clockwork,
                               uploadsDirectory: uploads, codeKeys: codeKeys, logger: logs.logger)
            try await core.prepare()
            let admin = Principal(userId: 0, username: "setup", roles: [.admin], org: OrgCode("500000")!, talentId: nil)
            _ = try await core.orgs.add(OrgNode(code: OrgCode("500112001")!, parent: OrgCode("500112")!, name: "龙溪街道",
                                                nameEn: "Longxi Street", kind: .street), by: admin)
            for (name, roles, org) in users where withUsers {
                _ = try await core.accounts.create(.init(username: name, password: "password-\(name)", roles: roles, orgCode: org))
            }
            var settings = Settings()
            settings.port = 0
            settings.backgroundIntervalSeconds = 0  // tests run the background work themselves
            settings.metricsToken = metricsToken
            let (application, routes) = buildApplication(core, settings: settings)
            let env = TestApp(core: core, clock: clock, logs: logs, routes: routes)
            try await application.test(.router) { client in
                try await body(env, client)
            }
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import Organisations
import PersonalData
import SQLKit
import Storage
import YingcaiApp
import YingcaiCore

/// The database a test runs on: SQLite in a temporary file, or, when `YINGCAI_TEST_DATABASE_URL`
/// is set (as `.ci/run` does for its second pass), a fresh schema of that PostgreSQL database.
enum TestDatabase {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["YINGCAI_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var name: String { postgresURL == nil ? "SQLite" : "PostgreSQL" }

    /// Opens an empty database, runs `body`, and removes it again.
    static func withEmpty<T>(logger: Logger, _ body: (Database) async throws -> T) async throws -> T {
        if let url = postgresURL {
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try await Database.open(url: url, sqlitePath: "", poolSize: 1, logger: logger)
            try await admin.transaction { db in try await db.raw("CREATE SCHEMA \(unsafeRaw: String(schema))").run() }
            let db = try await Database.open(url: url + (url.contains("?") ? "&" : "?") + "search_path=\(schema)",
                                             sqlitePath: "", poolSize: 4, logger: logger)
            do {
                let result = try await body(db)
                await db.shutdown()
                try await admin.transaction { db in try await db.raw("DROP SCHEMA \(unsafeRaw: String(schema)) CASCADE").run() }
                await admin.shutdown()
                return result
            } catch {
                await db.shutdown()
                try? await admin.transaction { db in try await db.raw("DROP SCHEMA \(unsafeRaw: String(schema)) CASCADE").run() }
                await admin.shutdown()
                throw error
            }
        }
        let dir = NSTemporaryDirectory() + "yingcai-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try await Database.open(url: nil, sqlitePath: dir + "/test.sqlite", logger: logger)
        do {
            let result = try await body(db)
            await db.shutdown()
            return result
        } catch {
            await db.shutdown()
            throw error
        }
    }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let millis = NIOLockedValueBox<Int64>(Clock.nowMillis())
    var now: Int64 { millis.withLockedValue { $0 } }
    func advance(seconds: Int64) { millis.withLockedValue { $0 += seconds * 1000 } }
    func advance(days: Int) { advance(seconds: Int64(days) * 86_400) }
    var clockwork: Clockwork { Clockwork { [self] in self.now } }
}

/// Collects every log line of a test, to check that no personal data reaches the logs.
final class LogCapture: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    var all: [String] { lines.withLockedValue { $0 } }
    func append(_ line: String) { lines.withLockedValue { $0.append(line) } }

    var logger: Logger {
        Logger(label: "test") { _ in CapturingHandler(capture: self) }
    }

    struct CapturingHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            let all = metadata.merging(extra ?? [:]) { $1 }
            capture.append("\(level) \(message) \(all.map { "\($0)=\($1)" }.sorted().joined(separator: " "))")
        }
    }
}

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
    ]

    static func run(withUsers: Bool = true, codeKeys: CodeKeys? = nil, _ body: @escaping @Sendable (TestApp, any TestClientProtocol) async throws -> Void) async throws {
        let logs = LogCapture()
        try await TestDatabase.withEmpty(logger: logs.logger) { db in
            let clock = TestClock()
            var config = CoreConfiguration()
            config.bcryptCost = 4
            let core = Yingcai(db: db, dataKey: DataKey.generate(), config: config, clock: clock.clockwork,
                               uploadsDirectory: NSTemporaryDirectory() + "yingcai-test-uploads", codeKeys: codeKeys, logger: logs.logger)
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
            let (application, routes) = buildApplication(core, settings: settings)
            let env = TestApp(core: core, clock: clock, logs: logs, routes: routes)
            try await application.test(.router) { client in
                try await body(env, client)
            }
        }
    }
}

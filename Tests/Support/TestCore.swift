import Foundation
import Organisations
import PersonalData
import Storage
import YingcaiCore

/// The core services on a fresh database, without HTTP: for the use cases' own tests.
public struct TestCore: Sendable {
    public let core: Yingcai
    public let clock: TestClock
    public let logs: LogCapture

    /// Runs `body` with the schema migrated, the reference data loaded and a moved-by-hand clock.
    public static func run(_ body: @Sendable (TestCore) async throws -> Void) async throws {
        let logs = LogCapture()
        try await TestDatabase.withPreparable(logger: logs.logger) { db in
            let clock = TestClock()
            var config = CoreConfiguration()
            config.bcryptCost = 4
            let core = Yingcai(db: db, dataKey: DataKey.generate(), config: config, clock: clock.clockwork,
                               uploadsDirectory: NSTemporaryDirectory() + "yingcai-test-uploads", logger: logs.logger)
            try await core.prepare()
            try await body(TestCore(core: core, clock: clock, logs: logs))
        }
    }

    /// A user created now with `roles` at `org`, signed in as a principal.
    public func user(_ username: String, _ roles: Set<Role>, at org: String) async throws -> Principal {
        let user = try await core.accounts.create(.init(username: username, password: "password-\(username)", roles: Array(roles), orgCode: org))
        return try await core.accounts.principal(userId: user.id)!
    }
}

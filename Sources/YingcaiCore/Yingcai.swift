import Logging
import Organisations
import PersonalData
import Storage

/// The core services of one process, built once and shared by the HTTP API and the command line.
public struct Yingcai: Sendable {
    public let db: Database
    public let orgs: OrgDirectory
    public let accounts: Accounts
    public let talents: TalentRegistry
    public let idempotency: Idempotency
    public let config: CoreConfiguration
    public let clock: Clockwork
    public let logger: Logger

    public init(db: Database, dataKey: DataKey, config: CoreConfiguration = .init(), clock: Clockwork = .system, logger: Logger) {
        self.db = db
        self.config = config
        self.clock = clock
        self.logger = logger
        let orgs = OrgDirectory(db: db)
        self.orgs = orgs
        self.accounts = Accounts(db: db, orgs: orgs, config: config, clock: clock)
        self.talents = TalentRegistry(db: db, orgs: orgs, vault: PersonalDataVault(key: dataKey), clock: clock)
        self.idempotency = Idempotency(db: db, config: config, clock: clock)
    }

    /// Brings the schema up to date and loads the reference data: what every start does.
    public func prepare() async throws {
        let applied = try await db.migrate(Schema.migrations)
        if !applied.isEmpty { logger.info("migrated", metadata: ["steps": .string(applied.joined(separator: ","))]) }
        try await orgs.loadReferenceData()
    }

    /// Whether the database has any user yet (the demo loads only into an empty one).
    public func isEmpty() async throws -> Bool {
        try await db.read { db in try await db.raw("SELECT id FROM users LIMIT 1").first() == nil }
    }
}

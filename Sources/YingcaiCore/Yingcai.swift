import Logging
import Organisations
import PersonalData
import Storage
import TalentCode

/// The core services of one process, built once and shared by the HTTP API and the command line.
public struct Yingcai: Sendable {
    public let db: Database
    public let orgs: OrgDirectory
    public let accounts: Accounts
    public let talents: TalentRegistry
    public let idempotency: Idempotency
    public let calendars: CalendarStore
    public let catalog: Catalog
    public let outbox: WebhookOutbox
    public let workOrders: WorkOrderService
    public let workbench: Workbench
    public let figures: WorkOrderFigures
    public let talentFigures: TalentFigures
    public let uploads: UploadStore
    public let cards: Cards
    public let policies: Policies
    public let policyEngine: PolicyEngine
    public let payouts: Payouts
    public let codes: TalentCodes
    public let programme: Programme
    public let hotline: HotlineDesk
    public let knowledge: KnowledgeBase
    public let open311: Open311Gateway
    public let wechat: WeChatChannel
    public let partitions: PartitionUpkeep
    public let config: CoreConfiguration
    /// Seals the cursors of every list the API hands out (opaque, tamper-evident).
    public let cursors: CursorSeal
    public let clock: Clockwork
    public let logger: Logger
    let dataKey: DataKey
    /// Seals and opens personal data; after a key rotation, with every key.
    public let vault: PersonalDataVault

    /// `dataKey`: the first key (its index subkey keys every hash and the cursors); `vault`: the
    /// key ring that seals and opens (the data key alone when not given).
    public init(db: Database, dataKey: DataKey, vault: PersonalDataVault? = nil, config: CoreConfiguration = .init(), clock: Clockwork = .system,
                uploadsDirectory: String = "uploads", codeKeys: CodeKeys? = nil, logger: Logger) {
        self.db = db
        self.config = config
        self.clock = clock
        self.logger = logger
        self.partitions = PartitionUpkeep(db: db, clock: clock)
        self.dataKey = dataKey
        self.cursors = CursorSeal(key: dataKey)
        let orgs = OrgDirectory(db: db)
        self.orgs = orgs
        self.accounts = Accounts(db: db, orgs: orgs, config: config, clock: clock)
        let vault = vault ?? PersonalDataVault(key: dataKey)
        self.vault = vault
        let policies = Policies(db: db, orgs: orgs, clock: clock)
        self.policies = policies
        let engine = PolicyEngine(db: db, policies: policies, clock: clock)
        self.policyEngine = engine
        var talents = TalentRegistry(db: db, orgs: orgs, vault: vault, clock: clock)
        // 免申即享: a change to a talent re-evaluates that talent against the published policies.
        talents.afterChange = { id, db in try await engine.evaluateTalent(id, on: db) }
        self.talents = talents
        let idempotency = Idempotency(db: db, config: config, clock: clock)
        self.idempotency = idempotency
        let calendars = CalendarStore(db: db)
        self.calendars = calendars
        let catalog = Catalog(db: db)
        self.catalog = catalog
        let outbox = WebhookOutbox(db: db)
        self.outbox = outbox
        let workOrders = WorkOrderService(db: db, orgs: orgs, catalog: catalog, calendars: calendars, vault: vault,
                                          clock: clock, outbox: outbox, idempotency: idempotency, filingWriters: config.filingWriters,
                                          wechatNotices: config.wechat?.templateID.map { WeChatNotices(db: db, templateID: $0) })
        self.workOrders = workOrders
        self.workbench = Workbench(db: db, workOrders: workOrders)
        self.figures = WorkOrderFigures(db: db, orgs: orgs, calendars: calendars, clock: clock, gate: TurnGate(limit: config.figuresAtOnce))
        self.talentFigures = TalentFigures(db: db, clock: clock)
        let uploads = UploadStore(db: db, directory: uploadsDirectory, clock: clock)
        self.uploads = uploads
        let cards = Cards(db: db, talents: talents, clock: clock)
        self.cards = cards
        let keys = codeKeys ?? CodeKeys.inMemory(
            try! KeyRing.generate(issuer: "500000", kid: CodeKeys.newKid(now: UInt64(clock.nowMillis() / 1000)),
                                  now: UInt64(clock.nowMillis() / 1000)))
        self.codes = TalentCodes(db: db, talents: talents, cards: cards, keys: keys, clock: clock)
        self.payouts = Payouts(db: db, orgs: orgs, workOrders: workOrders, clock: clock)
        self.hotline = HotlineDesk(db: db, orgs: orgs, vault: vault, workOrders: workOrders, idempotency: idempotency, clock: clock)
        self.knowledge = KnowledgeBase(db: db, orgs: orgs, catalog: catalog, clock: clock)
        self.open311 = Open311Gateway(db: db, orgs: orgs, catalog: catalog, calendars: calendars, workOrders: workOrders, accounts: accounts,
                                      clock: clock, jurisdiction: config.open311Jurisdiction)
        self.wechat = WeChatChannel(db: db, orgs: orgs, accounts: accounts, workOrders: workOrders, clock: clock, account: config.wechat)
        self.programme = Programme(db: db, orgs: orgs, talents: talents, policyEngine: engine, policies: policies, workOrders: workOrders,
                                   calendars: calendars, uploads: uploads, clock: clock)
    }

    /// Brings the schema up to date and loads the reference data: what every start does.
    public func prepare() async throws {
        let applied = try await db.migrate(Schema.migrations)
        if !applied.isEmpty { logger.info("migrated", metadata: ["steps": .string(applied.joined(separator: ","))]) }
        if let placed = try await CitusPlacement.apply(db) {
            if !placed.isEmpty { logger.info("placed on the Citus cluster", metadata: ["tables": .string(placed.joined(separator: ","))]) }
            // The placement sets the database's modify mode (here or in another instance that
            // placed first); the pool's open connections predate it.
            db.renewConnections()
        }
        let made = try await partitions.run(force: true)
        if !made.isEmpty { logger.info("partitions made", metadata: ["tables": .string(made.joined(separator: ","))]) }
        try await orgs.loadReferenceData()
        try await catalog.loadReferenceData()
        try await hotline.loadReferenceData()
        try await calendars.reload()
        try await PersonalDataBackfill(db: db, catalog: catalog, vault: vault, logger: logger).run()
    }

    /// Whether the database has any user yet (the demo loads only into an empty one).
    public func isEmpty() async throws -> Bool {
        try await db.read { db in try await db.raw("SELECT id FROM users LIMIT 1").first() == nil }
    }
}

import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import YingcaiCore

/// `yingcai`: the one binary: serve, migrate, seed, users, talents.
public enum YingcaiCommand {
    public static let configuration = CommandConfiguration(
        commandName: "yingcai",
        abstract: "Yingcai 英才服务港 — a city's talent services platform.",
        subcommands: [Serve.self, Migrate.self, Seed.self, BackupCommand.self, KnowledgeCommand.self, RestoreCommand.self, KeysCommand.self, Users.self, Talents.self, CalendarCommand.self, CodesCommand.self, PoliciesCommand.self,
                      ProgrammeCommand.self, ArchiveCommand.self])
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "SQLite database file when DATABASE_URL is not set.")
    var sqlite: String?

    func settings() throws -> Settings {
        var s: Settings
        do { s = try Settings.fromEnvironment() } catch let error as Settings.InvalidSetting { throw ValidationError(error.description) }
        if let sqlite { s.sqlitePath = sqlite }
        return s
    }

    func logger(_ settings: Settings, label: String = "yingcai") -> Logger {
        LoggingSetup.bootstrap(format: settings.logFormat, level: settings.logLevel)
        var logger = Logger(label: label)
        logger.logLevel = settings.logLevel
        return logger
    }
}

/// Runs `body` with the opened core, closing the database afterwards whatever happens.
func withCore<T>(_ options: CommonOptions, _ body: (Yingcai) async throws -> T) async throws -> T {
    let settings = try options.settings()
    let core = try await Boot.open(settings, logger: options.logger(settings))
    do {
        let result = try await body(core)
        await core.db.shutdown()
        return result
    } catch {
        await core.db.shutdown()
        throw error
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the API (SQLite ./yingcai.sqlite unless DATABASE_URL is set).")
    @OptionGroup var common: CommonOptions
    @Option(help: "Address to listen on.") var hostname: String?
    @Option(help: "Port to listen on.") var port: Int?
    @Flag(help: "Load the demo data set first if the database is empty.") var demo = false

    func run() async throws {
        var settings = try common.settings()
        if let hostname { settings.hostname = hostname }
        if let port { settings.port = port }
        // The demo's 公众号 answers with published test credentials unless real ones are set.
        if demo, settings.core.wechat == nil { settings.core.wechat = .demo }
        let logger = common.logger(settings)
        let core = try await Boot.open(settings, logger: logger, serving: true)
        do {
            if demo, try await core.isEmpty() {
                try await Seed.loadDemo(into: core)
            }
            // SIGTERM first drains (`/readyz` answers 503 for YINGCAI_DRAIN_SECONDS), then stops
            // the server, which finishes the requests in flight.
            let drain = Drain(seconds: settings.drainSeconds, logger: logger)
            let (application, _) = buildApplication(core, settings: settings, drain: { drain.isDraining })
            let group = ServiceGroup(configuration: .init(services: [application, drain], gracefulShutdownSignals: [.sigterm, .sigint],
                                                          logger: logger))
            try await group.run()
        } catch {
            await core.db.shutdown()
            throw error
        }
        await core.db.shutdown()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date and load the reference organisations.")
    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await withCore(common) { _ in print("schema up to date") }
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the demo data set into an empty database.")
    @OptionGroup var common: CommonOptions
    @Flag(help: "The demo data set (users, 5,000 talents).") var demo = false

    func run() async throws {
        guard demo else { throw ValidationError("say what to seed: --demo") }
        try await withCore(common) { core in
            guard try await core.isEmpty() else {
                throw ValidationError("the database already has users; the demo loads only into an empty one")
            }
            try await Self.loadDemo(into: core)
        }
    }

    /// Loads the demo with a progress line (it takes a few seconds; the first build takes minutes).
    static func loadDemo(into core: Yingcai) async throws {
        let line = StepLine("加载演示数据 loading the demo")
        let loaded = try await DemoData.load(into: core) { line.step($0) }
        line.done("\(loaded.users) 用户 users, \(loaded.talents) 人才 talents, \(loaded.orders) 工单 orders")
    }
}

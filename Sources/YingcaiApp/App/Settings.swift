import Foundation
import Logging
import Storage
import YingcaiCore

/// Configuration from the environment, with defaults that run on a laptop with no setup.
/// Every variable is listed in the README.
public struct Settings: Sendable {
    public var hostname = "127.0.0.1"
    public var port = 8080
    public var databaseURL: String?
    public var sqlitePath = "yingcai.sqlite"
    public var dataKey: String?
    public var dataKeyFile: String?
    /// The talent-code signing key file's text (`YINGCAI_CODE_KEYS`), or the file (`YINGCAI_CODE_KEY_FILE`).
    public var codeKeys: String?
    public var codeKeyFile: String?
    /// Where uploaded materials are kept (default: `uploads/` beside the SQLite file).
    public var uploadsDirectory: String?
    public var poolSize = 8
    public var logLevel: Logger.Level = .info
    public var logFormat = "json"
    public var core = CoreConfiguration()
    /// A shifted clock for drills and tests (`YINGCAI_NOW=2026-01-05T09:00:00Z`): the process runs
    /// as if started at that instant, and time goes on from there. Unset in production.
    public var nowOverride: Int64?
    /// Seconds between rounds of background work (escalation, auto-close, webhooks); 0 turns it off.
    public var backgroundIntervalSeconds = 30
    /// `Secure` on the pages' cookies: set behind HTTPS (`YINGCAI_SECURE_COOKIES=1`).
    public var secureCookies = false

    public init() {}

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Settings {
        var s = Settings()
        if let v = env["YINGCAI_HOST"] { s.hostname = v }
        if let v = env["YINGCAI_PORT"].flatMap(Int.init) { s.port = v }
        s.databaseURL = env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let v = env["YINGCAI_SQLITE_PATH"], !v.isEmpty { s.sqlitePath = v }
        s.dataKey = env["YINGCAI_DATA_KEY"]
        s.dataKeyFile = env["YINGCAI_DATA_KEY_FILE"]
        s.codeKeys = env["YINGCAI_CODE_KEYS"]
        s.codeKeyFile = env["YINGCAI_CODE_KEY_FILE"]
        s.uploadsDirectory = env["YINGCAI_UPLOADS_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        if let v = env["YINGCAI_SESSION_CACHE_SECONDS"].flatMap(Int64.init), (0...300).contains(v) { s.core.sessionCacheSeconds = v }
        if let v = env["YINGCAI_FILING_WRITERS"].flatMap(Int.init), (1...64).contains(v) { s.core.filingWriters = v }
        if let v = env["YINGCAI_DB_POOL"].flatMap(Int.init), v > 0 { s.poolSize = v }
        if let v = env["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) { s.logLevel = v }
        if let v = env["YINGCAI_LOG_FORMAT"] { s.logFormat = v }
        if let v = env["YINGCAI_BCRYPT_COST"].flatMap(UInt8.init), (4...31).contains(v) { s.core.bcryptCost = v }
        if let v = env["YINGCAI_TOKEN_HOURS"].flatMap(Int64.init), v > 0 { s.core.tokenLifetimeSeconds = v * 3600 }
        if let v = env["YINGCAI_NOW"], !v.isEmpty {
            let f = ISO8601DateFormatter()
            if let d = f.date(from: v) { s.nowOverride = Int64(d.timeIntervalSince1970 * 1000) }
        }
        if let v = env["YINGCAI_JOBS_INTERVAL"].flatMap(Int.init), v >= 0 { s.backgroundIntervalSeconds = v }
        s.secureCookies = ["1", "true", "yes"].contains(env["YINGCAI_SECURE_COOKIES"]?.lowercased() ?? "")
        return s
    }

    /// The clock of the process: the system clock, or shifted to `nowOverride`.
    var clockwork: Clockwork {
        guard let start = nowOverride else { return .system }
        let offset = start - Clock.nowMillis()
        return Clockwork { Clock.nowMillis() + offset }
    }

    var resolvedUploadsDirectory: String {
        if let d = uploadsDirectory { return d }
        let dir = (sqlitePath as NSString).deletingLastPathComponent
        return (dir.isEmpty ? "" : dir + "/") + "uploads"
    }

    /// The talent-code key file: given, or beside the SQLite database.
    var resolvedCodeKeyFile: String {
        if let f = codeKeyFile, !f.isEmpty { return f }
        let dir = (sqlitePath as NSString).deletingLastPathComponent
        return (dir.isEmpty ? "" : dir + "/") + "yingcai-code-keys.txt"
    }

    /// The key file: given, or beside the SQLite database.
    var resolvedKeyFile: String {
        if let f = dataKeyFile, !f.isEmpty { return f }
        let dir = (sqlitePath as NSString).deletingLastPathComponent
        return (dir.isEmpty ? "" : dir + "/") + "yingcai.key"
    }
}

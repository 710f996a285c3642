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
    /// How long a stopping instance answers `/readyz` with 503 before it closes its listener.
    public var drainSeconds = 0
    /// `Secure` on the pages' cookies: set behind HTTPS (`YINGCAI_SECURE_COOKIES=1`).
    public var secureCookies = false
    /// Who may read `/metrics`: with a token, a request carrying it (`Authorization: Bearer …`);
    /// without one, only a client on this machine that is not a proxied request.
    public var metricsToken: String?

    public init() {}

    /// A variable that is set but not usable: the process refuses to start and says which and why,
    /// rather than run quietly with the default.
    public struct InvalidSetting: Error, CustomStringConvertible {
        public let variable: String
        public let value: String
        public let expected: String
        public var description: String { "\(variable)=\(value): expected \(expected)" }
    }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        /// The variable as a whole number in `range`; nil when unset or empty.
        func number<T: FixedWidthInteger>(_ name: String, _ range: ClosedRange<T>) throws -> T? {
            guard let raw = env[name], !raw.isEmpty else { return nil }
            guard let v = T(raw), range.contains(v) else {
                throw InvalidSetting(variable: name, value: raw, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return v
        }
        var s = Settings()
        if let v = env["YINGCAI_HOST"] { s.hostname = v }
        if let v = try number("YINGCAI_PORT", 1...65535) { s.port = v }
        s.databaseURL = env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let v = env["YINGCAI_SQLITE_PATH"], !v.isEmpty { s.sqlitePath = v }
        s.dataKey = env["YINGCAI_DATA_KEY"]
        s.dataKeyFile = env["YINGCAI_DATA_KEY_FILE"]
        s.codeKeys = env["YINGCAI_CODE_KEYS"]
        s.codeKeyFile = env["YINGCAI_CODE_KEY_FILE"]
        s.uploadsDirectory = env["YINGCAI_UPLOADS_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        if let v = try number("YINGCAI_SESSION_CACHE_SECONDS", Int64(0)...300) { s.core.sessionCacheSeconds = v }
        if let v = try number("YINGCAI_FILING_WRITERS", 1...64) { s.core.filingWriters = v }
        if let v = try number("YINGCAI_DB_POOL", 1...1000) { s.poolSize = v }
        if let v = try number("YINGCAI_FIGURES_AT_ONCE", 1...64) { s.core.figuresAtOnce = v }
        if let raw = env["LOG_LEVEL"], !raw.isEmpty {
            guard let v = Logger.Level(rawValue: raw) else {
                throw InvalidSetting(variable: "LOG_LEVEL", value: raw, expected: "trace, debug, info, notice, warning, error or critical")
            }
            s.logLevel = v
        }
        if let raw = env["YINGCAI_LOG_FORMAT"], !raw.isEmpty {
            guard ["json", "text"].contains(raw) else { throw InvalidSetting(variable: "YINGCAI_LOG_FORMAT", value: raw, expected: "json or text") }
            s.logFormat = raw
        }
        if let v = try number("YINGCAI_BCRYPT_COST", UInt8(4)...31) { s.core.bcryptCost = v }
        if let v = try number("YINGCAI_TOKEN_HOURS", Int64(1)...720) { s.core.tokenLifetimeSeconds = v * 3600 }
        if let raw = env["YINGCAI_NOW"], !raw.isEmpty {
            guard let d = ISO8601DateFormatter().date(from: raw) else {
                throw InvalidSetting(variable: "YINGCAI_NOW", value: raw, expected: "an RFC 3339 instant such as 2026-01-05T09:00:00Z")
            }
            s.nowOverride = Int64(d.timeIntervalSince1970 * 1000)
        }
        if let v = try number("YINGCAI_JOBS_INTERVAL", 0...86_400) { s.backgroundIntervalSeconds = v }
        if let v = try number("YINGCAI_DRAIN_SECONDS", 0...300) { s.drainSeconds = v }
        if let raw = env["YINGCAI_OPEN311_JURISDICTION"], !raw.isEmpty {
            guard raw.count <= 64, raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) }) else {
                throw InvalidSetting(variable: "YINGCAI_OPEN311_JURISDICTION", value: raw, expected: "up to 64 ASCII letters, digits, dots, hyphens or underscores")
            }
            s.core.open311Jurisdiction = raw
        }
        s.core.wechat = try wechat(env)
        s.secureCookies = ["1", "true", "yes"].contains(env["YINGCAI_SECURE_COOKIES"]?.lowercased() ?? "")
        if let raw = env["YINGCAI_METRICS_TOKEN"], !raw.isEmpty {
            guard raw.count >= 16 else { throw InvalidSetting(variable: "YINGCAI_METRICS_TOKEN", value: "(hidden)", expected: "at least 16 characters") }
            s.metricsToken = raw
        }
        return s
    }

    /// The 公众号 from `YINGCAI_WECHAT_*`: on when the token and the AppID are set, refused at start
    /// when a value is not one WeChat's console would accept.
    static func wechat(_ env: [String: String]) throws -> WeChatAccount? {
        func value(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let token = value("YINGCAI_WECHAT_TOKEN"), let appID = value("YINGCAI_WECHAT_APPID") else {
            // One without the other: the one missing is named.
            for (set, missing) in [("YINGCAI_WECHAT_TOKEN", "YINGCAI_WECHAT_APPID"), ("YINGCAI_WECHAT_APPID", "YINGCAI_WECHAT_TOKEN")] where value(set) != nil {
                throw InvalidSetting(variable: missing, value: "", expected: "set with \(set): the account needs both")
            }
            return nil
        }
        var account = WeChatAccount(token: token, appID: appID, encodingAESKey: value("YINGCAI_WECHAT_AES_KEY"),
                                    appSecret: value("YINGCAI_WECHAT_APPSECRET"), templateID: value("YINGCAI_WECHAT_TEMPLATE_ID"))
        if let base = value("YINGCAI_WECHAT_API_BASE") { account.apiBase = base.hasSuffix("/") ? String(base.dropLast()) : base }
        if let name = value("YINGCAI_WECHAT_NAME") { account.name = name }
        if let district = value("YINGCAI_WECHAT_DISTRICT") { account.defaultDistrict = district }
        if let problem = account.problems().first {
            let secret = ["YINGCAI_WECHAT_TOKEN", "YINGCAI_WECHAT_AES_KEY"].contains(problem.variable)
            throw InvalidSetting(variable: problem.variable, value: secret ? "(hidden)" : env[problem.variable] ?? "", expected: problem.expected)
        }
        return account
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

/// `postgres://user:password@host:port/database?sslmode=disable`, as libpq and most tools write it,
/// also with several hosts (`host1:5432,host2:5433`, what `pg_autoctl show uri` gives) and
/// `target_session_attrs`: the server then connects to whichever of them is the primary.
public struct DatabaseURL: Sendable, Equatable {
    public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// libpq's `target_session_attrs`: `any` takes the first host that answers; `read-write` (also
    /// `primary`) only one that is not a standby. With several hosts the default is `read-write`.
    public enum SessionAttributes: String, Sendable { case any, readWrite = "read-write" }

    /// The hosts in the order given; `host` and `port` are the first.
    public var endpoints: [Endpoint]
    public var targetSessionAttrs: SessionAttributes
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var requireTLS: Bool
    /// Extra startup parameters, e.g. `search_path` from `?options=` or `?search_path=`.
    public var searchPath: String?
    /// Whether statements may be kept prepared on the server's connections (`prepared_statements=off`
    /// behind a pooler that moves a session's statements between server connections).
    public var preparedStatements: Bool

    public init?(_ text: String) {
        var rest = Substring(text)
        guard let scheme = rest.range(of: "://") else { return nil }
        let name = rest[..<scheme.lowerBound]
        guard name == "postgres" || name == "postgresql" else { return nil }
        rest = rest[scheme.upperBound...]
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        var userInfo: Substring = ""
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        var hostPort = rest
        var database: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            hostPort = rest[..<slash]
            database = rest[rest.index(after: slash)...]
        }
        if let colon = userInfo.firstIndex(of: ":") {
            username = Self.percentDecoded(userInfo[..<colon])
            password = Self.percentDecoded(userInfo[userInfo.index(after: colon)...])
        } else {
            username = userInfo.isEmpty ? "postgres" : Self.percentDecoded(userInfo)
            password = nil
        }
        var endpoints: [Endpoint] = []
        for part in hostPort.split(separator: ",", omittingEmptySubsequences: false) {
            guard let endpoint = Self.endpoint(part) else { return nil }
            endpoints.append(endpoint)
        }
        self.endpoints = endpoints
        host = endpoints[0].host
        port = endpoints[0].port
        var attributes: SessionAttributes = endpoints.count > 1 ? .readWrite : .any
        self.database = database.isEmpty ? username : Self.percentDecoded(database)
        requireTLS = false
        searchPath = nil
        var prepared = true
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "sslmode": requireTLS = ["require", "verify-ca", "verify-full"].contains(kv[1])
            case "search_path": searchPath = Self.percentDecoded(Substring(kv[1]))
            case "prepared_statements":
                switch kv[1] {
                case "on": prepared = true
                case "off": prepared = false
                default: return nil
                }
            case "target_session_attrs":
                switch kv[1] {
                case "any": attributes = .any
                case "read-write", "primary": attributes = .readWrite
                default: return nil
                }
            default: break
            }
        }
        targetSessionAttrs = attributes
        preparedStatements = prepared
    }

    /// `host`, `host:port`, `[v6]`, `[v6]:port`; an empty host is the local machine.
    static func endpoint(_ text: Substring) -> Endpoint? {
        var host = text, port = 5432
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let p = Int(after.dropFirst()) else { return nil }
                port = p
            }
        } else if let colon = text.lastIndex(of: ":") {
            guard let p = Int(text[text.index(after: colon)...]) else { return nil }
            host = text[..<colon]
            port = p
        }
        guard (1...65535).contains(port) else { return nil }
        return Endpoint(host: host.isEmpty ? "127.0.0.1" : String(host), port: port)
    }

    static func percentDecoded(_ s: Substring) -> String {
        var bytes: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let c = it.first {
            it = it.dropFirst()
            if c == UInt8(ascii: "%"), it.count >= 2,
               let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(c)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

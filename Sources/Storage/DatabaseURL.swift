/// `postgres://user:password@host:port/database?sslmode=disable`, as libpq and most tools write it.
public struct DatabaseURL: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var requireTLS: Bool
    /// Extra startup parameters, e.g. `search_path` from `?options=` or `?search_path=`.
    public var searchPath: String?

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
        if let colon = hostPort.lastIndex(of: ":"), let p = Int(hostPort[hostPort.index(after: colon)...]) {
            host = String(hostPort[..<colon])
            port = p
        } else {
            host = String(hostPort)
            port = 5432
        }
        if host.isEmpty { host = "127.0.0.1" }
        self.database = database.isEmpty ? username : Self.percentDecoded(database)
        requireTLS = false
        searchPath = nil
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "sslmode": requireTLS = ["require", "verify-ca", "verify-full"].contains(kv[1])
            case "search_path": searchPath = Self.percentDecoded(Substring(kv[1]))
            default: break
            }
        }
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

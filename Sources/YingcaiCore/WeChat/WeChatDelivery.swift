import Foundation
import SQLKit
import Storage

extension BackgroundWork {
    /// Sends due template messages (模板消息) through WeChat's API, like the webhooks: each due row is
    /// leased for a minute (so another instance skips it), sent, then marked delivered, rescheduled
    /// with exponential backoff (10 s … 1 h), or — when WeChat says it can never succeed (the
    /// follower left, the openid or template is wrong) — abandoned with the reason.
    public func deliverWeChatTemplates(batch: Int = 20) async throws -> Int {
        guard let account = core.wechat.account, let secret = account.appSecret else { return 0 }
        let now = core.clock.nowMillis()
        // District by district: a lease with SKIP LOCKED reads one shard on Citus.
        var leased: [(district: String, order: Int64, event: String, payload: String, attempts: Int)] = []
        for district in try await districts() where leased.count < batch {
            let limit = batch - leased.count
            leased += try await db.transaction { sql in
                let rows = try await sql.raw("""
                    SELECT district_code, order_id, event_key, payload, attempts FROM wechat_outbox
                    WHERE district_code = \(bind: district) AND delivered_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= \(bind: now)
                    ORDER BY next_attempt_at LIMIT \(unsafeRaw: String(limit))\(unsafeRaw: skipLocked)
                    """).all()
                let items = try rows.map { r in
                    (district: try r.decode(column: "district_code", as: String.self), order: try r.decode(column: "order_id", as: Int64.self),
                     event: try r.decode(column: "event_key", as: String.self), payload: try r.decode(column: "payload", as: String.self),
                     attempts: try r.decode(column: "attempts", as: Int.self))
                }
                if !items.isEmpty {
                    var keys: SQLQueryString = ""
                    for (i, item) in items.enumerated() {
                        keys = keys + (i == 0 ? "" : ", ") + "(\(bind: item.order), \(bind: item.event))"
                    }
                    try await sql.raw("""
                        UPDATE wechat_outbox SET next_attempt_at = \(bind: now + 60_000)
                        WHERE district_code = \(bind: district) AND (order_id, event_key) IN (VALUES \(keys))
                        """).run()
                }
                return items
            }
        }
        guard !leased.isEmpty else { return 0 }
        let api = WeChatAPI(base: account.apiBase, appID: account.appID, secret: secret, db: db, clock: core.clock)
        var delivered = 0
        for item in leased {
            let outcome = await api.sendTemplate(item.payload)
            let done = core.clock.nowMillis()
            let key: SQLQueryString = " district_code = \(bind: item.district) AND order_id = \(bind: item.order) AND event_key = \(bind: item.event)"
            try await db.transaction { sql in
                switch outcome {
                case .sent:
                    try await sql.raw("UPDATE wechat_outbox SET attempts = attempts + 1, delivered_at = \(bind: done), last_error = NULL WHERE" + key).run()
                case .retry(let error):
                    let backoff = Outbound.retryDelay(afterAttempts: item.attempts)
                    try await sql.raw("""
                        UPDATE wechat_outbox SET attempts = attempts + 1, next_attempt_at = \(bind: done + backoff), last_error = \(bind: error) WHERE
                        """ + key).run()
                case .abandon(let error):
                    try await sql.raw("""
                        UPDATE wechat_outbox SET attempts = attempts + 1, abandoned_at = \(bind: done), last_error = \(bind: error) WHERE
                        """ + key).run()
                }
            }
            if case .sent = outcome { delivered += 1 }
        }
        if delivered > 0 { logger.info("sent WeChat template messages", metadata: ["count": .stringConvertible(delivered)]) }
        return delivered
    }
}

/// The two calls of WeChat's API the product makes: the access token (`cgi-bin/token`, kept in the
/// database for every instance, since fetching a new one ends the old one's life after five minutes)
/// and `cgi-bin/message/template/send`.
struct WeChatAPI: Sendable {
    let base: String
    let appID: String
    let secret: String
    let db: Database
    let clock: Clockwork

    enum Outcome: Sendable { case sent, retry(String), abandon(String) }

    /// errcodes that no retry can fix: 40003 bad openid, 40037 bad template, 43004 the follower
    /// left, 47003 the data does not fit the template.
    static let permanent: Set<Int> = [40003, 40037, 43004, 47003]
    /// errcodes of a token that is no longer good: fetch a new one and send again at once.
    static let staleToken: Set<Int> = [40001, 40014, 42001]

    func sendTemplate(_ payload: String) async -> Outcome {
        for attempt in 0..<2 {
            let token: String
            do { token = try await accessToken(refresh: attempt > 0) } catch { return .retry("token: \(error)") }
            let url = base + "/cgi-bin/message/template/send?access_token=" + token
            let answer = await Outbound.call(url, method: "POST", body: payload)
            guard case .http(200, let body) = answer, let reply = Self.json(body) else { return .retry(answer.problem ?? "not JSON") }
            let code = (reply["errcode"] as? Int) ?? 0
            if code == 0 { return .sent }
            let reason = "errcode \(code): \((reply["errmsg"] as? String) ?? "")"
            if Self.staleToken.contains(code) { continue }
            return Self.permanent.contains(code) ? .abandon(reason) : .retry(reason)
        }
        return .retry("access token refused twice")
    }

    func accessToken(refresh: Bool) async throws -> String {
        let now = clock.nowMillis()
        if !refresh, let row = try await db.read({ db in
            try await db.raw("SELECT token, expires_at FROM wechat_access_tokens WHERE app_id = \(bind: appID)").first()
        }), try row.decode(column: "expires_at", as: Int64.self) > now + 60_000 {
            return try row.decode(column: "token", as: String.self)
        }
        var components = URLComponents(string: base + "/cgi-bin/token")
        components?.queryItems = [.init(name: "grant_type", value: "client_credential"), .init(name: "appid", value: appID),
                                  .init(name: "secret", value: secret)]
        guard let url = components?.url?.absoluteString else { throw CoreError.invalid("apiBase", "bad URL") }
        let answer = await Outbound.call(url, method: "GET")
        guard case .http(200, let body) = answer, let reply = Self.json(body), let token = reply["access_token"] as? String, !token.isEmpty else {
            throw CoreError.conflict("WeChat token: \(answer.problem ?? "no access_token")")
        }
        let expiresIn = Int64((reply["expires_in"] as? Int) ?? 7200)
        let expires = now + expiresIn * 1000
        try await db.transaction { db in
            try await db.raw("""
                INSERT INTO wechat_access_tokens (app_id, token, expires_at) VALUES (\(bind: appID), \(bind: token), \(bind: expires))
                ON CONFLICT (app_id) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at
                """).run()
        }
        return token
    }

    static func json(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }
}

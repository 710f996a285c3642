import Crypto
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Storage

/// Outgoing webhooks: every change writes its deliveries into an outbox in the same transaction
/// (so a committed change always has its delivery and a rolled-back one never does); a background
/// job delivers them at least once, with retries and backoff, signed with HMAC-SHA256.
public final class WebhookOutbox: Sendable {
    let db: Database
    private let cached = NIOLockedValueBox<(hooks: [Webhook], loadedAt: Int64)?>(nil)

    public struct Webhook: Sendable, Equatable {
        public let id: Int64
        public let url: String
        public let secret: String
        public let events: [String]

        func wants(_ event: String) -> Bool {
            events.contains("*") || events.contains(event) || events.contains { $0.hasSuffix(".*") && event.hasPrefix($0.dropLast()) }
        }
    }

    public init(db: Database) { self.db = db }

    func hooks() async throws -> [Webhook] {
        if let c = cached.withLockedValue({ $0 }), Clock.nowMillis() - c.loadedAt < 30_000 { return c.hooks }
        let rows = try await db.read { db in try await db.raw("SELECT id, url, secret, events FROM webhooks WHERE active = 1").all() }
        let hooks = try rows.map { row in
            Webhook(id: try row.decode(column: "id", as: Int64.self), url: try row.decode(column: "url", as: String.self),
                    secret: try row.decode(column: "secret", as: String.self),
                    events: try row.decode(column: "events", as: String.self).split(separator: ",").map(String.init))
        }
        cached.withLockedValue { $0 = (hooks, Clock.nowMillis()) }
        return hooks
    }

    /// Registers a subscriber (admin). `events` like `work_order.*` or `work_order.escalate`.
    public func subscribe(url: String, secret: String, events: [String], by principal: Principal) async throws -> Webhook {
        guard principal.has(.admin) else { throw CoreError.forbidden("只有管理员可以配置 Webhook / only an admin adds webhooks") }
        var errors = FieldErrors()
        if !(url.hasPrefix("http://") || url.hasPrefix("https://")) || URL(string: url) == nil {
            errors.add("url", "应为 http(s) 地址 / an http(s) URL")
        }
        if secret.count < 16 || secret.count > 200 { errors.add("secret", "密钥为 16–200 个字符 / a secret of 16 to 200 characters") }
        if url.count > 2000 { errors.add("url", "地址过长 / the URL is too long") }
        if events.isEmpty { errors.add("events", "至少订阅一个事件 / at least one event") }
        // `*`, `work_order.*` or `work_order.escalate`.
        if events.contains(where: { $0.range(of: #"^(\*|[a-z_]+\.(\*|[a-z_]+))$"#, options: .regularExpression) == nil }) {
            errors.add("events", "事件应为 *、类别.* 或 类别.事件 / *, kind.* or kind.event")
        }
        try errors.throwIfAny()
        let id = try await db.transaction { db in
            try await db.raw("""
                INSERT INTO webhooks (url, secret, events, active, created_at)
                VALUES (\(bind: url), \(bind: secret), \(bind: events.joined(separator: ",")), 1, \(bind: Clock.nowMillis()))
                RETURNING id
                """).first()!.decode(column: "id", as: Int64.self)
        }
        cached.withLockedValue { $0 = nil }
        return Webhook(id: id, url: url, secret: secret, events: events)
    }

    /// Writes the deliveries of one event, keyed so that a repeated write adds nothing: the key is
    /// (webhook, event, instant), `now` being the event's own instant (the key of a partitioned
    /// table holds its partition column, `MonthlyPartitions`). The payload is built only when a
    /// subscriber wants the event.
    func enqueue(event: String, key: String, payload makePayload: @autoclosure () -> String, at now: Int64,
                 into writes: inout WriteSet) async throws {
        let wanted = try await hooks().filter { $0.wants(event) }
        guard !wanted.isEmpty else { return }
        let payload = makePayload()
        for hook in wanted {
            writes.insert("webhook_outbox", columns: ["webhook_id", "event_key", "payload", "attempts", "next_attempt_at", "created_at"],
                          values: [SQLBind(hook.id), SQLBind(event + "#" + key), SQLBind(payload), SQLBind(0), SQLBind(now), SQLBind(now)],
                          onConflict: .ignore(["webhook_id", "event_key", "created_at"]))
        }
    }

    static func payload(record: WorkOrderRecord, action: String, from: String?, to: String, at: Int64) -> String {
        let body: [String: Any] = [
            "event": "work_order.\(action)", "orderId": record.id, "number": record.number, "action": action,
            "from": from ?? NSNull(), "to": to, "at": at, "districtCode": record.districtCode,
            "leadOrg": record.rules.leadOrg ?? NSNull(), "handlingDeadline": record.rules.handlingDeadline.description,
        ]
        let data = try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// `X-Yingcai-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, as Stripe-style
    /// receivers check it: the timestamp stops replays of old deliveries.
    public static func signature(secret: String, timestamp: Int64, body: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(timestamp).\(body)".utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return "t=\(timestamp),v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }
}

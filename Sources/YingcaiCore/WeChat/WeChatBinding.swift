import Foundation
import SQLKit
import Storage

/// A talent's binding to a follower of the 公众号, as the portal shows it.
public struct WeChatBindingStatus: Sendable, Equatable {
    /// The follower's openid with all but its ends hidden (o6_b…Xyz4).
    public let openidMasked: String?
    public let boundAt: Int64?
    /// The code shown now, if one is still valid.
    public let pendingCode: WeChatBindingCode?
    public var isBound: Bool { openidMasked != nil }
}

/// A one-time code to send in the chat (`绑定 123456`).
public struct WeChatBindingCode: Sendable, Equatable {
    public let code: String
    public let expiresAt: Int64
}

extension WeChatChannel {
    /// Shows a talent a new one-time code (any earlier one of theirs stops working): six digits,
    /// ten minutes, used once. A follower has five wrong tries an hour, so guessing one of the
    /// codes live at a time is out of reach.
    public func newBindingCode(for p: Principal) async throws -> WeChatBindingCode {
        _ = try configured()
        guard p.isTalentOnly, p.talentId != nil else {
            throw CoreError.forbidden("只有已登记的人才可以绑定微信 / only registered talents bind WeChat")
        }
        let now = clock.nowMillis()
        let expires = now + Self.codeLifetimeMillis
        for _ in 0..<8 {
            let code = String(format: "%06d", Int.random(in: 0...999_999))
            do {
                try await db.transaction { db in
                    try await db.raw("DELETE FROM wechat_binding_codes WHERE user_id = \(bind: p.userId) OR expires_at <= \(bind: now)").run()
                    try await db.raw("""
                        INSERT INTO wechat_binding_codes (code, user_id, expires_at, created_at)
                        VALUES (\(bind: code), \(bind: p.userId), \(bind: expires), \(bind: now))
                        """).run()
                }
                return WeChatBindingCode(code: code, expiresAt: expires)
            } catch where Database.isUniqueViolation(error) {
                continue  // another talent's live code: draw again
            }
        }
        throw CoreError.conflict("暂时无法生成绑定码，请稍后再试 / no free code now, try again")
    }

    public func binding(of p: Principal) async throws -> WeChatBindingStatus {
        _ = try configured()
        let now = clock.nowMillis()
        return try await db.read { db in
            let bound = try await db.raw("SELECT openid, bound_at FROM wechat_bindings WHERE user_id = \(bind: p.userId)").first()
            let code = try await db.raw("""
                SELECT code, expires_at FROM wechat_binding_codes WHERE user_id = \(bind: p.userId) AND expires_at > \(bind: now)
                """).first()
            return WeChatBindingStatus(
                openidMasked: try bound.map { Self.maskedOpenID(try $0.decode(column: "openid", as: String.self)) },
                boundAt: try bound?.decode(column: "bound_at", as: Int64.self),
                pendingCode: try code.map { WeChatBindingCode(code: try $0.decode(column: "code", as: String.self),
                                                              expiresAt: try $0.decode(column: "expires_at", as: Int64.self)) })
        }
    }

    /// Ends the binding (and any live code): the follower's later messages are anonymous again.
    public func unbind(_ p: Principal) async throws {
        _ = try configured()
        try await db.transaction { db in
            try await db.raw("DELETE FROM wechat_bindings WHERE user_id = \(bind: p.userId)").run()
            try await db.raw("DELETE FROM wechat_binding_codes WHERE user_id = \(bind: p.userId)").run()
        }
    }

    static func maskedOpenID(_ openid: String) -> String {
        guard openid.count > 8 else { return String(repeating: "*", count: openid.count) }
        return openid.prefix(4) + "…" + openid.suffix(4)
    }
}

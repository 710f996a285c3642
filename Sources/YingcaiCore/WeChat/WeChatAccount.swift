import Foundation
import Organisations
import SQLKit
import Storage
import WeChatMP

/// The city's 公众号 as the operator configured it in WeChat's admin console (基本配置 → 服务器配置),
/// from `YINGCAI_WECHAT_*` (see the README). Without a token and an AppID the channel is off.
public struct WeChatAccount: Sendable {
    /// 令牌 (Token): signs every push.
    public var token: String
    /// 开发者ID (AppID): closes every safe-mode frame.
    public var appID: String
    /// 消息加解密密钥 (EncodingAESKey), 43 characters: pushes and replies in 安全模式. Without it
    /// only 明文模式 pushes are understood.
    public var encodingAESKey: String?
    /// 开发者密码 (AppSecret): fetches the access token that template messages need.
    public var appSecret: String?
    /// The template (模板ID) of the "order resolved" message; none: nothing is queued.
    public var templateID: String?
    /// WeChat's API (`https://api.weixin.qq.com`), or a gateway or test peer in its place.
    public var apiBase: String
    /// What the chat calls the account and the product (公众号名称).
    public var name: String
    /// Where an anonymous follower's inquiry is filed when the text names no district.
    public var defaultDistrict: String

    public static let defaultAPIBase = "https://api.weixin.qq.com"

    /// The demo's account (`serve --demo` without `YINGCAI_WECHAT_*`): published, so for the demo
    /// only. The token and key are the ones a test client signs and seals with (README).
    public static let demo = WeChatAccount(token: "yingcaidemo", appID: "wx5823bf96d3bd56c7",
                                           encodingAESKey: "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR", name: "重庆英才（演示）")

    public init(token: String, appID: String, encodingAESKey: String? = nil, appSecret: String? = nil, templateID: String? = nil,
                apiBase: String = Self.defaultAPIBase, name: String = "重庆英才", defaultDistrict: String = "500103") {
        self.token = token
        self.appID = appID
        self.encodingAESKey = encodingAESKey
        self.appSecret = appSecret
        self.templateID = templateID
        self.apiBase = apiBase
        self.name = name
        self.defaultDistrict = defaultDistrict
    }

    /// The same checks WeChat's console makes, so a mistyped setting stops the process at start
    /// instead of failing each push; and what the other settings need.
    public func problems() -> [(variable: String, expected: String)] {
        var out: [(String, String)] = []
        if !(3...32).contains(token.count) || !token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            out.append(("YINGCAI_WECHAT_TOKEN", "3 to 32 ASCII letters or digits"))
        }
        if appID.isEmpty || !appID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            out.append(("YINGCAI_WECHAT_APPID", "the AppID: ASCII letters and digits"))
        }
        if let key = encodingAESKey, (try? EncodingAESKey(key)) == nil {
            out.append(("YINGCAI_WECHAT_AES_KEY", "43 base64 characters (the EncodingAESKey)"))
        }
        if templateID != nil && appSecret == nil {
            out.append(("YINGCAI_WECHAT_APPSECRET", "set with YINGCAI_WECHAT_TEMPLATE_ID: the template messages need an access token"))
        }
        if URL(string: apiBase)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            out.append(("YINGCAI_WECHAT_API_BASE", "an http(s) URL"))
        }
        if OrgCode(defaultDistrict) == nil {
            out.append(("YINGCAI_WECHAT_DISTRICT", "a district code such as 500103"))
        }
        return out
    }

    /// The safe-mode crypto of this account, when it has an EncodingAESKey (nil too when the key is
    /// unusable, which `problems()` reports at start).
    public var crypto: SafeModeCrypto? {
        encodingAESKey.flatMap { try? SafeModeCrypto(token: token, encodingAESKey: $0, appID: appID) }
    }
}

/// The template message sent when an order filed in the chat is resolved (办结通知): queued in the
/// same transaction as the move, delivered by the background work with retries and backoff.
public struct WeChatNotices: Sendable {
    let db: Database
    let templateID: String

    /// Queues the message for the follower who filed `record`, keyed by the event so that a move
    /// written twice queues one message (and WeChat's `client_msg_id` drops a second send).
    func enqueueResolved(_ record: WorkOrderRecord, result: String, seq: Int, at now: Int64, into writes: inout WriteSet) async throws {
        let row = try await db.read { db in
            try await db.raw("""
                SELECT openid FROM wechat_orders WHERE district_code = \(bind: record.districtCode) AND order_id = \(bind: record.id)
                """).first()
        }
        guard let openid = try row?.decode(column: "openid", as: String.self) else { return }
        let message = TemplateMessage(
            toUser: openid, templateID: templateID,
            first: .init("您的诉求已办结 / your request is resolved"),
            keywords: [.init(record.number), .init(String(record.title.prefix(20))), .init(String(result.prefix(100))),
                       .init(ShanghaiTime.minute(now))],
            remark: .init("发送「查询 \(record.number)」查看详情，欢迎登录英才服务港评价。"),
            clientMessageID: "yc-\(record.id)-\(seq)")
        writes.insert("wechat_outbox", columns: ["district_code", "order_id", "event_key", "openid", "payload", "attempts", "next_attempt_at", "created_at"],
                      values: [SQLBind(record.districtCode), SQLBind(record.id), SQLBind("resolve#\(seq)"), SQLBind(openid),
                               SQLBind(try message.json()), SQLBind(0), SQLBind(now), SQLBind(now)],
                      onConflict: .ignore(["district_code", "order_id", "event_key"]))
    }
}

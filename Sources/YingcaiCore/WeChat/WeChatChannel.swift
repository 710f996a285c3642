import Foundation
import NIOConcurrencyHelpers
import Organisations
import SQLKit
import Storage
import WeChatMP
import WorkOrderRules

/// What WeChat's servers send to the account's server address (服务器地址), as the edge hands it
/// over: the query string's signing fields and the body.
public struct WeChatPush: Sendable {
    public var signature: String
    public var timestamp: String
    public var nonce: String
    /// `aes` in 安全模式 (and 兼容模式): the body is sealed and `msg_signature` covers it.
    public var encryptType: String?
    public var msgSignature: String?
    public var body: String

    public init(signature: String, timestamp: String, nonce: String, encryptType: String?, msgSignature: String?, body: String) {
        self.signature = signature
        self.timestamp = timestamp
        self.nonce = nonce
        self.encryptType = encryptType
        self.msgSignature = msgSignature
        self.body = body
    }

    var isSealed: Bool { encryptType?.lowercased() == "aes" }
}

/// The 公众号 channel: a follower's text files an inquiry (a bound talent's as theirs, anyone
/// else's as an anonymous one for the hotline), `绑定 123456` binds the follower to the account
/// that was shown the code, `查询 YC…` answers the state of an order they filed, `继续 YC… 内容`
/// adds to it. Each push is handled once: its replay key (MsgId, or sender and time for events) is
/// written with what the push did, in the same commit, so a repeat — WeChat's own retry or a
/// replay — finds the key and changes nothing. Pushes older than the replay window, or with a
/// signature that does not match, are refused before anything is read.
public struct WeChatChannel: Sendable {
    let db: Database
    let orgs: OrgDirectory
    let accounts: Accounts
    let workOrders: WorkOrderService
    let clock: Clockwork
    /// The configured account; nil when the channel is off.
    public let account: WeChatAccount?
    let crypto: SafeModeCrypto?
    let window: ReplayWindow
    private let serviceAccount = NIOLockedValueBox<Int64?>(nil)

    /// How long a binding code lives, and how many wrong codes a follower may send in an hour.
    public static let codeLifetimeMillis: Int64 = 10 * 60_000
    static let failedBindsPerHour = 5
    static let serviceUsername = "wechat-mp"

    init(db: Database, orgs: OrgDirectory, accounts: Accounts, workOrders: WorkOrderService, clock: Clockwork, account: WeChatAccount?,
         window: ReplayWindow = ReplayWindow()) {
        self.db = db
        self.orgs = orgs
        self.accounts = accounts
        self.workOrders = workOrders
        self.clock = clock
        self.account = account
        self.window = window
        crypto = account?.crypto
    }

    public var isEnabled: Bool { account != nil }

    func configured() throws -> WeChatAccount {
        guard let account else { throw CoreError.notFound("WeChat is not configured") }
        return account
    }

    // MARK: The edge

    /// 服务器配置验证: `echostr` back when the signature is WeChat's.
    public func answerURLCheck(signature: String, timestamp: String, nonce: String, echostr: String) throws -> String {
        let account = try configured()
        try window.check(timestamp: timestamp, now: clock.nowMillis() / 1000)
        return try PushSignature.answerURLCheck(signature: signature, timestamp: timestamp, nonce: nonce, echostr: echostr, token: account.token)
    }

    /// Handles one push and returns the body to answer with: a passive reply (sealed when the push
    /// was), or `success` when there is nothing to say or the push was seen before.
    /// Throws `WeChatError` for a push to refuse (bad signature, stale, malformed).
    public func receive(_ push: WeChatPush) async throws -> String {
        let account = try configured()
        let now = clock.nowMillis()
        try window.check(timestamp: push.timestamp, now: now / 1000)
        let xml: String
        if push.isSealed {
            guard let crypto else { throw WeChatError.invalidSignature }
            xml = try crypto.decryptMessage(body: push.body, msgSignature: push.msgSignature ?? "", timestamp: push.timestamp, nonce: push.nonce)
        } else {
            try PushSignature.verifyURL(signature: push.signature, token: account.token, timestamp: push.timestamp, nonce: push.nonce)
            xml = push.body
        }
        let message = try IncomingMessage.parse(xml)
        try window.check(timestamp: message.createTime, now: now / 1000)
        let key = message.replayKey.value
        guard try await !seen(key) else { return NoReply.body }
        let content: String?
        do {
            content = try await handle(message, key: key, account: account, at: now)
        } catch let error where Database.isUniqueViolation(error) {
            // The same push, handled meanwhile by another request: its effect is written once.
            return NoReply.body
        }
        guard let content else { return NoReply.body }
        let reply = TextReply(replyingTo: message, content: content, createTime: now / 1000).xml
        guard push.isSealed, let crypto else { return reply }
        return try crypto.encryptReply(reply, timestamp: push.timestamp, nonce: push.nonce).xml
    }

    func seen(_ key: String) async throws -> Bool {
        try await db.read { db in try await db.raw("SELECT 1 AS x FROM wechat_messages WHERE replay_key = \(bind: key)").first() != nil }
    }

    // MARK: What a push asks for

    func handle(_ message: IncomingMessage, key: String, account: WeChatAccount, at now: Int64) async throws -> String? {
        let openid = message.fromUserName
        switch message.body {
        case .text(let text):
            switch TalentCommand.parse(text) {
            case .bind(let code):
                return try await bind(openid, code: code, key: key, at: now)
            case .queryStatus(let number):
                try await record(key, openid, kind: "query", at: now)
                return try await status(number, openid: openid, talent: try await boundPrincipal(openid))
            case .continueOrder(let number, let content):
                return try await supplement(number, content: content, openid: openid, talent: try await boundPrincipal(openid), key: key, at: now)
            case .newInquiry(let text):
                do {
                    return try await inquiry(text, openid: openid, talent: try await boundPrincipal(openid), key: key, account: account, at: now)
                } catch CoreError.validation(let problems) {
                    // Text the filing refuses (a control character, too long a line): the follower
                    // is told why, and WeChat gets an answer instead of retrying a push that cannot pass.
                    try await record(key, openid, kind: "other", at: now)
                    return "未能受理：" + problems.map(\.message).joined(separator: "；") + "\nNot received: please rewrite the message."
                }
            case .malformed(let problem):
                try await record(key, openid, kind: "other", at: now)
                return Self.usage(problem)
            }
        case .subscribe:
            try await record(key, openid, kind: "event", at: now)
            return "欢迎关注\(account.name)！直接发送您的问题即可咨询，我们会在时限内答复。\n"
                + "绑定英才服务港账号：登录后在「我的 · 微信绑定」获取绑定码，发送「绑定 绑定码」。\n"
                + "Welcome! Send your question here; bind your account with the code shown on the portal."
        case .unsubscribe:
            // Unfollowing ends the binding: the follower can no longer be answered here.
            try await db.transaction { db in
                try await db.raw("DELETE FROM wechat_bindings WHERE openid = \(bind: openid)").run()
                try await Self.insertMessage(key, openid, kind: "event", orderId: nil, at: now, on: db)
            }
            return nil
        case .unsupported:
            try await record(key, openid, kind: "other", at: now)
            return "目前只能处理文字消息，请用文字描述您的问题。\nOnly text messages are handled here for now."
        }
    }

    /// Binds the follower to the account that was shown `code`, and uses the code up.
    func bind(_ openid: String, code: String, key: String, at now: Int64) async throws -> String {
        let failures = try await db.read { db in
            try await db.raw("""
                SELECT COUNT(*) AS n FROM wechat_messages
                WHERE openid = \(bind: openid) AND kind = 'bind-failed' AND received_at > \(bind: now - 3_600_000)
                """).first()!.decode(column: "n", as: Int.self)
        }
        if failures >= Self.failedBindsPerHour {
            try await record(key, openid, kind: "bind-refused", at: now)
            return "绑定码错误次数过多，请一小时后再试。\nToo many wrong codes: try again in an hour."
        }
        let userId: Int64? = try await db.transaction { db in
            let row = try await db.raw("""
                DELETE FROM wechat_binding_codes WHERE code = \(bind: code) AND expires_at > \(bind: now) RETURNING user_id
                """).first()
            guard let userId = try row?.decode(column: "user_id", as: Int64.self) else {
                try await Self.insertMessage(key, openid, kind: "bind-failed", orderId: nil, at: now, on: db)
                return nil
            }
            // One follower per account and one account per follower: a new binding replaces both.
            try await db.raw("DELETE FROM wechat_bindings WHERE user_id = \(bind: userId) OR openid = \(bind: openid)").run()
            try await db.raw("INSERT INTO wechat_bindings (openid, user_id, bound_at) VALUES (\(bind: openid), \(bind: userId), \(bind: now))").run()
            try await Self.insertMessage(key, openid, kind: "bind", orderId: nil, at: now, on: db)
            return userId
        }
        guard let userId else {
            return "绑定码无效或已过期，请在英才服务港「我的 · 微信绑定」重新获取。\nThe code is wrong or expired: get a new one on the portal."
        }
        let name = try await db.read { db in
            try await db.raw("SELECT display_name FROM users WHERE id = \(bind: userId)").first()?.decode(column: "display_name", as: String.self)
        } ?? ""
        return "绑定成功：\(Self.maskedName(name))。此后您在这里的咨询将记入您的账号，办结时会通知您。\n"
            + "Bound to your account: your requests here are now yours, and you will hear when they are resolved."
    }

    /// The state of an order the follower may see: their own (bound), or one filed from this chat.
    func status(_ number: String, openid: String, talent: Principal?) async throws -> String {
        guard let view = try await visibleOrder(number, openid: openid, talent: talent) else { return Self.notFound(number) }
        let r = view.record
        let tree = try await orgs.tree()
        let lead = r.rules.leadOrg.flatMap(OrgCode.init).flatMap { tree[$0]?.name } ?? "热线受理中心"
        let last = (view.timeline ?? []).last(where: { $0.note?.isEmpty == false })?.note
        var lines = ["工单 \(r.number)", "状态：\(r.rules.state.label.chinese)（\(r.rules.state.label.english)）", "承办单位：\(lead)"]
        if r.rules.state.isOpen { lines.append("办理期限：\(r.rules.handlingDeadline)") }
        if let last { lines.append("最新进展：\(String(last.prefix(200)))") }
        return lines.joined(separator: "\n")
    }

    /// 继续: the bound talent's addition to an open order of theirs, as a `supplement` event.
    func supplement(_ number: String, content: String, openid: String, talent: Principal?, key: String, at now: Int64) async throws -> String {
        guard let talent else {
            try await record(key, openid, kind: "other", at: now)
            return "补充工单需先绑定账号：登录英才服务港，在「我的 · 微信绑定」获取绑定码后发送「绑定 绑定码」。\n"
                + "Bind your account first to add to an order."
        }
        guard let id = try await order(number, seenBy: talent, timeline: false)?.record.id else {
            try await record(key, openid, kind: "other", at: now)
            return Self.notFound(number)
        }
        var writes = WriteSet()
        Self.insertMessage(key, openid, kind: "supplement", orderId: id, at: now, into: &writes)
        do {
            _ = try await workOrders.act(id, action: "supplement", WorkOrderActionInput(text: String(content.prefix(2000))), by: talent, alsoWriting: writes)
        } catch let error where error is CoreError || error is WorkOrderError {
            // Closed, withdrawn, or not theirs to add to: nothing was written but the message.
            try await record(key, openid, kind: "other", at: now)
            return "工单 \(number) 已不能补充（已办结或已撤回）；如有新的问题，请直接发送。\nThe order is no longer open: send a new message instead."
        }
        return "已补充到工单 \(number)，承办单位会一并处理。\nAdded to \(number)."
    }

    /// A new inquiry (咨询): the bound talent's own, or an anonymous one the hotline dispatches.
    func inquiry(_ text: String, openid: String, talent: Principal?, key: String, account: WeChatAccount, at now: Int64) async throws -> String {
        let content = String(text.prefix(5000))
        let firstLine = content.split(whereSeparator: \.isNewline).first.map(String.init) ?? content
        let title = "微信咨询：" + String(firstLine.prefix(30))
        let principal: Principal
        var input = NewWorkOrder(channel: Channel.wechat.rawValue, category: WorkOrderCategory.inquiry.rawValue, title: title, content: content)
        if let talent {
            principal = talent
        } else {
            principal = try await servicePrincipal()
            input.contact = .init(name: "微信用户 " + String(openid.suffix(4)))
            input.districtCode = try await district(named: content) ?? account.defaultDistrict
        }
        var (record, writes) = try await workOrders.plan(input, by: principal, routedTo: nil)
        writes.insert("wechat_orders", columns: ["district_code", "order_id", "openid"],
                      values: [SQLBind(record.districtCode), SQLBind(record.id), SQLBind(openid)])
        Self.insertMessage(key, openid, kind: "inquiry", orderId: record.id, at: now, into: &writes)
        try await workOrders.filings.write(writes)
        var reply = "已受理您的咨询。\n工单编号：\(record.number)\n办理期限：\(record.rules.handlingDeadline)\n"
            + "发送「查询 \(record.number)」查看进度，发送「继续 \(record.number) 补充内容」补充说明。\n"
            + "Received as \(record.number), to be answered by \(record.rules.handlingDeadline)."
        if talent == nil {
            reply += "\n绑定英才服务港账号后，咨询将记入您的账号：登录后在「我的 · 微信绑定」获取绑定码，发送「绑定 绑定码」。"
        }
        return reply
    }

    // MARK: Helpers

    func boundPrincipal(_ openid: String) async throws -> Principal? {
        let row = try await db.read { db in
            try await db.raw("SELECT user_id FROM wechat_bindings WHERE openid = \(bind: openid)").first()
        }
        guard let userId = try row?.decode(column: "user_id", as: Int64.self),
              let principal = try await accounts.principal(userId: userId), principal.isTalentOnly, principal.talentId != nil
        else { return nil }
        return principal
    }

    func visibleOrder(_ number: String, openid: String, talent: Principal?) async throws -> WorkOrderView? {
        guard let id = WorkOrderRecord.id(fromNumber: number) else { return nil }
        if let talent, let view = try await order(number, seenBy: talent, timeline: true) { return view }
        let filedHere = try await db.read { db in
            try await db.raw("SELECT 1 AS x FROM wechat_orders WHERE order_id = \(bind: id) AND openid = \(bind: openid)").first() != nil
        }
        return filedHere ? try await order(number, seenBy: try await servicePrincipal(), timeline: true) : nil
    }

    /// The order of `number` as `principal` sees it; nil when there is none, or not for them to see
    /// (a database that fails is an error, not a missing order).
    func order(_ number: String, seenBy principal: Principal, timeline: Bool) async throws -> WorkOrderView? {
        guard let id = WorkOrderRecord.id(fromNumber: number) else { return nil }
        do {
            let view = try await workOrders.view(id, by: principal, timeline: timeline)
            return view.record.number == number ? view : nil
        } catch CoreError.notFound {
            return nil
        }
    }

    /// The district a text names (渝北区, 两江新区 …), the longest name first.
    func district(named text: String) async throws -> String? {
        let tree = try await orgs.tree()
        let districts = tree.allDistricts.sorted { $0.name.count > $1.name.count }
        return districts.first { text.contains($0.name) }?.code.rawValue
    }

    /// The dispatcher of the city hotline that files anonymous followers' inquiries (nobody signs in
    /// as it: its password is random and never shown).
    func servicePrincipal() async throws -> Principal {
        var id = serviceAccount.withLockedValue { $0 }
        if id == nil {
            id = try await accounts.serviceAccount(username: Self.serviceUsername, displayName: "微信公众号 / WeChat",
                                                   roles: [.dispatcher], orgCode: Open311Gateway.hotlineOrg).id
        }
        guard let id else { throw CoreError.notFound("WeChat service account") }
        serviceAccount.withLockedValue { $0 = id }
        guard let principal = try await accounts.principal(userId: id) else { throw CoreError.notFound("WeChat service account") }
        return principal
    }

    func record(_ key: String, _ openid: String, kind: String, at now: Int64) async throws {
        try await db.transaction { db in try await Self.insertMessage(key, openid, kind: kind, orderId: nil, at: now, on: db) }
    }

    static func insertMessage(_ key: String, _ openid: String, kind: String, orderId: Int64?, at now: Int64, on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO wechat_messages (replay_key, openid, kind, order_id, received_at)
            VALUES (\(bind: key), \(bind: openid), \(bind: kind), \(bind: orderId), \(bind: now))
            """).run()
    }

    static func insertMessage(_ key: String, _ openid: String, kind: String, orderId: Int64?, at now: Int64, into writes: inout WriteSet) {
        writes.insert("wechat_messages", columns: ["replay_key", "openid", "kind", "order_id", "received_at"],
                      values: [SQLBind(key), SQLBind(openid), SQLBind(kind), SQLBind(orderId), SQLBind(now)])
    }

    static func notFound(_ number: String) -> String {
        "未找到工单 \(number)：请核对编号；只能查询您本人或在本公众号提交的工单。\nNo such order of yours: check the number."
    }

    static func usage(_ problem: TalentCommand.Problem) -> String {
        switch problem {
        case .emptyMessage: "请发送文字描述您的问题。\nPlease write your question."
        case .bindingCode: "绑定请发送「绑定 123456」（登录英才服务港，在「我的 · 微信绑定」获取 6 位绑定码）。\nTo bind, send 绑定 and the 6-digit code."
        case .orderNumber: "工单编号形如 YC20261203000123，请发送「查询 编号」或「继续 编号 补充内容」。\nOrder numbers look like YC20261203000123."
        case .continuationContent: "请在编号后写上要补充的内容，例如「继续 YC20261203000123 已补交社保证明」。\nWrite what to add after the number."
        }
    }

    /// 张** for 张三丰: enough for the follower to recognise the account, no more.
    static func maskedName(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }

    /// Keeps the message log short: WeChat retries within seconds and the window is five minutes.
    public func pruneMessages(olderThanMillis age: Int64 = 86_400_000) async throws {
        let cutoff = clock.nowMillis() - age
        try await db.transaction { db in try await db.raw("DELETE FROM wechat_messages WHERE received_at < \(bind: cutoff)").run() }
    }
}

import Foundation
import HummingbirdTesting
import SQLKit
import Testing
import WeChatMP
import YingcaiCore

/// Drives `/wechat/mp` as WeChat's servers do: signed query strings, plain and sealed (安全模式)
/// bodies built with the WeChatMP module (itself checked byte for byte against wechatpy), replies
/// opened and checked. `scripts/ci/wechat.sh` drives the same endpoint with wechatpy itself.
@Suite("WeChat official account: URL check, binding, filing, status, additions, replays and forgeries, template messages")
struct WeChatAPITests {
    static let account = WeChatAccount(token: "yingcaitest", appID: "wx0123456789abcdef", encodingAESKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
                                       appSecret: "app-secret", templateID: "TPL-RESOLVED", apiBase: "http://127.0.0.1:9")
    let crypto = try! SafeModeCrypto(token: account.token, encodingAESKey: account.encodingAESKey!, appID: account.appID)

    struct Sent {
        let status: Int
        /// The reply's text (opened when sealed), or nil for `success` and refusals.
        let reply: String?
        let raw: String
    }

    func textXML(from openid: String, _ content: String, msgID: Int64, at seconds: Int64) -> String {
        "<xml><ToUserName><![CDATA[gh_yingcai]]></ToUserName><FromUserName><![CDATA[\(openid)]]></FromUserName>"
            + "<CreateTime>\(seconds)</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[\(content)]]></Content><MsgId>\(msgID)</MsgId></xml>"
    }

    func eventXML(from openid: String, _ event: String, at seconds: Int64) -> String {
        "<xml><ToUserName><![CDATA[gh_yingcai]]></ToUserName><FromUserName><![CDATA[\(openid)]]></FromUserName>"
            + "<CreateTime>\(seconds)</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[\(event)]]></Event></xml>"
    }

    /// Posts `xml` as WeChat would: signed, and sealed when `sealed`. `forge` spoils the signature.
    func send(_ client: some TestClientProtocol, _ xml: String, sealed: Bool, at seconds: Int64, forge: Bool = false) async throws -> Sent {
        let timestamp = String(seconds)
        let nonce = String(Int.random(in: 100_000...999_999))
        var signature = PushSignature.url(token: Self.account.token, timestamp: timestamp, nonce: nonce)
        var query = "timestamp=\(timestamp)&nonce=\(nonce)&openid=x"
        var body = xml
        if sealed {
            let encrypt = try crypto.cipher.encrypt(xml)
            var msgSignature = PushSignature.message(token: Self.account.token, timestamp: timestamp, nonce: nonce, encrypt: encrypt)
            if forge { msgSignature = String(msgSignature.reversed()) }
            body = "<xml><ToUserName><![CDATA[gh_yingcai]]></ToUserName><Encrypt><![CDATA[\(encrypt)]]></Encrypt></xml>"
            query += "&encrypt_type=aes&msg_signature=\(msgSignature)"
        } else if forge {
            signature = String(signature.reversed())
        }
        let answer = try await client.call(.post, "/wechat/mp?signature=\(signature)&" + query, raw: body, headers: ["Content-Type": "text/xml"])
        guard answer.status == 200, answer.text != "success" else { return Sent(status: answer.status, reply: nil, raw: answer.text) }
        var plain = answer.text
        if sealed {
            let envelope = try WeChatXML.parse(answer.text)
            plain = try crypto.decrypt(encrypt: envelope.child("Encrypt")?.text ?? "", msgSignature: envelope.child("MsgSignature")?.text ?? "",
                                       timestamp: envelope.child("TimeStamp")?.text ?? "", nonce: envelope.child("Nonce")?.text ?? "")
        }
        let reply = try IncomingMessage.parse(plain)
        #expect(reply.toUserName == (try IncomingMessage.parse(xml)).fromUserName && reply.fromUserName == "gh_yingcai")
        guard case .text(let content) = reply.body else { Issue.record("not a text reply: \(plain)"); return Sent(status: 200, reply: nil, raw: plain) }
        return Sent(status: 200, reply: content, raw: plain)
    }

    func orders(_ env: TestApp) async throws -> Int {
        try await env.core.db.read { db in try await db.raw("SELECT count(*) AS n FROM work_orders").first()!.decode(column: "n", as: Int.self) }
    }

    static func number(in reply: String?) -> String? {
        guard let reply, let range = reply.range(of: #"YC\d{14,20}"#, options: .regularExpression) else { return nil }
        return String(reply[range])
    }

    @Test("the URL check answers echostr only when signed and fresh; a follower's text files an inquiry, bound or not")
    func urlCheckAndFiling() async throws {
        try await TestApp.run(wechat: Self.account) { (env, client) async throws in
            let now = env.core.clock.nowMillis() / 1000
            let nonce = "42"
            let good = PushSignature.url(token: Self.account.token, timestamp: String(now), nonce: nonce)
            let check = try await client.call(.get, "/wechat/mp?signature=\(good)&timestamp=\(now)&nonce=\(nonce)&echostr=hello-wechat")
            #expect(check.status == 200 && check.text == "hello-wechat")
            #expect(try await client.code(.get, "/wechat/mp?signature=\(String(good.reversed()))&timestamp=\(now)&nonce=\(nonce)&echostr=x") == 403)
            let old = now - 301
            let oldSignature = PushSignature.url(token: Self.account.token, timestamp: String(old), nonce: nonce)
            #expect(try await client.code(.get, "/wechat/mp?signature=\(oldSignature)&timestamp=\(old)&nonce=\(nonce)&echostr=x") == 403)

            // An unbound follower: an anonymous inquiry in the district the text names, for the hotline.
            let anonymous = try await send(client, textXML(from: "oAnonymousFollower0001", "渝北区的人才公寓怎么申请？", msgID: 1001, at: now), sealed: false, at: now)
            let anonNumber = try #require(Self.number(in: anonymous.reply), "\(anonymous.raw)")
            #expect(anonymous.reply?.contains("绑定") == true)
            let dispatcher = try await client.login("dispatcher")
            let anonOrder = try await client.call(.get, "/api/v1/work-orders/\(anonNumber)", token: dispatcher)
            #expect(anonOrder["channel"] as? String == "wechat" && anonOrder["state"] as? String == "received" && anonOrder["districtCode"] as? String == "500112",
                    "\(anonOrder.text)")

            // A talent binds with the code the portal shows them, in safe mode.
            let (talent, talentId) = try await client.certifiedTalent()
            #expect(try await client.call(.get, "/api/v1/me/wechat", token: talent)["bound"] as? Bool == false)
            let issued = try await client.call(.post, "/api/v1/me/wechat/binding-code", token: talent)
            #expect(issued.status == 201)
            let code = try #require(issued["code"] as? String)
            #expect(try await client.code(.post, "/api/v1/me/wechat/binding-code", token: dispatcher) == 403)
            let openid = "oTalentFollower00000001"
            let bound = try await send(client, textXML(from: openid, "绑定 \(code)", msgID: 1002, at: now), sealed: true, at: now)
            #expect(bound.reply?.contains("绑定成功") == true, "\(bound.raw)")
            let status = try await client.call(.get, "/api/v1/me/wechat", token: talent)
            #expect(status["bound"] as? Bool == true && (status["openidMasked"] as? String)?.hasPrefix("oTal") == true && !status.text.contains(openid))
            // The code is used up.
            let again = try await send(client, textXML(from: "oSomeoneElse000000001", "绑定 \(code)", msgID: 1003, at: now), sealed: true, at: now)
            #expect(again.reply?.contains("无效") == true)

            // The bound talent's question is their own order, on the wechat channel.
            let before = try await orders(env)
            let asked = try await send(client, textXML(from: openid, "我想咨询高层次人才子女入学政策", msgID: 1004, at: now), sealed: true, at: now)
            let number = try #require(Self.number(in: asked.reply), "\(asked.raw)")
            let mine = try await client.call(.get, "/api/v1/work-orders/\(number)", token: talent)
            #expect(mine.status == 200 && mine["channel"] as? String == "wechat" && mine["talentId"] as? Int == talentId, "\(mine.text)")
            #expect(try await orders(env) == before + 1)

            // WeChat's retry of the same MsgId (signed afresh) files nothing and says nothing.
            let retry = try await send(client, textXML(from: openid, "我想咨询高层次人才子女入学政策", msgID: 1004, at: now), sealed: true, at: now)
            #expect(retry.status == 200 && retry.reply == nil && retry.raw == "success")
            #expect(try await orders(env) == before + 1)

            // A replay with an old timestamp, a forged signature in either mode: 403, nothing filed.
            #expect(try await send(client, textXML(from: openid, "新问题", msgID: 1005, at: now - 400), sealed: true, at: now - 400).status == 403)
            #expect(try await send(client, textXML(from: openid, "新问题", msgID: 1006, at: now), sealed: true, at: now, forge: true).status == 403)
            #expect(try await send(client, textXML(from: openid, "新问题", msgID: 1007, at: now), sealed: false, at: now, forge: true).status == 403)
            #expect(try await client.code(.post, "/wechat/mp?signature=x&timestamp=\(now)&nonce=1", raw: "<xml>") == 403)
            #expect(try await orders(env) == before + 1)

            // 查询: their own order, the anonymous follower's own, and nobody else's.
            let state = try await send(client, textXML(from: openid, "查询 \(number)", msgID: 1008, at: now), sealed: true, at: now)
            #expect(state.reply?.contains(number) == true && state.reply?.contains("状态：") == true, "\(state.raw)")
            let notTheirs = try await send(client, textXML(from: openid, "查询 \(anonNumber)", msgID: 1009, at: now), sealed: true, at: now)
            #expect(notTheirs.reply?.contains("未找到") == true)
            let anonState = try await send(client, textXML(from: "oAnonymousFollower0001", "查询\(anonNumber)", msgID: 1010, at: now), sealed: false, at: now)
            #expect(anonState.reply?.contains("受理") == true, "\(anonState.raw)")

            // 继续: an addition to the open order, kept in its timeline.
            let added = try await send(client, textXML(from: openid, "继续 \(number) 孩子明年秋季入学", msgID: 1011, at: now), sealed: true, at: now)
            #expect(added.reply?.contains("已补充") == true, "\(added.raw)")
            let timeline = try await client.call(.get, "/api/v1/work-orders/\(number)", token: talent)["timeline"] as? [[String: Any]] ?? []
            #expect(timeline.contains { $0["action"] as? String == "supplement" && $0["note"] as? String == "孩子明年秋季入学" })
            #expect(try await orders(env) == before + 1)
        }
    }

    @Test("resolving an order filed in the chat queues one template message, sent with backoff when WeChat cannot be reached")
    func templateOnResolve() async throws {
        try await TestApp.run(wechat: Self.account) { (env, client) async throws in
            let now = env.core.clock.nowMillis() / 1000
            let (talent, _) = try await client.certifiedTalent()
            let code = try #require(try await client.call(.post, "/api/v1/me/wechat/binding-code", token: talent)["code"] as? String)
            let openid = "oTalentFollower00000002"
            _ = try await send(client, textXML(from: openid, "绑定\(code)", msgID: 2001, at: now), sealed: false, at: now)
            let asked = try await send(client, textXML(from: openid, "请问引才奖励什么时候发放？", msgID: 2002, at: now), sealed: false, at: now)
            let number = try #require(Self.number(in: asked.reply), "\(asked.raw)")
            let dispatcher = try await client.login("dispatcher")
            #expect(try await client.code(.post, "/api/v1/work-orders/\(number)/dispatch", token: dispatcher, json: ["leadOrg": "500112:HRSS"]) == 200)
            let handler = try await client.login("yubei-hrss")
            for action in ["accept", "start"] { #expect(try await client.code(.post, "/api/v1/work-orders/\(number)/\(action)", token: handler, json: [:]) == 200) }
            #expect(try await client.code(.post, "/api/v1/work-orders/\(number)/resolve", token: handler, json: ["result": "已于本月 20 日发放"]) == 200)

            let rows = try await env.core.db.read { db in
                try await db.raw("SELECT openid, payload, attempts FROM wechat_outbox").all()
            }
            try #require(rows.count == 1)
            #expect(try rows[0].decode(column: "openid", as: String.self) == openid)
            let payload = try JSONSerialization.jsonObject(with: Data(try rows[0].decode(column: "payload", as: String.self).utf8)) as? [String: Any] ?? [:]
            #expect(payload["touser"] as? String == openid && payload["template_id"] as? String == "TPL-RESOLVED")
            let data = payload["data"] as? [String: [String: String]] ?? [:]
            #expect(data["keyword1"]?["value"] == number && data["keyword3"]?["value"] == "已于本月 20 日发放")

            // WeChat's API is not reachable here: the message waits 10 s, then 20 s, and is not lost.
            let work = BackgroundWork(core: env.core, logger: env.logs.logger)
            #expect(try await work.deliverWeChatTemplates() == 0)
            let after = try await env.core.db.read { db in
                try await db.raw("SELECT attempts, next_attempt_at, last_error, delivered_at FROM wechat_outbox").first()!
            }
            #expect(try after.decode(column: "attempts", as: Int.self) == 1 && after.decode(column: "delivered_at", as: Int64?.self) == nil)
            #expect(try after.decode(column: "next_attempt_at", as: Int64.self) == env.core.clock.nowMillis() + 10_000)
            #expect(try await work.deliverWeChatTemplates() == 0)  // not due yet: nothing tried
            #expect(try await env.core.db.read { db in try await db.raw("SELECT attempts FROM wechat_outbox").first()!.decode(column: "attempts", as: Int.self) } == 1)
        }
    }

    @Test("wrong codes are limited per follower; unfollowing unbinds; events and other messages get polite answers")
    func bindingLimitsAndEvents() async throws {
        try await TestApp.run(wechat: Self.account) { (env, client) async throws in
            let now = env.core.clock.nowMillis() / 1000
            let (talent, _) = try await client.certifiedTalent()
            let openid = "oGuessingFollower000001"
            for i in 0..<5 {
                let wrong = try await send(client, textXML(from: openid, "绑定 00000\(i)", msgID: 3000 + Int64(i), at: now), sealed: false, at: now)
                #expect(wrong.reply?.contains("无效") == true)
            }
            let code = try #require(try await client.call(.post, "/api/v1/me/wechat/binding-code", token: talent)["code"] as? String)
            let refused = try await send(client, textXML(from: openid, "绑定 \(code)", msgID: 3010, at: now), sealed: false, at: now)
            #expect(refused.reply?.contains("过多") == true)
            #expect(try await client.call(.get, "/api/v1/me/wechat", token: talent)["bound"] as? Bool == false)

            let follower = "oPoliteFollower00000001"
            let welcome = try await send(client, eventXML(from: follower, "subscribe", at: now), sealed: true, at: now)
            #expect(welcome.reply?.contains("欢迎") == true)
            // The same event again (same sender and time) is a repeat.
            #expect(try await send(client, eventXML(from: follower, "subscribe", at: now), sealed: true, at: now).raw == "success")
            let bound = try await send(client, textXML(from: follower, "绑定 \(code)", msgID: 3011, at: now), sealed: true, at: now)
            #expect(bound.reply?.contains("绑定成功") == true)
            let malformed = try await send(client, textXML(from: follower, "查询 YC2026", msgID: 3012, at: now), sealed: true, at: now)
            #expect(malformed.reply?.contains("YC20261203000123") == true)
            // Text a filing refuses (a C1 control character, which XML itself carries): the follower is
            // told why, WeChat gets its answer, nothing is filed.
            let before = try await env.core.db.read { db in try await db.raw("SELECT count(*) AS n FROM work_orders").first()!.decode(column: "n", as: Int.self) }
            let refusedText = try await send(client, textXML(from: follower, "人才公寓\u{85}怎么申请", msgID: 3013, at: now), sealed: true, at: now)
            #expect(refusedText.reply?.contains("未能受理") == true, "\(refusedText.raw)")
            #expect(try await env.core.db.read { db in try await db.raw("SELECT count(*) AS n FROM work_orders").first()!.decode(column: "n", as: Int.self) } == before)
            #expect(try await send(client, eventXML(from: follower, "unsubscribe", at: now + 1), sealed: true, at: now + 1).raw == "success")
            #expect(try await client.call(.get, "/api/v1/me/wechat", token: talent)["bound"] as? Bool == false)
            #expect(try await client.code(.delete, "/api/v1/me/wechat", token: talent) == 204)
        }
    }

    @Test("without an account configured the channel is not there")
    func off() async throws {
        try await TestApp.run { (_, client) async throws in
            #expect(try await client.code(.get, "/wechat/mp?signature=a&timestamp=1&nonce=1&echostr=x") == 404)
            let (talent, _) = try await client.certifiedTalent()
            #expect(try await client.code(.get, "/api/v1/me/wechat", token: talent) == 404)
        }
    }
}

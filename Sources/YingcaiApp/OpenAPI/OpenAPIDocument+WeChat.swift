import Foundation
import YingcaiCore

/// The 公众号 channel as its own section of the OpenAPI document (tag `WeChat`): the server address
/// WeChat's servers push to, and the talent's binding on the portal.
extension OpenAPIDocument {
    static let wechatOperations: [Operation] = [
        .init(method: "get", path: "/api/v1/me/wechat", summary: "我的微信绑定（公众号未配置时 404）/ your WeChat binding", response: "WeChatBinding"),
        .init(method: "post", path: "/api/v1/me/wechat/binding-code",
              summary: "获取绑定码（6 位，10 分钟内在公众号发送「绑定 绑定码」）/ a one-time code to send in the chat", response: "WeChatBindingCode", status: "201"),
        .init(method: "delete", path: "/api/v1/me/wechat", summary: "解除绑定 / unbind", status: "204"),
    ]

    static var wechatSchemas: [String: Any] {
        let code = object(["code": string("6 位数字 / six digits"), "expiresAt": timeType, "instructions": string("在公众号里发送的内容 / what to send")])
        return [
            "WeChatBindingCode": code,
            "WeChatBinding": object(["bound": ["type": "boolean"], "account": string("公众号名称"),
                                     "openidMasked": ["type": ["string", "null"], "description": "o6_b…Xyz4"],
                                     "boundAt": ["type": ["string", "null"], "format": "date-time"],
                                     "pendingCode": ["anyOf": [ref("WeChatBindingCode"), ["type": "null"]]]]),
        ]
    }

    /// WeChat's push (消息推送) to the server address: the URL check and the messages, signed with
    /// the account's token, sealed in 安全模式; the answer is a passive reply or `success`.
    static var wechatPaths: [String: [String: Any]] {
        func query(_ name: String, _ description: String, required: Bool = true) -> [String: Any] {
            ["name": name, "in": "query", "required": required, "schema": ["type": "string"], "description": description]
        }
        let problem: [String: Any] = ["description": "problem details", "content": ["application/problem+json": ["schema": ref("Problem")]]]
        let signing = [query("signature", "SHA-1 of token, timestamp, nonce"), query("timestamp", "Unix 秒，5 分钟内 / within five minutes"),
                       query("nonce", "随机数 / nonce")]
        let refusals: [String: Any] = ["400": problem, "403": problem, "404": problem, "503": problem]
        return ["/wechat/mp": [
            "get": ["summary": "服务器配置验证：签名正确时原样返回 echostr / the URL check", "tags": ["WeChat"],
                    "parameters": signing + [query("echostr", "随机字符串 / echoed back")],
                    "responses": refusals.merging(["200": ["description": "echostr", "content": ["text/plain": ["schema": ["type": "string"]]]]]) { a, _ in a }],
            "post": ["summary": "消息推送（明文或安全模式）：文字消息生成咨询工单、绑定、查询、补充；被动回复或 success / a pushed message",
                     "tags": ["WeChat"],
                     "parameters": signing + [query("openid", "发送者 / the sender", required: false),
                                              query("encrypt_type", "aes：安全模式 / safe mode", required: false),
                                              query("msg_signature", "安全模式签名 / safe-mode signature", required: false)],
                     "requestBody": ["required": true, "content": ["text/xml": ["schema": ["type": "string", "description": "WeChat push XML"]]]],
                     "responses": refusals.merging(["200": ["description": "passive reply XML, or success", "content": [
                         "application/xml": ["schema": ["type": "string"]], "text/plain": ["schema": ["type": "string"]]]]]) { a, _ in a }],
        ]]
    }
}

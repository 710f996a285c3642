import Foundation
import Hummingbird
import NIOCore
import WeChatMP
import YingcaiCore

/// The 公众号's server address (`/wechat/mp`), where WeChat's servers push, and the talent's binding
/// under `/api/v1/me/wechat`. Off (404) until `YINGCAI_WECHAT_TOKEN` and `YINGCAI_WECHAT_APPID` are set.
struct WeChatController {
    let app: Yingcai
    static let path = "/wechat/mp"

    func add(to table: RouteTable) {
        table.add(.get, Self.path) { request, _ in
            let q = Query(request)
            let signature = q["signature"], timestamp = q["timestamp"], nonce = q["nonce"], echostr = q["echostr"]
            let echo: String = try await refusing {
                try app.wechat.answerURLCheck(signature: signature, timestamp: timestamp, nonce: nonce, echostr: echostr)
            }
            return Self.text(echo, contentType: "text/plain; charset=utf-8")
        }
        table.add(.post, Self.path) { request, _ in
            let q = Query(request)
            let body = try await request.body.collect(upTo: 64 * 1024)
            let push = WeChatPush(signature: q["signature"], timestamp: q["timestamp"], nonce: q["nonce"], encryptType: q.optional("encrypt_type"),
                                  msgSignature: q.optional("msg_signature"), body: String(buffer: body))
            let answer: String = try await refusing { try await app.wechat.receive(push) }
            let type = answer == NoReply.body ? "text/plain; charset=utf-8" : "application/xml; charset=utf-8"
            return Self.text(answer, contentType: type)
        }
    }

    /// The query string's fields, an absent one as empty (the signature check then fails).
    struct Query {
        let parameters: Parameters
        init(_ request: Request) { parameters = request.uri.queryParameters }
        subscript(_ name: String) -> String { optional(name) ?? "" }
        func optional(_ name: String) -> String? { parameters.get(name).map { String($0) } }
    }

    func add(to api: APIRoutes) {
        api.get("/me/wechat") { _, context in
            let status = try await app.wechat.binding(of: try context.user())
            return try JSON.response(BindingDTO(status, account: app.wechat.account?.name ?? ""))
        }
        api.post("/me/wechat/binding-code") { _, context in
            let code = try await app.wechat.newBindingCode(for: try context.user())
            return try JSON.response(CodeDTO(code, account: app.wechat.account?.name ?? ""), status: .created)
        }
        api.delete("/me/wechat") { _, context in
            try await app.wechat.unbind(try context.user())
            return Response(status: .noContent)
        }
    }

    struct CodeDTO: Encodable {
        let code: String, expiresAt: String, instructions: String
        init(_ c: WeChatBindingCode, account: String) {
            code = c.code
            expiresAt = RFC3339.string(c.expiresAt)
            instructions = "在「\(account)」公众号发送：绑定 \(c.code)（10 分钟内有效）/ send 绑定 \(c.code) in the chat within 10 minutes"
        }
    }

    struct BindingDTO: Encodable {
        let bound: Bool, account: String, openidMasked: String?, boundAt: String?, pendingCode: CodeDTO?
        init(_ s: WeChatBindingStatus, account: String) {
            bound = s.isBound
            self.account = account
            openidMasked = s.openidMasked
            boundAt = s.boundAt.map { RFC3339.string($0) }
            pendingCode = s.pendingCode.map { CodeDTO($0, account: account) }
        }
    }

    /// WeChat's refusals as problem details: a signature, key or clock that does not match is 403
    /// (nothing was read), a push that is not WeChat's XML is 400.
    func refusing<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as WeChatError {
            switch error {
            case .invalidSignature, .invalidCiphertext, .invalidPadding, .invalidFrame, .appIDMismatch, .invalidUTF8:
                throw CoreError.forbidden("签名或密文不符 / the signature or the sealed message does not match")
            case .staleTimestamp, .futureTimestamp:
                throw CoreError.forbidden("时间戳超出 5 分钟窗口，可能是重放 / the timestamp is outside the five-minute window")
            case .invalidTimestamp:
                throw CoreError.invalid("timestamp", "应为 Unix 秒 / Unix seconds")
            default:
                throw CoreError.invalid("body", "不是可读的微信消息 / not a WeChat push: \(error)")
            }
        }
    }

    static func text(_ text: String, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

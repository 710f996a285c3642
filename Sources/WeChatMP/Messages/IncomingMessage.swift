/// A message or event pushed by WeChat (接收普通消息 / 接收事件推送), after decryption.
public struct IncomingMessage: Sendable, Equatable {
    /// The 公众号's original ID (gh_…).
    public let toUserName: String
    /// The sender's OpenID for this 公众号.
    public let fromUserName: String
    /// Unix seconds, as WeChat stamped the message.
    public let createTime: Int64
    /// `MsgId`, a 64-bit number kept as its digits; events have none.
    public let msgID: String?
    public let body: Body

    public enum Body: Sendable, Equatable {
        /// 文本消息.
        case text(String)
        /// 关注: a follow; `scene` is the QR scene (`EventKey` without `qrscene_`) when the follow
        /// came from scanning a parametric QR code.
        case subscribe(scene: String?)
        /// 取消关注.
        case unsubscribe
        /// Any other message type (image, voice, location, link…) or event (CLICK, SCAN…), kept by
        /// name so the caller can answer politely rather than fail.
        case unsupported(msgType: String, event: String?)
    }

    public init(toUserName: String, fromUserName: String, createTime: Int64, msgID: String?, body: Body) {
        self.toUserName = toUserName
        self.fromUserName = fromUserName
        self.createTime = createTime
        self.msgID = msgID
        self.body = body
    }

    /// Parses the plaintext XML of a push (from `SafeModeCrypto.decryptMessage`, or the body itself
    /// in plain mode). Message and event type names are compared case-insensitively, as wechatpy does.
    public static func parse(_ xml: String) throws(WeChatError) -> IncomingMessage {
        let fields = try MessageFields(WeChatXML.parse(xml))
        guard let createText = try fields.digits("CreateTime") else { throw .missingField("CreateTime") }
        guard let createTime = Int64(createText) else { throw .invalidField("CreateTime") }
        let msgType = try fields.required("MsgType").trimmingASCIIWhitespace()
        return IncomingMessage(
            toUserName: try fields.required("ToUserName"),
            fromUserName: try fields.required("FromUserName"),
            createTime: createTime,
            msgID: try fields.digits("MsgId"),
            body: try body(msgType: msgType, fields: fields)
        )
    }

    private static func body(msgType: String, fields: MessageFields) throws(WeChatError) -> Body {
        switch msgType.lowercased() {
        case "text":
            return .text(try fields.required("Content"))
        case "event":
            let event = try fields.required("Event").trimmingASCIIWhitespace()
            switch event.lowercased() {
            case "subscribe":
                let key = fields.optional("EventKey") ?? ""
                return .subscribe(scene: key.hasPrefix("qrscene_") ? String(key.dropFirst("qrscene_".count)) : nil)
            case "unsubscribe":
                return .unsubscribe
            default:
                return .unsupported(msgType: msgType, event: event)
            }
        default:
            return .unsupported(msgType: msgType, event: nil)
        }
    }
}

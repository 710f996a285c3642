/// A passive text reply (被动回复文本消息), written exactly as wechatpy's `TextReply.render()` does
/// (same element order, CDATA and newlines), so the two are interchangeable byte for byte.
public struct TextReply: Sendable, Equatable {
    /// The follower's OpenID (the message's `FromUserName`).
    public let toUserName: String
    /// The 公众号's original ID (the message's `ToUserName`).
    public let fromUserName: String
    public let createTime: Int64
    public let content: String

    public init(toUserName: String, fromUserName: String, createTime: Int64, content: String) {
        self.toUserName = toUserName
        self.fromUserName = fromUserName
        self.createTime = createTime
        self.content = content
    }

    /// The reply to `message`, with sender and recipient swapped.
    public init(replyingTo message: IncomingMessage, content: String, createTime: Int64) {
        self.init(toUserName: message.fromUserName, fromUserName: message.toUserName, createTime: createTime, content: content)
    }

    public var xml: String {
        "<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content>\(XMLText.cdata(content))</Content>\n"
            + "<FromUserName>\(XMLText.cdata(fromUserName))</FromUserName>\n"
            + "<ToUserName>\(XMLText.cdata(toUserName))</ToUserName>\n<CreateTime>\(createTime)</CreateTime>\n</xml>"
    }
}

/// What the caller stores to recognise a message seen before (消息排重).
///
/// WeChat's advice: messages by `MsgId`; events, which have none, by `FromUserName` + `CreateTime`.
/// WeChat itself re-sends a push up to three times when the server is slow, with the same key.
public struct ReplayKey: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) { self.value = value }

    public init(for message: IncomingMessage) {
        if let id = message.msgID {
            value = "msg:\(id)"
        } else {
            value = "evt:\(message.fromUserName):\(message.createTime)"
        }
    }

    public var description: String { value }
}

extension IncomingMessage {
    public var replayKey: ReplayKey { ReplayKey(for: self) }
}

/// The body of a safe-mode push: `<xml><ToUserName>…</ToUserName><Encrypt>…</Encrypt></xml>`.
/// (In 兼容模式 the plaintext fields ride along too; they are ignored here, and only `Encrypt`,
/// which the signature covers, is trusted.)
public struct IncomingEnvelope: Sendable, Equatable {
    /// The 公众号's original ID (gh_…), when present.
    public let toUserName: String?
    public let encrypt: String

    public init(toUserName: String?, encrypt: String) {
        self.toUserName = toUserName
        self.encrypt = encrypt
    }

    public static func parse(_ xml: String) throws(WeChatError) -> IncomingEnvelope {
        let fields = try MessageFields(WeChatXML.parse(xml))
        return IncomingEnvelope(toUserName: fields.optional("ToUserName"), encrypt: try fields.required("Encrypt"))
    }
}

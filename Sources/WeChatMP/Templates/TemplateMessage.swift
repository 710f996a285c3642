/// A template message (模板消息) for WeChat's `message/template/send` API: a status change pushed to
/// a follower outside the 48-hour customer-service window, e.g. "your order was dispatched".
///
/// This type only builds the request body; sending it (with an access_token) is the caller's job.
public struct TemplateMessage: Sendable, Equatable {
    /// The follower's OpenID.
    public var toUser: String
    public var templateID: String
    /// Where tapping the card leads (an H5 page), if anywhere.
    public var url: String?
    /// A mini program page to open instead of `url`, if set.
    public var miniProgram: MiniProgram?
    /// The heading line (`first`); templates created since 2023 ignore it, older ones show it.
    public var first: Field?
    /// `keyword1`, `keyword2`, … in order.
    public var keywords: [Field]
    /// The closing line (`remark`); like `first`, shown by older templates only.
    public var remark: Field?
    /// `client_msg_id`: WeChat drops a second send with the same id (防重入), so a retried job
    /// cannot message the follower twice.
    public var clientMessageID: String?

    public struct Field: Sendable, Equatable {
        public var value: String
        /// `#RRGGBB`, or nil for the template's default colour.
        public var color: String?

        public init(_ value: String, color: String? = nil) {
            self.value = value
            self.color = color
        }
    }

    public struct MiniProgram: Sendable, Equatable {
        public var appID: String
        public var pagePath: String?

        public init(appID: String, pagePath: String? = nil) {
            self.appID = appID
            self.pagePath = pagePath
        }
    }

    public init(
        toUser: String, templateID: String, url: String? = nil, miniProgram: MiniProgram? = nil,
        first: Field? = nil, keywords: [Field], remark: Field? = nil, clientMessageID: String? = nil
    ) {
        self.toUser = toUser
        self.templateID = templateID
        self.url = url
        self.miniProgram = miniProgram
        self.first = first
        self.keywords = keywords
        self.remark = remark
        self.clientMessageID = clientMessageID
    }

    /// The JSON body, keys in the order of WeChat's documentation, UTF-8 text unescaped.
    public func json() throws(WeChatError) -> String {
        var members: [(String, String)] = [("touser", JSONText.string(toUser)), ("template_id", JSONText.string(templateID))]
        if let url { members.append(("url", JSONText.string(url))) }
        if let miniProgram {
            var program = [("appid", JSONText.string(miniProgram.appID))]
            if let path = miniProgram.pagePath { program.append(("pagepath", JSONText.string(path))) }
            members.append(("miniprogram", JSONText.object(program)))
        }
        if let clientMessageID { members.append(("client_msg_id", JSONText.string(clientMessageID))) }
        var data: [(String, String)] = []
        if let first { data.append(("first", try Self.encode(first))) }
        for (index, keyword) in keywords.enumerated() { data.append(("keyword\(index + 1)", try Self.encode(keyword))) }
        if let remark { data.append(("remark", try Self.encode(remark))) }
        members.append(("data", JSONText.object(data)))
        return JSONText.object(members)
    }

    private static func encode(_ field: Field) throws(WeChatError) -> String {
        var members = [("value", JSONText.string(field.value))]
        if let color = field.color {
            guard isColor(color) else { throw .invalidColor(color) }
            members.append(("color", JSONText.string(color)))
        }
        return JSONText.object(members)
    }

    static func isColor(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 7 && bytes[0] == UInt8(ascii: "#")
            && bytes.dropFirst().allSatisfy {
                (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0)
            }
    }
}

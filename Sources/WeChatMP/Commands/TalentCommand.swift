/// What a follower's text asks for. A bound talent (已绑定的人才) mostly writes free text, which
/// becomes a new inquiry (咨询) work order; a few short forms are commands.
public enum TalentCommand: Sendable, Equatable {
    /// `绑定 123456`, or a bare six-digit code: bind this OpenID to the talent who was shown the code.
    case bind(code: String)
    /// `查询 YC20261203000123`, or a bare order number: the order's state (工单进度).
    case queryStatus(orderNumber: String)
    /// `继续 YC20261203000123 内容`: add to an open order (补充材料 / 追问) instead of opening a new one.
    case continueOrder(orderNumber: String, content: String)
    /// Anything else: the text of a new inquiry, trimmed but otherwise as written.
    case newInquiry(text: String)
    /// A command word with a missing or malformed argument. Answer with the expected form rather
    /// than filing `查询 abc` as an inquiry.
    case malformed(Problem)

    public enum Problem: Sendable, Equatable {
        case emptyMessage
        /// `绑定` without exactly six digits after it.
        case bindingCode
        /// `查询` or `继续` without a number of the form YC + 8-digit date + at least 6 digits.
        case orderNumber
        /// `继续 YC…` with nothing to add.
        case continuationContent
    }
}

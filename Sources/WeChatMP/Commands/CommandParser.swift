extension TalentCommand {
    /// Command words, simplified and traditional (typed on HK/TW keyboards).
    static let bindWords = ["绑定", "綁定"]
    static let queryWords = ["查询", "查詢"]
    static let continueWords = ["继续", "繼續"]

    /// Reads a follower's text. Full-width letters, digits and punctuation (ＹＣ１２３, ：) count as
    /// their ASCII forms, the order-number prefix is case-insensitive, and spaces (also the
    /// ideographic space) may stand between a command word and its argument and, for `绑定` and
    /// `查询`, inside the code or number.
    ///
    /// A command word counts only when nothing or a letter or digit follows it: `查询人才补贴政策`
    /// and `继续办理我的申请` are questions in their own right and become inquiries, while
    /// `查询 YC2026` is a mistyped command and is answered with the expected form.
    public static func parse(_ text: String) -> TalentCommand {
        let text = CommandText(text)
        guard !text.isEmpty else { return .malformed(.emptyMessage) }

        if let rest = text.argument(after: bindWords), text.looksLikeAnArgument(at: rest) {
            let code = text.compact(from: rest)
            return OrderNumber.isASCIIDigits(code, count: 6...6) ? .bind(code: code) : .malformed(.bindingCode)
        }
        if let rest = text.argument(after: queryWords), text.looksLikeAnArgument(at: rest) {
            let number = text.compact(from: rest).uppercased()
            return OrderNumber.isValid(number) ? .queryStatus(orderNumber: number) : .malformed(.orderNumber)
        }
        if let rest = text.argument(after: continueWords), text.looksLikeAnArgument(at: rest) {
            return continuation(text, from: rest)
        }
        let compact = text.compact(from: 0)
        if OrderNumber.isASCIIDigits(compact, count: 6...6) { return .bind(code: compact) }
        if OrderNumber.isValid(compact.uppercased()) { return .queryStatus(orderNumber: compact.uppercased()) }
        return .newInquiry(text: text.original(from: 0))
    }

    /// `YC… 内容`: the number is the leading run of letters and digits; the rest, after spaces and
    /// separators, is the addition, kept as the follower wrote it (full-width punctuation and all).
    private static func continuation(_ text: CommandText, from start: Int) -> TalentCommand {
        let end = text.endOfAlphanumericRun(from: start)
        let number = text.normalised(start..<end).uppercased()
        guard OrderNumber.isValid(number) else { return .malformed(.orderNumber) }
        let content = text.original(from: text.skippingSeparators(from: end))
        guard !content.isEmpty else { return .malformed(.continuationContent) }
        return .continueOrder(orderNumber: number, content: content)
    }
}

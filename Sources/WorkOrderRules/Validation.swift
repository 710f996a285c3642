/// Free-text fields: reasons, notes, opinions, results, organisation codes.
enum TextRule {
    /// `text` without leading and trailing whitespace (including newlines and full-width spaces,
    /// which `Character.isWhitespace` covers), done without Foundation.
    static func trimmed(_ text: String) -> Substring {
        let head = text.drop(while: \.isWhitespace)
        var end = head.endIndex
        while end > head.startIndex {
            let before = head.index(before: end)
            guard head[before].isWhitespace else { break }
            end = before
        }
        return head[head.startIndex..<end]
    }

    /// Refuses text that is blank or longer than `TimeLimits.maxTextLength` characters once trimmed.
    /// `chinese` names the field in the message (原因, 意见, …).
    static func check(_ text: String, field: String, chinese: String) throws(RuleError) {
        let body = trimmed(text)
        if body.isEmpty {
            throw .invalid(field, "请填写\(chinese)", "\(field) must not be empty")
        }
        if body.count > TimeLimits.maxTextLength {
            throw .invalid(field, "\(chinese)不能超过\(TimeLimits.maxTextLength)个字符",
                           "\(field) must be at most \(TimeLimits.maxTextLength) characters")
        }
    }
}

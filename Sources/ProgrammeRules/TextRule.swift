/// Free-text fields: reasons and names. Done without Foundation, as in the work-order rules.
enum TextRule {
    /// `text` without leading and trailing whitespace (newlines and the full-width space U+3000
    /// included: `Character.isWhitespace` covers them).
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

    static func isBlank(_ text: String) -> Bool { trimmed(text).isEmpty }

    /// The longest reason or note kept, in characters once trimmed.
    static let maxLength = 500

    /// Refuses a reason that is blank or longer than `maxLength` once trimmed.
    static func checkReason(_ text: String, field: String = "reason") throws(ProgrammeError) {
        let body = trimmed(text)
        if body.isEmpty { throw .invalid(field, "请填写原因", "\(field) must not be empty") }
        if body.count > maxLength {
            throw .invalid(field, "原因不能超过\(maxLength)个字符", "\(field) must be at most \(maxLength) characters")
        }
    }
}

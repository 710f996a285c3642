/// How personal data is shown wherever it is listed: in answers, pages, exports and logs.
public enum Masking {
    /// `500103********123X`: the region and the last four characters stay, for a person to recognise
    /// their own number; the birth date and sequence do not. Passports keep their first two and last
    /// two characters.
    public static func idNumber(_ value: String) -> String {
        let chars = Array(value)
        if chars.count == 18 {
            return String(chars[0..<6]) + String(repeating: "*", count: 8) + String(chars[14..<18])
        }
        return keep(chars, head: 2, tail: 2)
    }

    /// `138****5678` for a mainland mobile number; other numbers keep their first three and last
    /// four characters when long enough.
    public static func phone(_ value: String) -> String {
        keep(Array(value), head: 3, tail: 4)
    }

    static func keep(_ chars: [Character], head: Int, tail: Int) -> String {
        guard chars.count > head + tail else { return String(repeating: "*", count: chars.count) }
        return String(chars[0..<head]) + String(repeating: "*", count: chars.count - head - tail) + String(chars[(chars.count - tail)...])
    }

    /// `z*******@example.cn`: the first character of the name and the whole domain.
    public static func email(_ value: String) -> String {
        guard let at = value.lastIndex(of: "@"), at > value.startIndex else { return keep(Array(value), head: 1, tail: 0) }
        let name = Array(value[..<at])
        return String(name[0]) + String(repeating: "*", count: max(3, name.count - 1)) + String(value[at...])
    }

    /// `重庆市渝北区龙溪街道****`: the first ten characters (city, district, street), enough to route a
    /// request; the house and flat are hidden.
    public static func address(_ value: String) -> String {
        let chars = Array(value)
        guard chars.count > 10 else { return keep(chars, head: min(4, chars.count / 2), tail: 0) }
        return String(chars[0..<10]) + "****"
    }

    /// `************3456`: an account or document number keeps its last four characters.
    public static func account(_ value: String) -> String {
        keep(Array(value), head: 0, tail: 4)
    }
}

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
}

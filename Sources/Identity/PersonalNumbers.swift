import WorkCalendar

/// Phone and ID numbers written into free text ("我的电话 138 0000 1111", an ID number typed into a
/// description): found so that the text can be stored and shown masked, with the numbers themselves
/// sealed. A mainland mobile number is 11 digits starting 13–19, alone or grouped by single spaces or
/// hyphens (138-0000-1111); a resident ID number is 17 digits and a check character that holds
/// (GB 11643). Full-width digits count as digits. Digits that run on into a longer number are not a
/// phone or an ID (an order number, an account, a card number).
public enum PersonalNumbers {
    public enum Kind: Sendable, Equatable {
        case mobile
        case residentID
    }

    public struct Found: Sendable, Equatable {
        public let kind: Kind
        /// The number as written, digits normalised to ASCII, separators removed.
        public let value: String
        /// Where it is in the text, in characters.
        public let range: Range<Int>
    }

    /// Every phone and ID number in `text`, in order.
    public static func find(in text: String) -> [Found] {
        let chars = Array(text)
        var found: [Found] = []
        var i = 0
        while i < chars.count {
            guard digit(chars[i]) != nil, i == 0 || !continuesNumber(chars[i - 1]) else { i += 1; continue }
            // The longest run of digits from here, with single separators between digit groups.
            var digits: [Character] = []
            var j = i
            var separated = false
            while j < chars.count {
                if let d = digit(chars[j]) {
                    digits.append(d)
                    j += 1
                } else if (chars[j] == "-" || chars[j] == " "), j + 1 < chars.count, digit(chars[j + 1]) != nil, !digits.isEmpty {
                    separated = true
                    j += 1
                } else {
                    break
                }
            }
            var end = j
            var value = String(digits)
            // An ID number may end in X.
            if !separated, digits.count == 17, end < chars.count, chars[end] == "X" || chars[end] == "x" || chars[end] == "Ｘ" {
                value += "X"
                end += 1
            }
            if end < chars.count, continuesNumber(chars[end]) {
                i = end
                continue
            }
            if digits.count == 11, digits[0] == "1", "3456789".contains(digits[1]) {
                found.append(Found(kind: .mobile, value: value, range: i..<end))
            } else if !separated, value.count == 18, (try? ResidentIDNumber(value, today: farFuture)) != nil {
                found.append(Found(kind: .residentID, value: value, range: i..<end))
            }
            i = end
        }
        return found
    }

    /// `text` with every phone and ID number masked as lists show them (`138****1111`,
    /// `500103********123X`), and the numbers found.
    public static func masked(_ text: String) -> (text: String, found: [Found]) {
        let found = find(in: text)
        guard !found.isEmpty else { return (text, []) }
        var chars = Array(text)
        for f in found.reversed() {
            let shown = f.kind == .mobile ? Masking.phone(f.value) : Masking.idNumber(f.value)
            chars.replaceSubrange(f.range, with: Array(shown))
        }
        return (String(chars), found)
    }

    /// A check with no clock: any birth date up to this one is possible.
    static let farFuture = LocalDate(year: 2999, month: 12, day: 31)!

    static func digit(_ c: Character) -> Character? {
        if c.isASCII, let v = c.asciiValue, v >= 48, v <= 57 { return c }
        // Full-width ０–９ (U+FF10–U+FF19).
        if let s = c.unicodeScalars.first, c.unicodeScalars.count == 1, (0xFF10...0xFF19).contains(s.value) {
            return Character(Unicode.Scalar(s.value - 0xFF10 + 48)!)
        }
        return nil
    }

    /// Whether `c` beside a run of digits makes it part of something longer (a code, an amount).
    static func continuesNumber(_ c: Character) -> Bool {
        digit(c) != nil || (c.isASCII && (c.isLetter || c == "." || c == "_" || c == "/"))
    }
}

/// 工单编号 as the product prints them: `YC`, the day of receipt (yyyyMMdd), and the order id padded
/// to at least six digits, e.g. `YC20261203000123`.
public enum OrderNumber {
    /// True for `YC` + a plausible yyyyMMdd + 6 to 12 digits, all ASCII and upper case.
    public static func isValid(_ text: String) -> Bool {
        guard text.hasPrefix("YC") else { return false }
        let digits = String(text.dropFirst(2))
        guard isASCIIDigits(digits, count: 14...20) else { return false }
        let utf8 = Array(digits.utf8).map { Int($0) - 0x30 }
        let month = utf8[4] * 10 + utf8[5]
        let day = utf8[6] * 10 + utf8[7]
        return (1...12).contains(month) && (1...31).contains(day)
    }

    static func isASCIIDigits(_ text: String, count: ClosedRange<Int>) -> Bool {
        count.contains(text.utf8.count) && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}

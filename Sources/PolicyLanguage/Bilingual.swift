/// Every message a person may read comes in Chinese (for talents and case workers) and English
/// (for logs and foreign talents); keeping both in one value stops the two from drifting apart.
public struct Bilingual: Hashable, Sendable, CustomStringConvertible {
    public var chinese: String
    public var english: String

    public init(chinese: String, english: String) {
        self.chinese = chinese
        self.english = english
    }

    public init(_ chinese: String, _ english: String) {
        self.init(chinese: chinese, english: english)
    }

    /// "中文 / English", the form used in logs and error output.
    public var description: String { "\(chinese) / \(english)" }
}

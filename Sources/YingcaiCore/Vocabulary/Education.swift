/// 学历. Stored in the registry as its Chinese label (the word policies are written with:
/// `education = "博士"`); the API speaks the code.
public enum Education: String, Labelled, Codable {
    case doctorate
    case master
    case bachelor
    case associate
    case secondary
    case other

    public var label: Label {
        switch self {
        case .doctorate: Label("博士", "Doctorate")
        case .master: Label("硕士", "Master's")
        case .bachelor: Label("本科", "Bachelor's")
        case .associate: Label("专科", "Associate")
        case .secondary: Label("高中及以下", "Secondary or below")
        case .other: Label("其他", "Other")
        }
    }

    /// The value the registry stores and policies compare with.
    public var stored: String { label.chinese }

    /// The value of a stored label (or, for rows written otherwise, a code).
    public init(stored: String) {
        self = Education(parsing: stored) ?? .other
    }
}

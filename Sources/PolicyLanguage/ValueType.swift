/// The static types of the language. Lists exist only as literals and as the two list attributes,
/// and only as the right side of `in` or as arguments of `any` and `count`.
public enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case boolean
    case integer
    case date
    case text
    case integerList
    case dateList
    case textList

    public var isList: Bool { listElement != nil }

    /// The element type of a list type.
    public var listElement: ValueType? {
        switch self {
        case .integerList: return .integer
        case .dateList: return .date
        case .textList: return .text
        default: return nil
        }
    }

    /// The list type holding elements of this type.
    public var listOf: ValueType? {
        switch self {
        case .integer: return .integerList
        case .date: return .dateList
        case .text: return .textList
        default: return nil
        }
    }

    public var name: Bilingual {
        switch self {
        case .boolean: return Bilingual("条件（真/假）", "condition (true/false)")
        case .integer: return Bilingual("整数", "integer")
        case .date: return Bilingual("日期", "date")
        case .text: return Bilingual("文本", "text")
        case .integerList: return Bilingual("整数列表", "list of integers")
        case .dateList: return Bilingual("日期列表", "list of dates")
        case .textList: return Bilingual("文本列表", "list of text")
        }
    }

    public var description: String { name.english }
}

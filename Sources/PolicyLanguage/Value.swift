import WorkCalendar

/// A value as the reference evaluator and explanations see it. `missing` stands for an
/// attribute that is not recorded, and for anything computed from one.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case boolean(Bool)
    case integer(Int)
    case date(LocalDate)
    case text(String)
    case integerList([Int])
    case dateList([LocalDate])
    case textList([String])
    case missing

    public var isMissing: Bool { self == .missing }

    /// How a value reads in an explanation.
    public var shown: Bilingual {
        switch self {
        case .boolean(let b): return b ? Bilingual("是", "true") : Bilingual("否", "false")
        case .integer(let i): return Bilingual(String(i), String(i))
        case .date(let d): return Bilingual(d.description, d.description)
        case .text(let t): return Bilingual(t, t)
        case .integerList(let items): return Value.joined(items.map(String.init))
        case .dateList(let items): return Value.joined(items.map(\.description))
        case .textList(let items): return Value.joined(items)
        case .missing: return Bilingual("未记录", "not recorded")
        }
    }

    static func joined(_ items: [String]) -> Bilingual {
        if items.isEmpty { return Bilingual("无", "none") }
        return Bilingual(items.joined(separator: "、"), items.joined(separator: ", "))
    }

    public var description: String { shown.english }
}

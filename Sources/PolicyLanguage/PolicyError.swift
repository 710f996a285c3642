/// A problem found before any talent is evaluated: in the text (lexing, parsing) or in the
/// meaning (types). One error is reported, the first in reading order, with where it is.
public struct PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problem: Problem
    public var position: SourcePosition

    public init(_ problem: Problem, at position: SourcePosition) {
        self.problem = problem
        self.position = position
    }

    /// "第 2 行第 15 列：应为表达式，但遇到 "and""
    public var chinese: String { "\(position.chinese)：\(problem.message.chinese)" }
    /// "line 2, column 15: expected an expression but found "and""
    public var english: String { "\(position.english): \(problem.message.english)" }
    public var message: Bilingual { Bilingual(chinese, english) }
    public var description: String { "\(chinese) / \(english)" }
}

public enum Problem: Hashable, Sendable {
    // Text
    case sourceTooLong(limit: Int)
    case unterminatedText
    case invalidEscape(String)
    case malformedDate(String)
    case nonexistentDate(String)
    case integerTooLarge(String)
    case decimalNotSupported(String)
    case malformedNumber(String)
    case unexpectedCharacter(String)
    // Structure
    case expected(Bilingual, found: Bilingual)
    case chainedComparison
    case unknownAttribute(String, suggestion: String?)
    case unknownFunction(String, suggestion: String?)
    case emptyList
    case tooDeep(limit: Int)
    case tooManyNodes(limit: Int)
    case duplicateSection(String)
    case missingSection(String)
    case unknownPeriod(String)
    // Types
    case cannotCompare(ValueType, ValueType)
    case cannotOrder(ComparisonOperator, ValueType)
    case cannotApply(ArithmeticOperator, ValueType, ValueType)
    case cannotNegate(ValueType)
    case needsCondition(Bilingual, found: ValueType)
    case membershipNeedsList(found: ValueType)
    case membershipMismatch(element: ValueType, list: ValueType)
    case listElementNotLiteral
    case mixedList(ValueType, ValueType)
    case listNotAllowed(ValueType)
    case branchMismatch(ValueType, ValueType)
    case argumentCount(Function, expected: Bilingual, found: Int)
    case argumentType(Function, expected: Bilingual, found: ValueType)
    case sectionType(String, expected: ValueType, found: ValueType)

    public var message: Bilingual {
        switch self {
        case .sourceTooLong(let limit):
            return Bilingual("政策文本过长，超过 \(limit) 字节上限", "policy source too long: over the limit of \(limit) bytes")
        case .unterminatedText:
            return Bilingual("文本缺少结尾的引号 \"", "unterminated text: missing the closing \"")
        case .invalidEscape(let escape):
            return Bilingual("无效的转义 \(escape)（可用 \\\" \\\\ \\n \\t \\r \\u{…}）",
                             "invalid escape \(escape) (use \\\" \\\\ \\n \\t \\r \\u{…})")
        case .malformedDate(let text):
            return Bilingual("日期格式无效 \"\(text)\"，应写作 YYYY-MM-DD（减法请在 - 两侧加空格）",
                             "malformed date \"\(text)\": write dates as YYYY-MM-DD (put spaces around - to subtract)")
        case .nonexistentDate(let text):
            return Bilingual("日期 \(text) 不存在", "date \(text) does not exist")
        case .integerTooLarge(let text):
            return Bilingual("整数 \(text) 过大（上限 9223372036854775807）", "integer \(text) is too large (limit 9223372036854775807)")
        case .decimalNotSupported(let text):
            return Bilingual("不支持小数 \(text)：金额以整元计", "decimals are not supported (\(text)): amounts are whole yuan")
        case .malformedNumber(let text):
            return Bilingual("数字格式无效 \"\(text)\"", "malformed number \"\(text)\"")
        case .unexpectedCharacter(let character):
            return Bilingual("无法识别的字符 \(character)\(Problem.hint(for: character).chinese)",
                             "unexpected character \(character)\(Problem.hint(for: character).english)")
        case .expected(let what, let found):
            return Bilingual("应为\(what.chinese)，但遇到 \(found.chinese)", "expected \(what.english) but found \(found.english)")
        case .chainedComparison:
            return Bilingual("比较不能连写，请用 and 连接两个比较", "comparisons cannot be chained: join two comparisons with and")
        case .unknownAttribute(let name, let suggestion):
            let hint = suggestion.map { Bilingual("，是否指 \"\($0)\"？", "; did you mean \"\($0)\"?") } ?? Bilingual("", "")
            return Bilingual("未知属性 \"\(name)\"\(hint.chinese)", "unknown attribute \"\(name)\"\(hint.english)")
        case .unknownFunction(let name, let suggestion):
            let hint = suggestion.map { Bilingual("，是否指 \"\($0)\"？", "; did you mean \"\($0)\"?") } ?? Bilingual("", "")
            return Bilingual("未知函数 \"\(name)\"\(hint.chinese)", "unknown function \"\(name)\"\(hint.english)")
        case .emptyList:
            return Bilingual("列表不能为空", "a list needs at least one element")
        case .tooDeep(let limit):
            return Bilingual("嵌套过深，超过 \(limit) 层上限", "nesting too deep: over the limit of \(limit) levels")
        case .tooManyNodes(let limit):
            return Bilingual("表达式过大，超过 \(limit) 个节点上限", "expression too large: over the limit of \(limit) nodes")
        case .duplicateSection(let name):
            return Bilingual("\(name) 段重复出现", "section \(name) appears twice")
        case .missingSection(let name):
            return Bilingual("缺少 \(name) 段", "missing section \(name)")
        case .unknownPeriod(let word):
            return Bilingual("未知发放周期 \"\(word)\"，应为 once、monthly 或 yearly",
                             "unknown period \"\(word)\": expected once, monthly or yearly")
        case .cannotCompare(let a, let b):
            return Bilingual("不能比较\(a.name.chinese)与\(b.name.chinese)", "cannot compare \(a.name.english) with \(b.name.english)")
        case .cannotOrder(let op, let type):
            return Bilingual("\(type.name.chinese)不能用 \(op.rawValue) 比较大小（只能用 = 或 !=）",
                             "cannot order \(type.name.english) with \(op.rawValue) (only = and != apply)")
        case .cannotApply(let op, let a, let b):
            return Bilingual("运算 \(op.rawValue) 不适用于\(a.name.chinese)与\(b.name.chinese)",
                             "cannot apply \(op.rawValue) to \(a.name.english) and \(b.name.english)")
        case .cannotNegate(let type):
            return Bilingual("负号只适用于整数，不适用于\(type.name.chinese)", "unary - applies to integers, not to \(type.name.english)")
        case .needsCondition(let context, let found):
            return Bilingual("\(context.chinese)须为条件（真/假），但这是\(found.name.chinese)",
                             "\(context.english) needs a condition (true/false) but this is \(found.name.english)")
        case .membershipNeedsList(let found):
            return Bilingual("in 的右侧须为列表，但这是\(found.name.chinese)", "the right side of in must be a list but this is \(found.name.english)")
        case .membershipMismatch(let element, let list):
            return Bilingual("不能在\(list.name.chinese)中查找\(element.name.chinese)",
                             "cannot look for \(element.name.english) in a \(list.name.english)")
        case .listElementNotLiteral:
            return Bilingual("列表元素须为字面量（数字、文本或日期）", "list elements must be literal values (numbers, text or dates)")
        case .mixedList(let a, let b):
            return Bilingual("列表元素类型不一致：\(a.name.chinese)与\(b.name.chinese)", "list mixes \(a.name.english) and \(b.name.english)")
        case .listNotAllowed(let type):
            return Bilingual("此处不能使用\(type.name.chinese)（列表只能用于 in、any、count）",
                             "a \(type.name.english) cannot be used here (lists go with in, any and count)")
        case .branchMismatch(let a, let b):
            return Bilingual("if 的两个分支类型不同：\(a.name.chinese)与\(b.name.chinese)",
                             "the branches of if have different types: \(a.name.english) and \(b.name.english)")
        case .argumentCount(let function, let expected, let found):
            return Bilingual("\(function.rawValue) 需要\(expected.chinese)参数，但给了 \(found) 个",
                             "\(function.rawValue) takes \(expected.english) but was given \(found)")
        case .argumentType(let function, let expected, let found):
            return Bilingual("\(function.rawValue) 的参数须为\(expected.chinese)，但这是\(found.name.chinese)",
                             "\(function.rawValue) needs \(expected.english) but this is \(found.name.english)")
        case .sectionType(let section, let expected, let found):
            return Bilingual("\(section) 须为\(expected.name.chinese)，但这是\(found.name.chinese)",
                             "\(section) must be \(article(expected)) \(expected.name.english) but this is \(article(found)) \(found.name.english)")
        }
    }

    /// Full-width punctuation and C-style operators are the usual slips; name the fix.
    private static func hint(for character: String) -> Bilingual {
        switch character {
        case "\"（\"", "\"）\"": return Bilingual("（请使用半角括号 ( )）", " (use ASCII parentheses ( ))")
        case "\"，\"": return Bilingual("（请使用半角逗号 ,）", " (use an ASCII comma ,)")
        case "\"“\"", "\"”\"": return Bilingual("（文本请用半角引号 \"…\"）", " (quote text with ASCII \"…\")")
        case "\"：\"": return Bilingual("（请使用半角冒号 :）", " (use an ASCII colon :)")
        case "\"==\"": return Bilingual("（相等请写 =）", " (write = for equality)")
        case "\"&&\"": return Bilingual("（请写 and）", " (write and)")
        case "\"||\"": return Bilingual("（请写 or）", " (write or)")
        case "\"!\"": return Bilingual("（不等请写 !=，取反请写 not）", " (write != for unequal, not for negation)")
        default:
            if character.unicodeScalars.contains(where: { $0.value > 127 }) {
                return Bilingual("（中文等文本须放在引号内，属性名只用英文字母）", " (Chinese text goes inside \"quotes\"; names are ASCII)")
            }
            return Bilingual("", "")
        }
    }
}

private func article(_ type: ValueType) -> String {
    switch type {
    case .integer: return "an"
    case .boolean, .date, .text, .integerList, .dateList, .textList: return "a"
    }
}

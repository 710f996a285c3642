import Testing
@testable import PolicyLanguage

/// Every diagnostic a policy author can meet, with its exact place and both languages.
@Suite("Error messages and positions")
struct ErrorMessageTests {
    private func check(_ source: String, line: Int, column: Int, chinese: String, english: String,
                       limits: ParseLimits = .standard, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = policyError(source, limits: limits) else {
            Issue.record("no error for \(source)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.position == SourcePosition(line: line, column: column), sourceLocation: sourceLocation)
        #expect(error.chinese == "第 \(line) 行第 \(column) 列：\(chinese)", sourceLocation: sourceLocation)
        #expect(error.english == "line \(line), column \(column): \(english)", sourceLocation: sourceLocation)
    }

    @Test func unexpectedTokenWhereAnExpressionBelongs() {
        check("policy \"安家补贴\"\neligible: not and true\namount: 1\nperiod: once", line: 2, column: 15,
              chinese: "应为表达式，但遇到 \"and\"", english: "expected an expression but found \"and\"")
        #expect(policyError("policy \"x\"\neligible: not and true\namount: 1\nperiod: once")?.description ==
            "第 2 行第 15 列：应为表达式，但遇到 \"and\" / line 2, column 15: expected an expression but found \"and\"")
    }

    @Test func unterminatedText() {
        check("policy \"安家补贴\neligible: true\namount: 1\nperiod: once", line: 1, column: 8,
              chinese: "文本缺少结尾的引号 \"", english: "unterminated text: missing the closing \"")
        check("eligible: tier = \"A", line: 1, column: 18,
              chinese: "文本缺少结尾的引号 \"", english: "unterminated text: missing the closing \"")
    }

    @Test func dateThatDoesNotExist() {
        check("eligible: arrival_date >= 2021-02-30\namount: 1\nperiod: once", line: 1, column: 27,
              chinese: "日期 2021-02-30 不存在", english: "date 2021-02-30 does not exist")
    }

    @Test func malformedDate() {
        check("eligible: arrival_date >= 2021-1-1\namount: 1\nperiod: once", line: 1, column: 27,
              chinese: "日期格式无效 \"2021-1-1\"，应写作 YYYY-MM-DD（减法请在 - 两侧加空格）",
              english: "malformed date \"2021-1-1\": write dates as YYYY-MM-DD (put spaces around - to subtract)")
    }

    @Test func missingThen() {
        check("eligible: true\namount: if tier = \"A\" 1 else 2\nperiod: once", line: 2, column: 23,
              chinese: "应为 \"then\"，但遇到 \"1\"", english: "expected \"then\" but found \"1\"")
    }

    @Test func missingElse() {
        check("eligible: true\namount: if tier = \"A\" then 1\nperiod: once", line: 3, column: 1,
              chinese: "应为 \"else\"，但遇到 \"period\"", english: "expected \"else\" but found \"period\"")
    }

    @Test func unknownAttributeSuggestsTheNearest() {
        check("eligible: agee < 45\namount: 1\nperiod: once", line: 1, column: 11,
              chinese: "未知属性 \"agee\"，是否指 \"age\"？", english: "unknown attribute \"agee\"; did you mean \"age\"?")
        check("eligible: arival_date < today\namount: 1\nperiod: once", line: 1, column: 11,
              chinese: "未知属性 \"arival_date\"，是否指 \"arrival_date\"？",
              english: "unknown attribute \"arival_date\"; did you mean \"arrival_date\"?")
        check("eligible: \"x\" in category\namount: 1\nperiod: once", line: 1, column: 18,
              chinese: "未知属性 \"category\"，是否指 \"categories\"？",
              english: "unknown attribute \"category\"; did you mean \"categories\"?")
        check("eligible: salary > 3\namount: 1\nperiod: once", line: 1, column: 11,
              chinese: "未知属性 \"salary\"", english: "unknown attribute \"salary\"")
    }

    @Test func unknownFunction() {
        check("eligible: anyy(honors, [\"x\"])\namount: 1\nperiod: once", line: 1, column: 11,
              chinese: "未知函数 \"anyy\"，是否指 \"any\"？", english: "unknown function \"anyy\"; did you mean \"any\"?")
    }

    @Test func typeMismatchInComparison() {
        check("eligible: arrival_date >= 2021\namount: 1\nperiod: once", line: 1, column: 24,
              chinese: "不能比较日期与整数", english: "cannot compare date with integer")
        check("eligible: tier < \"C\"\namount: 1\nperiod: once", line: 1, column: 16,
              chinese: "文本不能用 < 比较大小（只能用 = 或 !=）", english: "cannot order text with < (only = and != apply)")
        check("eligible: categories = \"青年拔尖人才\"\namount: 1\nperiod: once", line: 1, column: 22,
              chinese: "不能比较文本列表与文本", english: "cannot compare list of text with text")
    }

    @Test func typeMismatchInArithmeticAndLogic() {
        check("eligible: true\namount: tier * 2\nperiod: once", line: 2, column: 14,
              chinese: "运算 * 不适用于文本与整数", english: "cannot apply * to text and integer")
        check("eligible: age and true\namount: 1\nperiod: once", line: 1, column: 11,
              chinese: "and 的操作数须为条件（真/假），但这是整数", english: "and needs a condition (true/false) but this is integer")
        check("eligible: not tier\namount: 1\nperiod: once", line: 1, column: 15,
              chinese: "not 的操作数须为条件（真/假），但这是文本", english: "not needs a condition (true/false) but this is text")
        check("eligible: true\namount: if age then 1 else 2\nperiod: once", line: 2, column: 12,
              chinese: "if 的条件须为条件（真/假），但这是整数",
              english: "the condition of if needs a condition (true/false) but this is integer")
        check("eligible: true\namount: if true then 1 else \"2\"\nperiod: once", line: 2, column: 29,
              chinese: "if 的两个分支类型不同：整数与文本", english: "the branches of if have different types: integer and text")
        check("eligible: true\namount: -tier\nperiod: once", line: 2, column: 9,
              chinese: "负号只适用于整数，不适用于文本", english: "unary - applies to integers, not to text")
    }

    @Test func typeMismatchInLists() {
        check("eligible: age in [\"40\"]\namount: 1\nperiod: once", line: 1, column: 15,
              chinese: "不能在文本列表中查找整数", english: "cannot look for integer in a list of text")
        check("eligible: tier in \"A\"\namount: 1\nperiod: once", line: 1, column: 19,
              chinese: "in 的右侧须为列表，但这是文本", english: "the right side of in must be a list but this is text")
        check("eligible: tier in [\"A\", 1]\namount: 1\nperiod: once", line: 1, column: 25,
              chinese: "列表元素类型不一致：文本与整数", english: "list mixes text and integer")
        check("eligible: tier in [\"A\", field]\namount: 1\nperiod: once", line: 1, column: 25,
              chinese: "列表元素须为字面量（数字、文本或日期）", english: "list elements must be literal values (numbers, text or dates)")
        check("eligible: [] = 1\namount: 1\nperiod: once", line: 1, column: 11,
              chinese: "列表不能为空", english: "a list needs at least one element")
        check("eligible: categories is none\namount: 1\nperiod: once", line: 1, column: 11,
              chinese: "此处不能使用文本列表（列表只能用于 in、any、count）",
              english: "a list of text cannot be used here (lists go with in, any and count)")
    }

    @Test func functionArguments() {
        check("eligible: any(honors)\namount: 1\nperiod: once", line: 1, column: 11,
              chinese: "any 需要 2 个参数，但给了 1 个", english: "any takes 2 arguments but was given 1")
        check("eligible: true\namount: min(1)\nperiod: once", line: 2, column: 9,
              chinese: "min 需要至少 2 个参数，但给了 1 个", english: "min takes at least 2 arguments but was given 1")
        check("eligible: true\namount: max(1, tier)\nperiod: once", line: 2, column: 16,
              chinese: "max 的参数须为整数，但这是文本", english: "max needs integer but this is text")
        check("eligible: count(tier) > 0\namount: 1\nperiod: once", line: 1, column: 17,
              chinese: "count 的参数须为列表，但这是文本", english: "count needs a list but this is text")
    }

    @Test func sectionTypes() {
        check("eligible: age + 1\namount: 1\nperiod: once", line: 1, column: 11,
              chinese: "eligible: 须为条件（真/假），但这是整数",
              english: "eligible: must be a condition (true/false) but this is an integer")
        check("eligible: true\namount: age < 3\nperiod: once", line: 2, column: 9,
              chinese: "amount: 须为整数，但这是条件（真/假）",
              english: "amount: must be an integer but this is a condition (true/false)")
    }

    @Test func fileStructure() {
        check("eligible: true\namount: 1", line: 2, column: 10,
              chinese: "缺少 period: 段", english: "missing section period:")
        check("amount: 1\nperiod: once", line: 2, column: 13,
              chinese: "缺少 eligible: 段", english: "missing section eligible:")
        check("eligible: true\namount: 1\nperiod: once\neligible: false", line: 4, column: 1,
              chinese: "eligible: 段重复出现", english: "section eligible: appears twice")
        check("eligible: true\namount: 1\nperiod: weekly", line: 3, column: 9,
              chinese: "未知发放周期 \"weekly\"，应为 once、monthly 或 yearly",
              english: "unknown period \"weekly\": expected once, monthly or yearly")
        check("eligible: age < 45 45\namount: 1\nperiod: once", line: 1, column: 20,
              chinese: "应为运算符或下一段（eligible:、amount:、period:），但遇到 \"45\"",
              english: "expected an operator or the next section (eligible:, amount:, period:) but found \"45\"")
        check("name: \"x\"\neligible: true", line: 1, column: 1,
              chinese: "应为段名（policy、eligible:、amount:、period:），但遇到 \"name\"",
              english: "expected a section (policy, eligible:, amount:, period:) but found \"name\"")
        check("eligible true\namount: 1\nperiod: once", line: 1, column: 10,
              chinese: "应为 \":\"，但遇到 \"true\"", english: "expected \":\" but found \"true\"")
        check("eligible: (age < 45\namount: 1\nperiod: once", line: 2, column: 1,
              chinese: "应为 \")\"，但遇到 \"amount\"", english: "expected \")\" but found \"amount\"")
        check("eligible: tier in [\"A\" \"B\"]\namount: 1\nperiod: once", line: 1, column: 24,
              chinese: "应为 \",\" 或 \"]\"，但遇到 文本 \"B\"", english: "expected \",\" or \"]\" but found text \"B\"")
        check("eligible:", line: 1, column: 10,
              chinese: "应为表达式，但遇到 文件结尾", english: "expected an expression but found end of input")
    }

    @Test func fullWidthPunctuationGetsAHint() {
        check("eligible: age < 45 and （age > 10）\namount: 1\nperiod: once", line: 1, column: 24,
              chinese: "无法识别的字符 \"（\"（请使用半角括号 ( )）", english: "unexpected character \"（\" (use ASCII parentheses ( ))")
        check("eligible: tier = “A”\namount: 1\nperiod: once", line: 1, column: 18,
              chinese: "无法识别的字符 \"“\"（文本请用半角引号 \"…\"）", english: "unexpected character \"“\" (quote text with ASCII \"…\")")
        check("eligible: age == 3\namount: 1\nperiod: once", line: 1, column: 15,
              chinese: "无法识别的字符 \"==\"（相等请写 =）", english: "unexpected character \"==\" (write = for equality)")
    }

    @Test func columnsCountChineseCharactersAsOne() {
        check("policy \"青年拔尖人才科研启动经费\" eligible: agee", line: 1, column: 33,
              chinese: "未知属性 \"agee\"，是否指 \"age\"？", english: "unknown attribute \"agee\"; did you mean \"age\"?")
    }

    @Test func tooDeepByParentheses() {
        let source = "eligible: " + String(repeating: "(", count: 70) + "true" + String(repeating: ")", count: 70)
        check(source, line: 1, column: 75,
              chinese: "嵌套过深，超过 64 层上限", english: "nesting too deep: over the limit of 64 levels")
    }

    @Test func tooDeepByOperatorChain() {
        // A left-leaning chain of 70 additions: the 64th `+` makes the tree 65 levels high.
        let source = "eligible: " + Array(repeating: "1", count: 71).joined(separator: " + ") + " > 0"
        check(source, line: 1, column: 13 + 4 * 63,
              chinese: "嵌套过深，超过 64 层上限", english: "nesting too deep: over the limit of 64 levels")
    }

    @Test func tooDeepByNot() {
        let source = "eligible: " + String(repeating: "not ", count: 80) + "true"
        check(source, line: 1, column: 11 + 4 * 64,
              chinese: "嵌套过深，超过 64 层上限", english: "nesting too deep: over the limit of 64 levels")
    }

    @Test func tooManyNodes() {
        check("eligible: 1 + 2 + 3 + 4 + 5 + 6 > 0\namount: 1\nperiod: once", line: 1, column: 29,
              chinese: "表达式过大，超过 10 个节点上限", english: "expression too large: over the limit of 10 nodes",
              limits: ParseLimits(maxNodes: 10))
        // The default limit holds on a list of 5,000 literals.
        let list = "eligible: tier in [" + Array(repeating: "\"A\"", count: 5_000).joined(separator: ", ") + "]"
        #expect(policyError(list)?.problem == .tooManyNodes(limit: 4_096))
    }

    @Test func tooLong() {
        let source = "eligible: true\n" + String(repeating: "#", count: 70_000)
        check(source, line: 2, column: 65_536 - 15 + 1,
              chinese: "政策文本过长，超过 65536 字节上限", english: "policy source too long: over the limit of 65536 bytes")
        // Cut inside a multi-byte character: the position is that character's start.
        let chinese = "# " + String(repeating: "人", count: 30)
        check(chinese, line: 1, column: 3 + 2,
              chinese: "政策文本过长，超过 10 字节上限", english: "policy source too long: over the limit of 10 bytes",
              limits: ParseLimits(maxSourceBytes: 10))
    }
}

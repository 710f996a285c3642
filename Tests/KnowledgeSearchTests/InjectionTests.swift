import Testing
import KnowledgeSearch

/// Nothing a user types can add FTS5 or tsquery syntax: every expression has the emitted grammar only, and
/// every phrase holds tokens of letters or digits.
@Suite struct InjectionTests {
    static let attempts = [
        "\"", "\"\"", "\" OR \"", "a\" OR \"b", "(", ")", "((落户", "落户))", "NEAR(a b)", "NEAR/2", "a NEAR b", "AND", "OR",
        "NOT", "a AND b", "x OR y NOT z", "*", "落户*", "^落户", "title:落户", "{title body}: x", "- 落户", "+落户", "a:*",
        "落户:AB", "&", "|", "!", "!!落户", "<->", "<2>", "a <-> b", "a & b | !c", "'", "''", "'落户'", "\\", "\\'", "落户\\",
        "\\\"", "'; DROP TABLE kb; --", "%_", "\u{0}", "落户\u{0}入户", "\u{FEFF}落户", "１２３＆４５６", "（落户）", "【人才公寓】",
        "落户 OR 1=1", "<script>alert(1)</script>", "ＮＥＡＲ（落户）", String(repeating: "(", count: 300),
    ]

    @Test(arguments: attempts)
    func fts5ExpressionHasOnlyTheGrammar(_ input: String) {
        let q = SearchQuery(input, synonyms: table)
        for mode in MatchMode.allCases {
            guard let text = q.fts5(mode) else { continue }
            var p = GrammarCheck(text, and: " AND ", or: " OR ")
            let valid = p.checkFTS5()
            #expect(valid, "\(input) → \(text)")
        }
    }

    @Test(arguments: attempts)
    func tsqueryHasOnlyTheGrammar(_ input: String) {
        let q = SearchQuery(input, synonyms: table)
        for mode in MatchMode.allCases {
            guard let text = q.tsquery(mode) else { continue }
            var p = GrammarCheck(text, and: " & ", or: " | ")
            let valid = p.checkTSQuery()
            #expect(valid, "\(input) → \(text)")
        }
    }

    @Test func operatorsBecomeQuotedWords() {
        #expect(SearchQuery("a NEAR b").fts5(.strict) == "\"a\" AND \"near\" AND \"b\"")
        #expect(SearchQuery("落户* OR title:入户").fts5(.strict) == "\"落户\" AND \"or\" AND \"title\" AND \"入户\"")
        #expect(SearchQuery("!落户 & 入户 | <-> '公寓'").tsquery(.strict) == "'落户' & '入户' & '公寓'")
        #expect(SearchQuery("\" ' \\ ( ) * : ^").isEmpty)
    }
}

/// A recursive-descent reader of exactly the grammar the renderers document.
struct GrammarCheck {
    private let chars: [Character]
    private var i = 0
    private let and: [Character]
    private let or: [Character]

    init(_ text: String, and: String, or: String) {
        chars = Array(text)
        self.and = Array(and)
        self.or = Array(or)
    }

    mutating func checkFTS5() -> Bool { expression(phrase: fts5Phrase) && i == chars.count }
    mutating func checkTSQuery() -> Bool { expression(phrase: tsPhrase) && i == chars.count }

    private mutating func expression(phrase: (inout GrammarCheck) -> Bool) -> Bool {
        guard operand(phrase: phrase) else { return false }
        var op: [Character]?
        while true {
            if op != or, eat(and) { op = and } else if op != and, eat(or) { op = or } else { return true }
            guard operand(phrase: phrase) else { return false }
        }
    }

    private mutating func operand(phrase: (inout GrammarCheck) -> Bool) -> Bool {
        if eat(["("]) { return expression(phrase: phrase) && eat([")"]) }
        return phrase(&self)
    }

    /// `"tok tok"`: tokens of letters or digits, one space between.
    private static func isTokenCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    private var fts5Phrase: (inout GrammarCheck) -> Bool {
        { p in
            guard p.eat(["\""]) else { return false }
            guard p.token() else { return false }
            while p.eat([" "]) { guard p.token() else { return false } }
            return p.eat(["\""])
        }
    }

    /// `'tok' <-> 'tok'`
    private var tsPhrase: (inout GrammarCheck) -> Bool {
        { p in
            guard p.quotedLexeme() else { return false }
            while p.eat(Array(" <-> ")) { guard p.quotedLexeme() else { return false } }
            return true
        }
    }

    private mutating func quotedLexeme() -> Bool { eat(["'"]) && token() && eat(["'"]) }

    private mutating func token() -> Bool {
        let start = i
        while i < chars.count, GrammarCheck.isTokenCharacter(chars[i]) { i += 1 }
        return i > start
    }

    private mutating func eat(_ s: [Character]) -> Bool {
        guard i + s.count <= chars.count, Array(chars[i..<(i + s.count)]) == s else { return false }
        i += s.count
        return true
    }
}

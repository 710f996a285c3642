import Testing
@testable import PolicyLanguage
import WorkCalendar

@Suite("Lexer and literals")
struct LexerTests {
    private func kinds(_ source: String) throws -> [TokenKind] {
        try Lexer.tokens(of: source).map(\.kind)
    }

    @Test func integersWithUnderscores() throws {
        #expect(try kinds("1_000_000 0 42") == [.integer(1_000_000), .integer(0), .integer(42), .endOfInput])
        #expect(try value("1_000_000") == .integer(1_000_000))
        #expect(try value("9223372036854775807") == .integer(Int.max))
    }

    @Test func dateLiteralAndDateFunction() throws {
        #expect(try kinds("2021-01-01") == [.date(day("2021-01-01")), .endOfInput])
        #expect(try value("2021-01-01") == .date(day("2021-01-01")))
        #expect(try value("date(\"2024-02-29\")") == .date(day("2024-02-29")))
        #expect(try parsed("date(\"2021-01-01\")") == parsed("2021-01-01"))
    }

    @Test func textWithEscapesAndChinese() throws {
        #expect(try kinds(#""青年拔尖人才""#) == [.text("青年拔尖人才"), .endOfInput])
        #expect(try kinds(#""a\"b\\c\nd\te\r""#) == [.text("a\"b\\c\nd\te\r"), .endOfInput])
        #expect(try kinds(#""\u{4E2D}\u{1F600}""#) == [.text("中😀"), .endOfInput])
        #expect(try value(#""两院院士""#) == .text("两院院士"))
    }

    @Test func booleansListsAndKeywords() throws {
        #expect(try value("true") == .boolean(true))
        #expect(try value("false") == .boolean(false))
        #expect(try value(#"["A", "B"]"#) == .textList(["A", "B"]))
        #expect(try value("[1, -2, 3]") == .integerList([1, -2, 3]))
        #expect(try value("[2021-01-01, 2022-01-01]") == .dateList([day("2021-01-01"), day("2022-01-01")]))
        #expect(try kinds("and or not in is none if then else") == [
            .keyword(.and), .keyword(.or), .keyword(.not), .keyword(.in), .keyword(.is), .keyword(.none),
            .keyword(.if), .keyword(.then), .keyword(.else), .endOfInput,
        ])
    }

    @Test func symbols() throws {
        #expect(try kinds("= != < <= > >= + - * / ( ) [ ] , :") == [
            .symbol(.equal), .symbol(.notEqual), .symbol(.less), .symbol(.lessOrEqual), .symbol(.greater),
            .symbol(.greaterOrEqual), .symbol(.plus), .symbol(.minus), .symbol(.star), .symbol(.slash),
            .symbol(.leftParen), .symbol(.rightParen), .symbol(.leftBracket), .symbol(.rightBracket),
            .symbol(.comma), .symbol(.colon), .endOfInput,
        ])
    }

    @Test func commentsAndNewlinesAreSpace() throws {
        #expect(try kinds("age # 年龄\n< 45 # end") == [.identifier("age"), .symbol(.less), .integer(45), .endOfInput])
    }

    @Test func positionsCountCharactersNotBytes() throws {
        let tokens = try Lexer.tokens(of: "\"安家补贴\" age\n  tier")
        #expect(tokens.map(\.position) == [
            SourcePosition(line: 1, column: 1), SourcePosition(line: 1, column: 8),
            SourcePosition(line: 2, column: 3), SourcePosition(line: 2, column: 7),
        ])
    }

    @Test func subtractionNeedsSpacesNextToNumbers() throws {
        #expect(try value("10 - 5") == .integer(5))
        #expect(try value("10 -5") == .integer(5))
        #expect(expressionError("10-5")?.problem == .malformedDate("10-5"))
    }

    @Test(arguments: [
        ("1__000", Problem.malformedNumber("1__000")),
        ("1000_", Problem.malformedNumber("1000_")),
        ("12abc", Problem.malformedNumber("12abc")),
        ("1.5", Problem.decimalNotSupported("1.5")),
        ("9223372036854775808", Problem.integerTooLarge("9223372036854775808")),
        ("2021-1-1", Problem.malformedDate("2021-1-1")),
        ("2021-02-30", Problem.nonexistentDate("2021-02-30")),
        ("2023-02-29", Problem.nonexistentDate("2023-02-29")),
        ("date(\"2021-13-01\")", Problem.nonexistentDate("2021-13-01")),
        ("date(\"21-01-01\")", Problem.malformedDate("21-01-01")),
        (#""abc"#, Problem.unterminatedText),
        ("\"abc\ndef\"", Problem.unterminatedText),
        (#""a\qb""#, Problem.invalidEscape("\\q")),
        (#""\u{110000}""#, Problem.invalidEscape("\\u{110000}")),
        (#""\u41""#, Problem.invalidEscape("\\u")),
        ("age == 3", Problem.unexpectedCharacter("\"==\"")),
        ("a && b", Problem.unexpectedCharacter("\"&&\"")),
        ("a || b", Problem.unexpectedCharacter("\"||\"")),
        ("!a", Problem.unexpectedCharacter("\"!\"")),
        ("age @ 3", Problem.unexpectedCharacter("\"@\"")),
        ("年龄 < 3", Problem.unexpectedCharacter("\"年\"")),
    ])
    func lexicalErrors(source: String, problem: Problem) {
        #expect(expressionError(source)?.problem == problem)
    }
}

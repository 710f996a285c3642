import Testing
import KnowledgeSearch

/// 命中高亮: snippets as segments.
@Suite struct HighlighterTests {
    func render(_ segments: [SnippetSegment]) -> String {
        segments.map { $0.isMatch ? "[" + $0.text + "]" : $0.text }.joined()
    }

    @Test func marksTheWordAndItsSynonyms() {
        let text = "人才可落户本人住房，也可办理户口迁入。"
        let segments = Highlighter.snippet(of: text, for: SearchQuery("入户", synonyms: table), maxLength: 50)
        #expect(render(segments) == "人才可[落户]本人住房，也可办理[户口迁入]。")
        #expect(segments.filter(\.isMatch).map(\.text) == ["落户", "户口迁入"])
    }

    @Test func marksTheOriginalCharacters() {
        let segments = Highlighter.snippet(of: "机场ＶＩＰ通道", for: SearchQuery("vip"), maxLength: 20)
        #expect(render(segments) == "机场[ＶＩＰ]通道")
    }

    @Test func oneCharacterAndPhraseMatches() {
        #expect(render(Highlighter.snippet(of: "出租房屋应当备案", for: SearchQuery("房"))) == "出租[房]屋应当备案")
        // Strict phrase: 人才 and 公寓 apart are not a match of 人才公寓 …
        let apart = Highlighter.snippet(of: "人才的认定，公寓的管理", for: SearchQuery("人才公寓"))
        // … so only the relaxed fragments (its pairs) are marked, as no whole word is there.
        #expect(render(apart) == "[人才]的认定，[公寓]的管理")
        #expect(render(Highlighter.snippet(of: "申请人才公寓", for: SearchQuery("人才公寓"))) == "申请[人才公寓]")
    }

    /// Cut to at most maxLength characters with … at the cut ends, around the match, with some context.
    @Test func cutsAroundTheBestMatch() {
        let text = String(repeating: "一般说明文字。", count: 20) + "人才公寓的申请条件见下。" + String(repeating: "其他内容。", count: 20)
        let segments = Highlighter.snippet(of: text, for: SearchQuery("人才公寓"), maxLength: 30)
        let shown = segments.map(\.text).joined()
        #expect(shown.count <= 30)
        #expect(segments.first?.text == "…" && segments.last?.text == "…")
        #expect(segments.contains(SnippetSegment("人才公寓", isMatch: true)))
        #expect(!shown.hasPrefix("…人才公寓"))
    }

    /// The window covering more distinct query words wins over one with more repeats of a single word.
    @Test func prefersTheWindowWithMoreWords() {
        let text = "补贴补贴补贴补贴" + String(repeating: "。", count: 40) + "渝北区租房补贴" + String(repeating: "。", count: 40)
        let shown = render(Highlighter.snippet(of: text, for: SearchQuery("渝北 补贴"), maxLength: 16))
        #expect(shown.contains("[渝北]区租房[补贴]"))
        #expect(shown.count - 4 <= 16)
    }

    @Test func noMatchShowsTheBeginning() {
        let segments = Highlighter.snippet(of: String(repeating: "无关内容", count: 10), for: SearchQuery("落户"), maxLength: 9)
        #expect(segments == [SnippetSegment("无关内容无关内容", isMatch: false), SnippetSegment("…", isMatch: false)])
    }

    @Test func lineBreaksReadAsOneSpace() {
        #expect(render(Highlighter.snippet(of: "第一行\n\n  第二行落户", for: SearchQuery("落户"))) == "第一行 第二行[落户]")
    }
}

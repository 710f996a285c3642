import Testing
import KnowledgeSearch

/// 分词: what is stored for a text.
@Suite struct TokenizerTests {
    @Test func cjkRunGivesItsPairsThenItsSingles() {
        #expect(Tokenizer.storedText(of: "安家补贴申领") == "安家 家补 补贴 贴申 申领 安 家 补 贴 申 领")
    }

    @Test func oneCharacterRunIsItsSingle() {
        #expect(Tokenizer.storedText(of: "房") == "房")
        #expect(Tokenizer.tokens(of: "房") == [.single("房")])
    }

    /// Punctuation ends a run: no pair is made across it, and the singles stand between the two runs.
    @Test func punctuationSeparatesRuns() {
        #expect(Tokenizer.storedText(of: "人才，公寓") == "人才 人 才 公寓 公 寓")
        #expect(!Tokenizer.tokens(of: "人才、公寓。").contains(.pair("才", "公")))
    }

    /// Full-width letters and digits fold to ASCII, Latin words are lowercased and kept whole.
    @Test func fullWidthAndLatinWords() {
        #expect(Tokenizer.storedText(of: "ＡＰＰ下载") == "app 下载 下 载")
        #expect(Tokenizer.storedText(of: "VIP通道") == "vip 通道 通 道")
        #expect(Tokenizer.storedText(of: "热线１２３４５") == "热线 热 线 12345")
        #expect(Tokenizer.storedText(of: "Hello World") == "hello world")
    }

    /// PostgreSQL's parser reads `1e5abc` as the number 1e5 and the word abc: letters and digits never share a
    /// token, so both backends see the same tokens.
    @Test func lettersAndDigitsAreSeparateTokens() {
        #expect(Tokenizer.storedText(of: "ipv6 1e5abc") == "ipv 6 1 e 5 abc")
    }

    /// Characters FTS5 unicode61 splits at (・, the ideographic space, 《》) separate; kana and rare Han are letters.
    @Test func separatorsAndOtherScripts() {
        #expect(Tokenizer.storedText(of: "カード・ゲーム") == "カー ード カ ー ド ゲー ーム ゲ ー ム")
        #expect(Tokenizer.storedText(of: "《𠮷野》　家") == "𠮷野 𠮷 野 家")
        #expect(Tokenizer.storedText(of: "“英才卡”🎉!!") == "英才 才卡 英 才 卡")
    }

    /// A combining mark belongs to its letter and is not a separator (unicode61 drops it, it does not split).
    @Test func combiningMarksStayInTheirWord() {
        #expect(Tokenizer.storedText(of: "Cafe\u{301} Straße") == "cafe straße")
    }

    @Test func emptyAndSeparatorOnlyTextStoresNothing() {
        #expect(Tokenizer.storedText(of: "") == "")
        #expect(Tokenizer.storedText(of: " ，。！？\n\t") == "")
    }
}

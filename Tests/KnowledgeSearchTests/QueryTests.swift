import Testing
import KnowledgeSearch

let table = SynonymTable(csv: """
    # test table
    落户,入户,户口迁入
    人才公寓,人才住房,人才房
    重庆英才卡,英才卡,英才服务卡
    材料,资料,要件
    时限,多久,多长时间
    外国人工作许可,work permit
    办理
    """)

/// 检索式: from what a caller types to the expressions for both backends.
@Suite struct QueryTests {
    @Test func twoCharacterWordIsOnePair() {
        let q = SearchQuery("补贴")
        #expect(q.fts5(.strict) == "\"补贴\"")
        #expect(q.tsquery(.strict) == "'补贴'")
        #expect(q.relaxed == nil)
    }

    @Test func longerWordIsThePhraseOfItsPairs() {
        let q = SearchQuery("人才公寓")
        #expect(q.fts5(.strict) == "\"人才 才公 公寓\"")
        #expect(q.tsquery(.strict) == "'人才' <-> '才公' <-> '公寓'")
        // Relaxed: the phrase or any of its pairs.
        #expect(q.fts5(.relaxed) == "\"人才 才公 公寓\" OR \"人才\" OR \"才公\" OR \"公寓\"")
    }

    @Test func oneCharacterQueryIsTheSingle() {
        #expect(SearchQuery("房").fts5(.strict) == "\"房\"")
        #expect(SearchQuery("房").tsquery(.strict) == "'房'")
    }

    @Test func wordsAreAndedInStrictAndOredInRelaxed() {
        let q = SearchQuery("租房 补贴，渝北")
        #expect(q.fts5(.strict) == "\"租房\" AND \"补贴\" AND \"渝北\"")
        #expect(q.fts5(.relaxed) == "\"租房\" OR \"补贴\" OR \"渝北\"")
        #expect(q.tsquery(.strict) == "'租房' & '补贴' & '渝北'")
        #expect(q.tsquery(.relaxed) == "'租房' | '补贴' | '渝北'")
    }

    @Test func aWordExpandsToItsSynonyms() {
        let q = SearchQuery("入户", synonyms: table)
        #expect(q.fts5(.strict) == "\"入户\" OR \"落户\" OR \"户口 口迁 迁入\"")
        #expect(q.tsquery(.strict) == "'入户' | '落户' | '户口' <-> '口迁' <-> '迁入'")
        #expect(table.synonyms(of: "入户") == ["入户", "落户", "户口迁入"])
    }

    /// Words run together are cut at the table's words; filler words (请问, 怎么, 吗) are dropped; the run as
    /// written is kept as a phrase alternative so that where it appears verbatim it ranks first.
    @Test func questionIsCutIntoWords() {
        let q = SearchQuery("请问英才卡怎么办理？", synonyms: table)
        #expect(q.words.map(\.text) == ["英才卡", "办理"])
        let q2 = SearchQuery("落户需要哪些材料", synonyms: table)
        #expect(q2.words.map(\.text) == ["落户", "材料"])
        #expect(q2.fts5(.strict) == "(\"落户\" OR \"入户\" OR \"户口 口迁 迁入\") AND (\"材料\" OR \"资料\" OR \"要件\")")
        let q3 = SearchQuery("英才卡办理", synonyms: table)
        #expect(q3.groups.count == 1)
        #expect(q3.fts5(.strict) == "(\"英才 才卡\" OR \"重庆 庆英 英才 才卡\" OR \"英才 才服 服务 务卡\" OR \"英才 才卡 卡办 办理\") AND \"办理\"")
    }

    /// Core: the table's words alone, for when an unknown stretch sinks the strict search.
    @Test func coreKeepsTheKnownWords() {
        let q = SearchQuery("落户要多久能办下来", synonyms: table)
        #expect(q.words.map(\.text) == ["落户", "要", "多久", "能办下来"])
        #expect(q.fts5(.core) == "(\"落户\" OR \"入户\" OR \"户口 口迁 迁入\") AND (\"多久\" OR \"时限\" OR \"多长 长时 时间\")")
        #expect(SearchQuery("落户 材料", synonyms: table).core == nil)
        #expect(SearchQuery("补贴 渝北", synonyms: table).core == nil)
    }

    @Test func multiWordSynonymsMatchTogether() {
        let q = SearchQuery("Work  Permit 办理", synonyms: table)
        #expect(q.words.map(\.text) == ["work permit", "办理"])
        #expect(q.fts5(.strict) == "((\"work\" AND \"permit\") OR \"外国 国人 人工 工作 作许 许可\") AND \"办理\"")
        #expect(q.tsquery(.strict) == "(('work' & 'permit') | '外国' <-> '国人' <-> '人工' <-> '工作' <-> '作许' <-> '许可') & '办理'")
    }

    @Test func fullWidthQueryMatchesHalfWidthText() {
        #expect(SearchQuery("ＶＩＰ通道").fts5(.strict) == SearchQuery("vip通道").fts5(.strict))
        #expect(SearchQuery("vip通道").fts5(.strict) == "\"vip\" AND \"通道\"")
        #expect(SearchQuery("IPv6").fts5(.strict) == "\"ipv 6\"")
    }

    @Test func onlyFillerWordsAreSearchedAsTyped() {
        #expect(SearchQuery("怎么样").words.map(\.text) == ["怎么样"])
    }

    @Test func nothingSearchableGivesNoExpression() {
        let q = SearchQuery(" ，。？！…— ")
        #expect(q.isEmpty)
        #expect(q.fts5(.strict) == nil && q.tsquery(.relaxed) == nil)
        #expect(q.cascade.isEmpty)
    }

    @Test func limitsBoundTheExpression() {
        let long = String(repeating: "落户 ", count: 500) + (1...100).map { "词\($0)" }.joined(separator: " ")
        let q = SearchQuery(long, limits: QueryLimits(maxCharacters: 200, maxWords: 24, maxAlternatives: 12))
        #expect(q.words.count <= 24)
    }
}

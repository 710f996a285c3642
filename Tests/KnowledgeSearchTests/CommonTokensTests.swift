import Testing
import KnowledgeSearch

/// 常用词: the alternatives of a loose query made only of words in most articles are left out of it.
@Suite struct CommonTokensTests {
    let common = CommonTokens(texts: ["人才", "办理"])

    @Test func countsAboveTheShareAreCommon() {
        let c = CommonTokens(counts: [("人才", 600), ("外籍", 40), ("办理", 51), ("居留", 50)], articles: 1000)
        #expect(CommonTokens(counts: [("人才", 600)], articles: 999).texts.isEmpty)
        #expect(c.texts == ["人才", "办理"])
        #expect(CommonTokens.minimumCount(articles: 1000) == 51)
        #expect(CommonTokens(counts: [("人才", 1)], articles: 0, minimumArticles: 0).texts == ["人才"])
    }

    @Test func anOrLosesItsCommonAlternatives() {
        let relaxed = SearchQuery("人才 外籍").relaxed!
        #expect(FTS5Syntax.render(relaxed) == "\"人才\" OR \"外籍\"")
        #expect(FTS5Syntax.render(common.pruning(relaxed)) == "\"外籍\"")
    }

    /// A phrase with one rare pair is not common (外籍人才 is rarer than 外籍); an OR of only common words is
    /// kept whole, or nothing would be searched.
    @Test func rarePhrasesAndAllCommonQueriesStay() {
        let phrase = SearchQuery("外籍人才").strict!
        #expect(common.pruning(phrase) == phrase)
        let onlyCommon = SearchQuery("人才 办理").relaxed!
        #expect(common.pruning(onlyCommon) == onlyCommon)
        #expect(CommonTokens.none.pruning(onlyCommon) == onlyCommon)
    }

    /// AND keeps its common words: they narrow what matches. An OR inside it is a word's synonyms, kept whole.
    @Test func andKeepsItsWords() {
        let strict = SearchQuery("人才 外籍").strict!
        #expect(common.pruning(strict) == strict)
        let synonyms = MatchExpression.all([.any([.phrase([.pair("人", "才")]), .phrase([.pair("外", "籍")])]), .phrase([.pair("居", "留")])])
        #expect(common.pruning(synonyms) == synonyms)
        let anyWord = MatchExpression.any([synonyms, .phrase([.pair("人", "才")]), .phrase([.pair("居", "留")])])
        #expect(common.pruning(anyWord) == .any([synonyms, .phrase([.pair("居", "留")])]))
    }

    /// On the in-memory index (ranked as FTS5 ranks): the pruned query finds the articles with the rare word
    /// first, as the whole one does, and no longer matches those with only the common word.
    @Test func prunedQueryRanksTheRareWordFirst() {
        var index = KnowledgeIndex()
        for i in 1...60 { index.add(id: i, title: "人才服务第\(i)号", body: "人才办理人才事项") }
        index.add(id: 61, title: "外籍人才永久居留", body: "外籍人才申请永久居留")
        index.add(id: 62, title: "居留许可", body: "外籍人员居留许可")
        let counts = [("人才", 61), ("外籍", 2)]
        let c = CommonTokens(counts: counts, articles: index.count, minimumArticles: 0)
        #expect(c.texts == ["人才"])
        let relaxed = SearchQuery("人才 外籍").relaxed!
        let whole = index.search(relaxed, limit: 3).map(\.id)
        let pruned = index.search(c.pruning(relaxed), limit: 3).map(\.id)
        #expect(Array(whole.prefix(2)) == [61, 62])
        #expect(pruned == [61, 62])
        #expect(index.matchCount(c.pruning(relaxed)) == 2)
        #expect(index.matchCount(relaxed) == 62)
    }
}

import Testing
import KnowledgeSearch

/// 内存索引: matching and BM25 ranking as SQLite FTS5 does it.
@Suite struct KnowledgeIndexTests {
    let index = SmallCorpus.index

    func ids(_ q: String, _ mode: MatchMode = .strict, synonyms: SynonymTable = table) -> [Int] {
        guard let e = SearchQuery(q, synonyms: synonyms).expression(mode) else { return [] }
        return index.search(e, limit: 20).map(\.id)
    }

    /// 补贴 inside 安家补贴申领 and 租房补贴: a two-character word is found inside longer words.
    @Test func twoCharacterWordInsideLongerText() {
        #expect(Set(ids("补贴")) == [2, 3, 9])
        #expect(Set(ids("申领")) == [2, 3])
    }

    @Test func oneCharacterQuery() {
        #expect(Set(ids("房")) == [2, 6, 7])
    }

    /// A query 入户 finds the article that says 户口迁入 and the one that says 落户, neither of which says 入户.
    @Test func synonymsFindOtherWordings() {
        #expect(Set(ids("入户")) == [5, 6])
        #expect(ids("入户", synonyms: .empty).isEmpty)
    }

    /// Strict: 人才公寓 needs the four characters together; article 4 has 人才 and 公寓 apart. Relaxed finds it.
    @Test func phraseNeedsAdjacency() {
        #expect(Set(ids("人才公寓")) == [1, 2])
        #expect(ids("人才公寓", .relaxed).contains(4))
        #expect(SmallCorpus.articles[3].body.contains("人才") && SmallCorpus.articles[3].body.contains("公寓"))
    }

    /// No phrase across punctuation: 人才，公寓 is not 人才公寓.
    @Test func noPhraseAcrossPunctuation() {
        var index = KnowledgeIndex()
        index.add(id: 1, title: "说明", body: "人才，公寓")
        #expect(index.search(.phrase(Tokenizer.tokens(of: "人才").prefix(1) + [.pair("才", "公"), .pair("公", "寓")]), limit: 5).isEmpty)
        #expect(index.search(SearchQuery("人才公寓").strict!, limit: 5).isEmpty)
        #expect(index.search(SearchQuery("人才 公寓").strict!, limit: 5).map(\.id) == [1])
    }

    @Test func latinAndFullWidth() {
        #expect(ids("vip") == [8])
        #expect(ids("ＶＩＰ通道") == [8])
        #expect(ids("Vip 预约") == [8])
    }

    /// Same length, same word once: in the title it ranks above in the body; with equal weights they tie.
    @Test func titleRanksAboveBody() {
        var weighted = KnowledgeIndex()
        weighted.add(id: 1, title: "一二三四", body: "公寓管理")
        weighted.add(id: 2, title: "公寓管理", body: "一二三四")
        let hits = weighted.search(SearchQuery("公寓").strict!, limit: 5)
        #expect(hits.map(\.id) == [2, 1])
        #expect(hits[0].score > hits[1].score)

        var flat = KnowledgeIndex(parameters: BM25Parameters(titleWeight: 1, bodyWeight: 1))
        flat.add(id: 1, title: "一二三四", body: "公寓管理")
        flat.add(id: 2, title: "公寓管理", body: "一二三四")
        let tied = flat.search(SearchQuery("公寓").strict!, limit: 5)
        #expect(tied[0].score == tied[1].score)
    }

    /// The scores SQLite 3.40's FTS5 gives the same stored tokens with `bm25(kb, 4.0, 1.0)` (see README).
    @Test(arguments: [
        ("人才公寓", [(1, 1.8678106917077602), (2, 1.1168886483686886)]),
        ("补贴", [(3, 1.1126521719719704), (2, 1.1047098138332996), (9, 0.6346161502766504)]),
        ("房", [(7, 1.1517982565068434), (2, 1.1406082566948843), (6, 0.5855057001262649)]),
        ("入户", [(5, 3.0509452525214535), (6, 3.0162206148070143)]),
        ("申领 补贴", [(2, 3.06524439776406), (3, 3.017559986497381)]),
    ])
    func scoresEqualSQLiteFTS5(_ query: String, _ expected: [(Int, Double)]) {
        let hits = index.search(SearchQuery(query, synonyms: table).strict!, limit: 10)
        #expect(hits.map(\.id) == expected.map(\.0))
        for (hit, (_, score)) in zip(hits, expected) {
            #expect(abs(hit.score - score) < 1e-9, "\(query) #\(hit.id): \(hit.score) vs \(score)")
        }
    }

    /// Strict first; when it does not fill the page, core then relaxed rows are appended, none twice.
    @Test func cascadeAppendsLooserResults() {
        let q = SearchQuery("人才公寓", synonyms: table)
        let hits = index.search(q, limit: 5).map(\.id)
        #expect(Array(hits.prefix(2)).sorted() == [1, 2])
        #expect(hits.count == 5 && Set(hits).count == 5)
        #expect(hits.contains(4))
        #expect(index.search(q, limit: 2).map(\.id).sorted() == [1, 2])
        #expect(ResultCascade.merge(strict: [3, 1], relaxed: [1, 2, 3, 4], limit: 3) == [3, 1, 2])
        #expect(ResultCascade.needsRelaxed(strictCount: 4, limit: 5) && !ResultCascade.needsRelaxed(strictCount: 5, limit: 5))
        #expect(ResultCascade.nextLimit(shown: 4, limit: 5) == 9)
    }

    @Test func unknownTokensMatchNothing() {
        #expect(ids("火星").isEmpty)
        #expect(index.matchCount(.all([.phrase([.single("房")]), .phrase([.word("zzz")])])) == 0)
        #expect(index.matchCount(.any([.phrase([.single("房")]), .phrase([.word("zzz")])])) == 3)
    }
}

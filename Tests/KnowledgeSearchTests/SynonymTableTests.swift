import Testing
import KnowledgeSearch

/// 同义词表 as the editors write it.
@Suite struct SynonymTableTests {
    @Test func readsTheEditorsFile() {
        let t = SynonymTable(csv: "\u{FEFF}# comment\n\n落户，入户、户口迁入\r\n  ＶＩＰ通道,贵宾通道\n办理\n")
        #expect(t.groupCount == 3)
        #expect(t.synonyms(of: "户口迁入") == ["户口迁入", "落户", "入户"])
        #expect(t.synonyms(of: "vip通道") == ["vip 通道", "贵宾通道"])
        #expect(t.synonyms(of: "贵宾通道") == ["贵宾通道", "vip 通道"])
        #expect(t.synonyms(of: "补贴") == ["补贴"])
    }

    @Test func aWordInTwoGroupsGetsBoth() {
        let t = SynonymTable(groups: [["博士后", "博后"], ["博士后", "postdoc"]])
        #expect(t.synonyms(of: "博士后") == ["博士后", "博后", "postdoc"])
    }

    /// A one-word line teaches the parser where words end without adding synonyms.
    @Test func oneWordLinesTeachTheParser() {
        let without = SearchQuery("安家补贴申领", synonyms: .empty)
        #expect(without.words.map(\.text) == ["安家补贴申领"])
        let with = SearchQuery("安家补贴申领", synonyms: SynonymTable(groups: [["安家补贴"], ["申领"]]))
        #expect(with.words.map(\.text) == ["安家补贴", "申领"])
    }
}

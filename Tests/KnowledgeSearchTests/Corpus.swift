import KnowledgeSearch

/// A small knowledge base for the index and highlighting tests.
enum SmallCorpus {
    static let articles: [(id: Int, title: String, body: String)] = [
        (1, "人才公寓配租", "符合条件的人才可以申请人才公寓，租金按市场价的一定比例收取。"),
        (2, "租房补贴申领", "未入住人才公寓、公租房的人才，可申领租房补贴。"),
        (3, "安家补贴申领", "人才到渝工作满一年，可申领安家补贴。补贴按人才层次确定。"),
        (4, "人才和公寓的说明", "本文分别说明人才的认定，以及公寓的管理：两者并不相连。"),
        (5, "户口迁入办理", "为来渝工作的各类人才办理户口迁入，支持网上申请。"),
        (6, "人才落户政策问答", "人才可落户本人住房、用人单位集体户或人才集体户。"),
        (7, "房屋租赁备案", "出租房屋应当办理租赁备案。"),
        (8, "VIP通道预约", "机场、高铁ＶＩＰ通道可在线预约。"),
        (9, "政策汇编", "本汇编收录多项政策，其中第十二条提到补贴发放。"),
    ]

    static var index: KnowledgeIndex {
        var index = KnowledgeIndex()
        for a in articles { index.add(id: a.id, title: a.title, body: a.body) }
        return index
    }
}

import Foundation
import Organisations
import WorkCalendar

/// The demo's hotline desk: a knowledge base built from the catalog (one guide per item, issued by
/// its department) and a few topics callers ask about, the editors' synonym table, and about six
/// calls for every order filed from one (seed 004: 60,000 calls, about 10,000 orders) — answered
/// from an article, answered without one (knowledge gaps), put through, dropped, and one still on
/// the line. The editor finds a draft to review, articles about to expire, and gaps.
struct DemoHotline {
    let app: Yingcai
    let people: DemoPeople

    static let topics: [(title: String, body: String, items: [String], keywords: [String])] = [
        ("人才公寓申请条件", "在本市就业、本人及配偶在本市无自有住房的各类人才，可申请人才公寓。A 至 C 类人才可申请免租入住，D、E 类人才按市场租金的一定比例缴纳租金。申请时提交身份证件、劳动合同、人才层次认定证明和住房情况查询证明。", ["YC-P-021"], ["人才公寓", "租金"]),
        ("人才落户办理流程", "符合条件的人才可在工作地或居住地派出所办理落户，配偶及未成年子女可随迁。办理时携带身份证件、学历学位证书、劳动合同；全程网办的可在渝快办提交材料，承诺时限内办结。", ["YC-P-001", "YC-P-002"], ["落户", "随迁"]),
        ("安家补贴申领", "新引进的高层次人才可按层次申领安家补贴，补贴分年拨付。符合政策的人才由系统主动推送，确认领取信息后即可发放，无需另行申请。", [], ["安家补贴", "免申即享"]),
        ("子女入学服务", "高层次人才子女就读义务教育阶段学校，可由人才服务专员协调安排入学，提供出生证明、户口簿和人才层次认定证明。", [], ["子女入学", "就学"]),
        ("英才卡办理与使用", "认定为 A 至 E 类的人才可申领重庆英才卡，凭卡或英才码享受医疗、交通、文旅等服务。英才码每分钟刷新，核验点扫码核验。", [], ["英才卡", "英才码"]),
        ("博士后日常经费资助", "在渝博士后研究人员可申请日常经费资助，由设站单位统一申报，人社部门审核后拨付。", [], ["博士后", "经费"]),
    ]

    func load() async throws {
        let admin = people.admin
        // The synonym table, as the editors keep it.
        var groups: [[String]] = []
        if let url = Bundle.module.url(forResource: "kb-synonyms", withExtension: "csv", subdirectory: "Resources"),
           let text = try? String(contentsOf: url, encoding: .utf8) {
            for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
                let words = line.split(whereSeparator: { ",，、".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                if !words.isEmpty { groups.append(Array(words.prefix(12))) }
            }
        }
        _ = try await app.knowledge.setSynonyms(groups, by: admin)

        // A guide for every item, issued by its department at the city level.
        let today = app.clock.today
        for (n, item) in try await app.catalog.list(kind: nil, department: nil, tier: nil).enumerated() {
            let materials = item.materials.map(\.name).joined(separator: "、")
            let body = "\(item.description)\n所需材料：\(materials)。\n承诺时限：\(item.commitWorkdays) 个工作日（法定 \(item.statutoryWorkdays) 个工作日）。"
                + "办理渠道：\(item.channels.map { Channel(rawValue: $0)?.label.chinese ?? $0 }.joined(separator: "、"))。"
            // Two HRSS guides run out within the month: the editor's warnings.
            let expires = item.department == "HRSS" && n % 7 == 3 ? today.adding(days: 12 + n % 10).description : nil
            _ = try await app.knowledge.importArticle(.init(title: "\(item.name)办理指南", body: body, category: "service",
                                                                keywords: [item.name], items: [item.code], scope: "500000",
                                                                effectiveOn: today.adding(days: -60).description, expiresOn: expires,
                                                                orgCode: "500000:\(item.department)"), by: admin)
        }
        var topicIds: [Int64] = []
        for t in Self.topics {
            topicIds.append(try await app.knowledge.importArticle(.init(title: t.title, body: t.body, category: "inquiry", keywords: t.keywords, items: t.items,
                                                                        effectiveOn: today.adding(days: -30).description, orgCode: "500000:HRSS"), by: admin).id)
        }
        _ = try await app.knowledge.importArticle(.init(title: "渝北区人才公寓选房安排", body: "渝北区人才公寓每季度集中选房一次，按认定层次和申请时间排序。",
                                                        category: "inquiry", keywords: ["人才公寓", "选房"], items: ["YC-P-021"], scope: "500112",
                                                        orgCode: "500112:HRSS"), by: admin)
        // A draft written by the admin, waiting for the HRSS editor's review.
        _ = try await app.knowledge.create(.init(title: "高层次人才配偶就业服务", body: "高层次人才配偶有就业意愿的，由人社部门推荐岗位或提供就业指导。",
                                                 category: "inquiry", keywords: ["配偶就业"], orgCode: "500000:HRSS"), by: admin)

        // Calls of the last five days at the desk, about six for every order.
        let desk = people.dispatcher
        let now = app.clock.nowMillis()
        let questions = ["人才公寓怎么申请", "落户需要什么材料", "安家补贴什么时候到账", "英才卡在哪里办", "孩子入学怎么安排", "博士后经费怎么申请", "社保缴费基数怎么查"]
        let phones = ["13800000001", "13800000002", DemoPeople.talent1Phone, "13900231234", "13600001234"]
        for i in (0..<42).reversed() {  // oldest first, as they came in
            let started = now - Int64(i) * 3 * 3600 * 1000 - 60_000  // every three hours, back over five days
            let q = questions[i % questions.count]
            let line = i % 3 == 2 ? "12351" : "12345"
            let call = try await app.hotline.record(.init(line: line, callerPhone: phones[i % phones.count], question: q, startedAt: started), by: desk)
            switch i % 12 {
            case 0, 6:  // an order
                _ = try await app.hotline.fileOrder(from: call.id, NewWorkOrder(category: "help", contact: .init(name: "来电人"),
                                                                                districtCode: "500112"),
                                                    durationSeconds: 240 + i, by: desk, idempotencyKey: nil, request: [])
            case 1:
                _ = try await app.hotline.close(call.id, .init(outcome: "transferred", durationSeconds: 60, transferredTo: "12333 人社服务热线"), by: desk)
            case 2:
                _ = try await app.hotline.close(call.id, .init(outcome: "dropped", durationSeconds: 15), by: desk)
            case 3, 9:  // answered without an article: a gap for the editors
                _ = try await app.hotline.close(call.id, .init(outcome: "answered", durationSeconds: 200), by: desk)
            default:
                let hit = try await app.knowledge.search(q, limit: 1).first?.id ?? topicIds[i % topicIds.count]
                _ = try await app.hotline.useArticle(hit, on: call.id, by: desk)
                _ = try await app.hotline.close(call.id, .init(outcome: "answered", durationSeconds: 120 + i), by: desk)
            }
        }
        // One call still on the line.
        _ = try await app.hotline.record(.init(line: "12345", callerPhone: "13800000003", question: "人才公寓租金怎么算"), by: desk)
    }
}

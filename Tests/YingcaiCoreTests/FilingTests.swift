import Foundation
import SQLKit
import TestSupport
import Testing
import YingcaiCore

@Suite("Filing, routing and personal data, without HTTP")
struct FilingTests {
    static func call(_ title: String = "来电求助", district: String = "500112") -> NewWorkOrder {
        NewWorkOrder(channel: "phone", category: "help", contact: .init(name: "王先生", phone: "13700001111"), title: title,
                     content: "来电人反映情况", districtCode: district)
    }

    @Test("a filing under a key answers the first answer again and files nothing new")
    func idempotentFiling() async throws {
        try await TestCore.run { t in
            let dispatcher = try await t.user("dispatcher", [.dispatcher], at: "500000:HOTLINE")
            let first = try await t.core.workOrders.file(Self.call(), by: dispatcher, idempotencyKey: "k1", request: Array("a".utf8)) { "order \($0.id)" }
            let again = try await t.core.workOrders.file(Self.call(), by: dispatcher, idempotencyKey: "k1", request: Array("a".utf8)) { "order \($0.id)" }
            #expect(first.record != nil && again.record == nil)
            #expect(again.answer.replayed && again.answer.body == first.answer.body)
            await #expect(throws: CoreError.self) {
                _ = try await t.core.workOrders.file(Self.call(), by: dispatcher, idempotencyKey: "k1", request: Array("b".utf8))
            }
            let count = try await t.core.db.read { db in try await db.raw("SELECT count(*) AS n FROM work_orders").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 1)
        }
    }

    @Test("inside a transaction that rolls back, a filing leaves nothing")
    func rolledBack() async throws {
        struct Abandon: Error {}
        try await TestCore.run { t in
            let dispatcher = try await t.user("dispatcher", [.dispatcher], at: "500000:HOTLINE")
            await #expect(throws: Abandon.self) {
                try await t.core.db.transaction { _ in
                    _ = try await t.core.workOrders.file(Self.call(), by: dispatcher)
                    throw Abandon()
                }
            }
            let count = try await t.core.db.read { db in try await db.raw("SELECT count(*) AS n FROM work_orders").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 0)
        }
    }

    @Test("an application goes to its item's department, at the city or in the talent's district", arguments: [("YC-P-011", "500112:HRSS"), ("YC-P-010", "500000:HRSS")])
    func routing(item code: String, lead: String) async throws {
        try await TestCore.run { t in
            let item = try #require(try await t.core.catalog.item(code))
            #expect(Routing.leadOrg(for: item, district: "500112") == lead)
        }
    }

    @Test("personal fields and numbers in text are stored masked and sealed; the stored text holds no full number")
    func personalData() async throws {
        try await TestCore.run { t in
            let dispatcher = try await t.user("dispatcher", [.dispatcher], at: "500000:HOTLINE")
            var input = Self.call("来电 13812345678 求助")
            input.content = "身份证 500103198808081237 电话 13812345678"
            let record = try #require(try await t.core.workOrders.file(input, by: dispatcher).record)
            #expect(record.title == "来电 138****5678 求助")
            #expect(!record.content.contains("13812345678") && !record.content.contains("500103198808081237"))
            let personal = try await t.core.workOrders.personalData(record.id, by: dispatcher)
            #expect(personal.contactPhone == "13700001111")
            #expect(personal.values["content"] == "身份证 500103198808081237 电话 13812345678")
            let row = try await t.core.db.read { db in
                try await db.raw("SELECT title, content, form FROM work_orders WHERE id = \(bind: record.id)").first()!
            }
            for column in ["title", "content", "form"] {
                let text = try row.decode(column: column, as: String.self)
                #expect(!text.contains("13812345678") && !text.contains("500103198808081237"), "\(column)")
            }
        }
    }

    @Test("the form's typed personal fields are masked by their kind", arguments: [
        ("phone", "13812345678", "138****5678"), ("idNumber", "500103198808081237", "500103********1237"),
        ("email", "zhang@example.cn", "z****@example.cn"), ("address", "重庆市渝北区龙溪街道金龙路88号", "重庆市渝北区龙溪街道****"),
        ("account", "6222021380000111122", "***************1122"),
    ])
    func maskedByKind(type: String, value: String, shown: String) {
        let field = ServiceItem.FormField(key: "x", label: "x", type: type, required: true, options: nil)
        let (form, personal) = PersonalForm.split(["x": .text(value)], fields: [field])
        #expect(form["x"] == .text(shown))
        #expect(personal == ["form.x": value])
    }
}

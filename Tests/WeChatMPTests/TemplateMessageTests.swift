import Foundation
import Testing

@testable import WeChatMP

@Suite struct TemplateMessageTests {
    let message = TemplateMessage(
        toUser: "oYC_talent_9f2KdE7xQ1", templateID: "ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY",
        url: "https://yingcai.example.cn/orders/YC20261203000123",
        first: .init("您的工单已派单", color: "#173177"),
        keywords: [.init("YC20261203000123"), .init("已派单", color: "#FF0000"), .init("2026年12月03日 10:40")],
        remark: .init("如有疑问请回复“查询 YC20261203000123”。")
    )

    @Test func encodesTheDocumentedShapeInOrder() throws {
        let json = try message.json()
        #expect(
            json == ##"{"touser":"oYC_talent_9f2KdE7xQ1","template_id":"ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY","##
                + ##""url":"https://yingcai.example.cn/orders/YC20261203000123","data":{"first":{"value":"您的工单已派单","color":"#173177"},"##
                + ##""keyword1":{"value":"YC20261203000123"},"keyword2":{"value":"已派单","color":"#FF0000"},"##
                + ##""keyword3":{"value":"2026年12月03日 10:40"},"remark":{"value":"如有疑问请回复“查询 YC20261203000123”。"}}}"##)
    }

    @Test func isValidJSONThatFoundationReadsBack() throws {
        var tricky = message
        tricky.keywords = [.init("quote \" backslash \\ newline \n tab \t nul \u{0} ls \u{2028}")]
        tricky.miniProgram = .init(appID: "wxmini", pagePath: "pages/order?id=1")
        tricky.clientMessageID = "order-123-dispatched"
        let object = try #require(try JSONSerialization.jsonObject(with: Data(tricky.json().utf8)) as? [String: Any])
        let data = try #require(object["data"] as? [String: Any])
        let keyword = try #require(data["keyword1"] as? [String: Any])
        #expect(keyword["value"] as? String == "quote \" backslash \\ newline \n tab \t nul \u{0} ls \u{2028}")
        #expect((object["miniprogram"] as? [String: String]) == ["appid": "wxmini", "pagepath": "pages/order?id=1"])
        #expect(object["client_msg_id"] as? String == "order-123-dispatched")
    }

    @Test(arguments: ["red", "#12345", "#1234567", "#GGGGGG", "173177"])
    func refusesAColourThatIsNotHex(_ color: String) {
        var bad = message
        bad.remark = .init("x", color: color)
        #expect(throws: WeChatError.invalidColor(color)) { try bad.json() }
    }
}

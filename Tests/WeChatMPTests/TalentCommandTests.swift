import Testing

@testable import WeChatMP

@Suite struct TalentCommandTests {
    @Test(arguments: [
        ("绑定 123456", "123456"), ("绑定123456", "123456"), ("绑定：123456", "123456"), ("  绑定  123 456 ", "123456"),
        ("123456", "123456"), ("１２３４５６", "123456"), ("綁定 654321", "654321"), ("绑定　１２３４５６", "123456"),
    ])
    func bindsWithASixDigitCode(_ text: String, _ code: String) {
        #expect(TalentCommand.parse(text) == .bind(code: code))
    }

    @Test(arguments: [
        ("查询 YC20261203000123", "YC20261203000123"), ("查询yc20261203000123", "YC20261203000123"),
        ("查询：ＹＣ２０２６１２０３０００１２３", "YC20261203000123"), ("查询 YC 20261203 000123", "YC20261203000123"),
        ("YC20261203000123", "YC20261203000123"), ("yc20261203123456789", "YC20261203123456789"),
        ("查詢 YC20261203000123", "YC20261203000123"),
    ])
    func queriesAnOrderByNumber(_ text: String, _ number: String) {
        #expect(TalentCommand.parse(text) == .queryStatus(orderNumber: number))
    }

    @Test func continuesAnOpenOrderKeepingTheTextAsWritten() {
        #expect(
            TalentCommand.parse("继续 YC20261203000123 已上传学位证，请查收！")
                == .continueOrder(orderNumber: "YC20261203000123", content: "已上传学位证，请查收！"))
        #expect(
            TalentCommand.parse("继续 ｙｃ２０２６１２０３０００１２３：补充 ABC")
                == .continueOrder(orderNumber: "YC20261203000123", content: "补充 ABC"))
        #expect(
            TalentCommand.parse("繼續YC20261203000123，多行\n内容")
                == .continueOrder(orderNumber: "YC20261203000123", content: "多行\n内容"))
    }

    @Test(arguments: [
        ("绑定 12345", TalentCommand.Problem.bindingCode), ("绑定", .bindingCode), ("绑定 abcdef", .bindingCode),
        ("查询", .orderNumber), ("查询 YC2026", .orderNumber), ("查询 YC20261303000123", .orderNumber),
        ("查询 XX20261203000123", .orderNumber), ("继续 YC20261203000123", .continuationContent),
        ("继续 YC20261203000123 ：", .continuationContent), ("继续 YC123 补充", .orderNumber), ("   ", .emptyMessage),
    ])
    func explainsAMalformedCommand(_ text: String, _ problem: TalentCommand.Problem) {
        #expect(TalentCommand.parse(text) == .malformed(problem))
    }

    @Test(arguments: [
        "请问人才公寓怎么申请？", "1234567", "12345", "我的编号是 YC20261203000123，想问进度", "查一下", "继续努力", "绑定银行卡的流程",
        "查询人才补贴政策", "继续 补充材料", "继续办理我的申请",
    ])
    func treatsEverythingElseAsANewInquiry(_ text: String) {
        #expect(TalentCommand.parse(text) == .newInquiry(text: text))
    }

    @Test func trimsButOtherwiseKeepsAnInquiry() {
        #expect(TalentCommand.parse("\n　子女入学需要哪些材料？ \n") == .newInquiry(text: "子女入学需要哪些材料？"))
    }

    @Test func orderNumbersFollowTheProductsFormat() {
        #expect(OrderNumber.isValid("YC20261125000123"))
        #expect(OrderNumber.isValid("YC20261125123456789012"))
        #expect(!OrderNumber.isValid("YC2026112500012"))  // five digits of id
        #expect(!OrderNumber.isValid("YC20260015000123"))  // month 00
        #expect(!OrderNumber.isValid("yc20261125000123"))
    }
}

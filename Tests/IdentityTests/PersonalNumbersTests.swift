import TestRandom
import Foundation
import Identity
import Testing
import WorkCalendar

@Suite("Phone and ID numbers written into free text")
struct PersonalNumbersTests {
    /// A valid ID number of a region, birth date and sequence, with its check character.
    static func id(_ first17: String) -> String {
        first17 + String(ResidentIDNumber.checkCharacter(for: first17.map { Int(String($0))! }))
    }

    @Test("a mobile number in a sentence is found, alone or grouped, in ASCII or full-width digits",
          arguments: ["我的电话13800001111，请回电", "电话：138 0000 1111。", "tel 138-0000-1111", "手机１３８００００１１１１", "13800001111"])
    func mobiles(text: String) {
        let found = PersonalNumbers.find(in: text)
        #expect(found.map(\.kind) == [.mobile], "\(text)")
        #expect(found.first?.value == "13800001111", "\(text)")
        #expect(PersonalNumbers.masked(text).text.contains("138****1111"), "\(text)")
    }

    @Test("an ID number with a valid check character is found and masked; a wrong check character is not an ID")
    func idNumbers() {
        let good = Self.id("50011219900307123")
        let text = "身份证号\(good)，已核实"
        #expect(PersonalNumbers.find(in: text).map(\.kind) == [.residentID])
        #expect(PersonalNumbers.masked(text).text == "身份证号500112********\(good.suffix(4))，已核实")
        let lastDigit = good.last!
        let wrong = String(good.dropLast()) + (lastDigit == "1" ? "2" : "1")
        #expect(PersonalNumbers.find(in: "证件号\(wrong)").isEmpty)
        let withX = Self.id("11010519491231002")
        #expect(withX.hasSuffix("X"))
        #expect(PersonalNumbers.find(in: "号码 " + withX.lowercased()).first?.value == withX)
    }

    @Test("numbers that are something else are left alone",
          arguments: ["工单 YC20261203000123", "卡号 YC2026000123X", "金额 13800001111.50 元", "账号 6222021380000111122",
                      "12800001111", "138000011112", "1380000111", "2026-12-03 10:00", "订单 A13800001111", "13800001111B"])
    func notPersonal(text: String) {
        #expect(PersonalNumbers.find(in: text).isEmpty, "\(text)")
        #expect(PersonalNumbers.masked(text).text == text)
    }

    @Test("several numbers in one text are all masked, in order, and nothing findable is left")
    func several() {
        let a = Self.id("50010319880808123"), b = Self.id("51010419950512002")
        let text = "甲 \(a) 电话 13900231234；乙 \(b)，电话 139-0023-1235。"
        let (masked, found) = PersonalNumbers.masked(text)
        #expect(found.map(\.value) == [a, "13900231234", b, "13900231235"])
        #expect(PersonalNumbers.find(in: masked).isEmpty)
        #expect(!masked.contains(a) && !masked.contains(b) && !masked.contains("13900231234"))
    }

    @Test("random texts: every planted number is found and no masked text still holds one")
    func randomTexts() {
        var rng = SplitMix64(seed: 11643)
        let fillers = ["请尽快办理", "来电人反映", "，", "。", " ", "补贴", "A", "编号", "2026年", "第3次"]
        for _ in 0..<2000 {
            var text = ""
            var planted: [String] = []
            for _ in 0..<Int(rng.next() % 6) {
                text += fillers[Int(rng.next() % UInt64(fillers.count))]
                if rng.next() % 3 == 0 {
                    let phone = "1" + String("3456789".randomElement(using: &rng)!) + String(format: "%09d", Int(rng.next() % 1_000_000_000))
                    planted.append(phone)
                    text += "：" + phone + "，"
                } else if rng.next() % 4 == 0 {
                    let born = LocalDate(dayNumber: 3000 + Int(rng.next() % 18000))
                    let first17 = "500112" + String(format: "%04d%02d%02d%03d", born.year, born.month, born.day, Int(rng.next() % 1000))
                    let id = Self.id(first17)
                    planted.append(id)
                    text += "号" + id + "。"
                }
            }
            let (masked, found) = PersonalNumbers.masked(text)
            #expect(found.map(\.value) == planted, "\(text)")
            #expect(PersonalNumbers.find(in: masked).isEmpty, "\(masked)")
            for p in planted { #expect(!masked.contains(p)) }
        }
    }
}

@Suite("Masking e-mail, addresses and accounts")
struct OtherMaskingTests {
    @Test func emails() {
        #expect(Masking.email("zhangming@example.cn") == "z********@example.cn")
        #expect(Masking.email("ab@x.cn") == "a***@x.cn")
    }

    @Test func addresses() {
        #expect(Masking.address("重庆市渝北区龙溪街道金龙路88号3-2") == "重庆市渝北区龙溪街道****")
        #expect(!Masking.address("渝北区金龙路88号").contains("88"))
    }

    @Test func accounts() {
        #expect(Masking.account("6222021380000111122") == "***************1122")
    }
}

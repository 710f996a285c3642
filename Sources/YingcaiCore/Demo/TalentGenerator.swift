import Identity
import Organisations
import WorkCalendar

/// Generates plausible talents with valid identity numbers: for the demo, the tests and the
/// benchmarks. Deterministic for a seed.
public struct TalentGenerator: Sendable {
    var rng: SplitMix64
    let districts: [String]
    let today: LocalDate
    public var withTiers = true

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let givenChars = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力云飞鹏宇浩然欣怡子涵梓轩雨桐思远嘉诚一鸣晨曦俊杰")
    static let employers = ["重庆大学", "西南大学", "重庆医科大学", "陆军军医大学", "长安汽车", "京东方重庆", "中冶赛迪",
                            "重庆邮电大学", "西南政法大学", "重庆市人民医院", "紫光展锐", "赛力斯汽车", "重庆交通大学", "国家应用数学中心"]
    static let fields = ["人工智能", "集成电路", "生物医药", "智能网联汽车", "新材料", "先进制造", "数字经济", "现代农业", "教育", "医疗卫生", "金融"]
    static let titles = ["正高级", "副高级", "中级", "初级", ""]
    static let educations = ["博士", "硕士", "本科", "专科"]
    static let categories = ["优秀科学家", "名家名师", "创新创业领军人才", "技术技能领军人才", "青年拔尖人才", "博士后", "海外高层次人才"]
    static let honors = ["国家级荣誉", "省部级荣誉", "两院院士", "国家杰出青年科学基金", "全国劳动模范", "重庆市五一劳动奖章"]

    public init(seed: UInt64, districts: [String], today: LocalDate) {
        self.rng = SplitMix64(seed: seed)
        self.districts = districts
        self.today = today
    }

    mutating func pick<T>(_ list: [T]) -> T { list[Int(rng.next() % UInt64(list.count))] }
    mutating func chance(_ percent: Int) -> Bool { Int(rng.next() % 100) < percent }

    /// One CSV row (in `TalentGenerator.header` order) with a unique identity number for `index`.
    public mutating func row(_ index: Int) -> [String] {
        let name = String(pick(Self.surnames)) + String(pick(Self.givenChars)) + (chance(70) ? String(pick(Self.givenChars)) : "")
        // Unique by index for up to 14.6 million rows: the sequence digits (and so the region) come
        // from index % 1000, and the birth date from index / 1000 through a bijection of 0..<14600
        // days (7919 is prime to 14600), which spreads ages over 23 to 63 years.
        let seq = index % 1000
        let born = LocalDate(dayNumber: today.dayNumber - 23 * 365 - ((index / 1000) * 7919) % 14600)
        let region = ["500103", "500105", "500106", "500107", "500108", "500112", "500113", "510104", "420106", "110108"][index % 10]
        let first17 = region + format4(born.year) + pad2(born.month) + pad2(born.day) + pad3(seq)
        let idNumber = first17 + String(ResidentIDNumber.checkCharacter(for: first17.map { Int(String($0))! }))
        let phone = "1" + pick(["38", "39", "58", "86", "77", "99"]) + pad8(Int(rng.next() % 100_000_000))
        let education = Self.educations[min(3, Int(rng.next() % 5))]
        let arrival = LocalDate(dayNumber: today.dayNumber - Int(rng.next() % 3650))
        var cats: [String] = []
        if chance(35) { cats.append(pick(Self.categories)) }
        if chance(10) { cats.append(pick(Self.categories)) }
        var hons: [String] = []
        if chance(8) { hons.append(pick(Self.honors)) }
        var tier = ""
        var until = ""
        if withTiers, chance(85) {
            let r = Int(rng.next() % 1000)
            tier = r < 3 ? "A" : r < 30 ? "B" : r < 150 ? "C" : r < 500 ? "D" : "E"
            until = LocalDate(dayNumber: today.dayNumber + 30 + Int(rng.next() % 1800)).description
        }
        return [name, "居民身份证", idNumber, phone, pick(Self.employers), pick(districts), education, pick(Self.titles),
                pick(Self.fields), cats.joined(separator: ";"), hons.joined(separator: ";"), arrival.description, tier, until]
    }

    public static let header = ["姓名", "证件类型", "证件号码", "手机号", "工作单位", "区县代码", "学历", "职称", "领域",
                                "人才类别", "荣誉", "来渝日期", "层次", "层次有效期至"]

    func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    func pad3(_ v: Int) -> String { String(repeating: "0", count: 3 - String(v).count) + String(v) }
    func pad8(_ v: Int) -> String { String(repeating: "0", count: 8 - String(v).count) + String(v) }
    func format4(_ v: Int) -> String { String(repeating: "0", count: max(0, 4 - String(v).count)) + String(v) }
}

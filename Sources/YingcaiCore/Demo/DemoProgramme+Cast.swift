import Identity
import Organisations
import ProgrammeRules
import WorkCalendar

/// The people of the demo's talent programme: applicants who meet their special's conditions, the
/// expert pool beside the demo's `reviewer`, and the talent office of Yubei. Each gets an account,
/// password `demo-<username>` like every demo user (hashed at the simulation's low cost, as the
/// demo's passwords are public anyway), and each applicant a certified record in the registry.
extension DemoProgramme {
    struct Applicant {
        let username: String
        let name: String
        let special: Special
        let born: LocalDate
        let tier: String
        let title: String
        let employer: String
        let district: String
        /// A field of `FieldTaxonomy.standard`, and the record's field in words.
        let field: String
        /// How strong the application is (60–95): the reviewers' scores scatter around it.
        let strength: Double
        var principal: Principal? = nil

        /// Their resident identity number, by their place in `applicants(today:)`.
        func idNumber(sequence: Int) -> String { DemoProgramme.idNumber(district: district, born: born, sequence: 500 + sequence) }
    }

    struct Expert {
        let username: String
        let name: String
        let field: String
        let employer: String
    }

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁")
    static let given = ["建国", "志强", "晓燕", "海涛", "丽娟", "文博", "思源", "雨萱", "子轩", "欣然", "宏伟", "静怡", "俊峰", "佳琪",
                        "明轩", "若曦", "天宇", "梦瑶", "浩然", "雅琴", "国栋", "慧敏", "立新", "诗涵"]
    static let employers = ["重庆大学", "西南大学", "重庆医科大学", "重庆邮电大学", "长安汽车", "中冶赛迪", "京东方重庆", "重庆交通大学",
                            "陆军军医大学", "赛力斯汽车", "重庆师范大学", "重庆市人民医院"]
    static let districts = ["500112", "500103", "500105", "500106", "500107", "500108"]
    /// Fields by special, so that each special's applications spread over a few related fields.
    static let fieldsBySpecial: [Special: [String]] = [
        .outstandingScientist: ["artificial_intelligence", "biotechnology", "functional_materials", "new_energy"],
        .masterTeacher: ["basic_education", "vocational_education", "culture_arts", "clinical_medicine"],
        .innovationLeader: ["intelligent_vehicles", "integrated_circuits", "medical_devices", "big_data"],
        .skillsLeader: ["intelligent_equipment", "robotics", "metal_materials", "precision_instruments"],
        .youngTopTalent: ["artificial_intelligence", "software", "innovative_drugs", "communications"],
        .demonstrationTeam: ["intelligent_vehicles", "digital_economy", "biotechnology", "software"],
    ]

    /// Seven applicants per special (three apply to last year's call, four to this year's, one of them
    /// again, and one to next year's), each meeting the special's default conditions.
    static func applicants(today: LocalDate) -> [Applicant] {
        var rng = SplitMix64(seed: 2027)
        var out: [Applicant] = []
        for (s, special) in Special.allCases.enumerated() {
            for slot in 0..<7 {
                let i = s * 7 + slot
                let young = special == .youngTopTalent
                let bornYear = young ? today.year - 32 - slot % 5 : today.year - 44 - (i * 7) % 16
                let born = LocalDate(year: bornYear, month: 1 + i % 12, day: 1 + (i * 5) % 27)!
                let tier: String
                let title: String
                switch special {
                case .outstandingScientist: tier = ["B", "C"][slot % 2]; title = "正高级"
                case .masterTeacher: tier = "D"; title = ["正高级", "副高级"][slot % 2]
                case .innovationLeader, .demonstrationTeam: tier = ["C", "D"][slot % 2]; title = "副高级"
                case .skillsLeader: tier = ["D", "E"][slot % 2]; title = "高级技师"
                case .youngTopTalent: tier = "D"; title = "副高级"
                }
                let fields = fieldsBySpecial[special]!
                // Slot 2 is the weakest of last year's three: not selected then, it applies again this year.
                let strength = slot == 2 ? 66 : 70 + Double(rng.next() % 25)
                out.append(Applicant(username: "applicant\(String(i + 1).leftPadded(2))",
                                     name: String(surnames[i % surnames.count]) + given[(i * 7) % given.count],
                                     special: special, born: born, tier: tier, title: title,
                                     employer: employers[(i * 5 + slot) % employers.count],
                                     district: slot == 6 && s % 2 == 0 ? "500112" : districts[i % districts.count],
                                     field: fields[slot % fields.count], strength: strength))
            }
        }
        return out
    }

    /// The expert pool: the demo's `reviewer` and eleven more, over the fields the applications name.
    static let experts: [Expert] = [
        Expert(username: "reviewer", name: "评审专家", field: "artificial_intelligence", employer: "重庆邮电大学"),
        Expert(username: "expert01", name: "周立群", field: "software", employer: "中国科学院重庆绿色智能技术研究院"),
        Expert(username: "expert02", name: "吴承德", field: "biotechnology", employer: "四川大学"),
        Expert(username: "expert03", name: "郑雅文", field: "functional_materials", employer: "重庆大学"),
        Expert(username: "expert04", name: "冯国庆", field: "basic_education", employer: "西南大学"),
        Expert(username: "expert05", name: "陈思敏", field: "intelligent_vehicles", employer: "中国汽车工程研究院"),
        Expert(username: "expert06", name: "林海峰", field: "integrated_circuits", employer: "电子科技大学"),
        Expert(username: "expert07", name: "何静", field: "clinical_medicine", employer: "重庆医科大学"),
        Expert(username: "expert08", name: "唐振华", field: "intelligent_equipment", employer: "重庆机床集团"),
        Expert(username: "expert09", name: "罗文轩", field: "new_energy", employer: "国网重庆电力"),
        Expert(username: "expert10", name: "谢晓峰", field: "digital_economy", employer: "重庆工商大学"),
        Expert(username: "expert11", name: "宋佳", field: "vocational_education", employer: "重庆工业职业技术学院"),
    ]

    /// A project's title in the words a special's applicants use.
    static func projectTitle(_ special: Special, field: String, variant: Int) -> String {
        let f = FieldTaxonomy.standard.field(field)?.chinese ?? field
        let words: [Special: [String]] = [
            .outstandingScientist: ["前沿基础研究", "关键科学问题研究", "原始创新研究"],
            .masterTeacher: ["教学团队建设与课程改革", "名师工作室", "人才培养模式创新"],
            .innovationLeader: ["核心技术攻关与产业化", "关键部件国产化", "创新平台建设"],
            .skillsLeader: ["技能大师工作室", "工艺革新与技能传承", "高技能人才培养基地"],
            .youngTopTalent: ["青年创新研究", "关键技术探索", "交叉方向研究"],
            .demonstrationTeam: ["创新创业团队", "成果转化示范团队", "产业链协同创新团队"],
        ]
        let list = words[special]!
        return f + list[variant % list.count]
    }

    /// The applicant's mobile number, by their place in `applicants(today:)`.
    static func phone(sequence: Int) -> String { "139" + String(23_000_000 + sequence * 7919 % 1_000_000) }

    /// A resident identity number born on `born` in `district`, with its check character.
    static func idNumber(district: String, born: LocalDate, sequence: Int) -> String {
        let first17 = district + String(born.year) + String(born.month).leftPadded(2) + String(born.day).leftPadded(2) + String(sequence % 1000).leftPadded(3)
        return first17 + String(ResidentIDNumber.checkCharacter(for: first17.map { Int(String($0))! }))
    }
}

fileprivate extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

/// The programme's taxonomy: 36 fields in 8 disciplines, after the city's key industries.
extension FieldTaxonomy {
    public static let standard: FieldTaxonomy = {
        let disciplines: [(String, String, [(String, String)])] = [
            ("information_technology", "信息技术", [
                ("software", "软件与信息服务"), ("artificial_intelligence", "人工智能"), ("integrated_circuits", "集成电路"),
                ("communications", "通信与网络"), ("big_data", "大数据与云计算"),
            ]),
            ("biomedicine", "生物医药", [
                ("innovative_drugs", "创新药物"), ("medical_devices", "医疗器械"), ("clinical_medicine", "临床医学"),
                ("traditional_chinese_medicine", "中医药"), ("biotechnology", "生物技术"),
            ]),
            ("advanced_manufacturing", "先进制造", [
                ("intelligent_vehicles", "汽车与智能网联汽车"), ("intelligent_equipment", "智能装备"), ("aerospace", "航空航天"),
                ("robotics", "机器人"), ("precision_instruments", "精密仪器"),
            ]),
            ("new_materials", "新材料", [
                ("metal_materials", "先进金属材料"), ("polymer_materials", "高分子材料"), ("composite_materials", "复合材料"),
                ("functional_materials", "纳米与功能材料"),
            ]),
            ("energy_environment", "能源环保", [
                ("new_energy", "新能源"), ("smart_grid", "电力与智能电网"), ("environmental_protection", "生态环境保护"),
                ("hydrogen_storage", "氢能与储能"),
            ]),
            ("modern_agriculture", "现代农业", [
                ("crop_breeding", "种业与作物育种"), ("animal_husbandry", "畜牧兽医"), ("agricultural_engineering", "农业工程"),
                ("food_science", "食品科学"),
            ]),
            ("economics_management", "经济管理", [
                ("finance", "金融"), ("business_management", "工商管理"), ("digital_economy", "数字经济"),
                ("public_administration", "公共管理"),
            ]),
            ("education_culture", "教育文化", [
                ("basic_education", "基础教育"), ("vocational_education", "职业教育"), ("culture_arts", "文化艺术"),
                ("sports", "体育"), ("media", "新闻传媒"),
            ]),
        ]
        let taxonomy = FieldTaxonomy(
            disciplines: disciplines.map { Discipline(code: $0.0, chinese: $0.1) },
            fields: disciplines.flatMap { discipline in
                discipline.2.map { Field(code: $0.0, chinese: $0.1, discipline: discipline.0) }
            })
        // The literal above has unique codes; a nil here is a programming error caught by every test run.
        guard let taxonomy else { fatalError("FieldTaxonomy.standard has a repeated code") }
        return taxonomy
    }()
}

/// The three policies the language was designed around, as their authors would write them.
/// Shipped with the library so tools, tests and the benchmark all use the same text.
public enum ExamplePolicies {
    /// Tiers A–C who arrived on or after 2021-01-01 and are under 45; paid once.
    public static let housingSubsidy = """
        policy "安家补贴"
        eligible: tier in ["A", "B", "C"] and arrival_date >= 2021-01-01 and age < 45
        amount: if tier = "A" then 1_000_000 else if tier = "B" then 500_000 else 200_000
        period: once
        """

    /// Doctorates in tiers D–E working in the High-tech Zone, in their first three years
    /// after arrival; 3,000 yuan a month.
    public static let doctoralLivingAllowance = """
        policy "博士生活补贴"
        # 来渝后前 3 年：到达当日起算，满 3 周年当日停止
        eligible: education = "博士" and tier in ["D", "E"] and district = "X-GX"
            and arrival_date <= today and years_since_arrival < 3
        amount: 3_000
        period: monthly
        """

    /// 青年拔尖人才 under 40 or holding a national honour: 300,000 yuan research start-up, once.
    public static let youngTalentStartUp = """
        policy "青年拔尖人才科研启动经费"
        eligible: "青年拔尖人才" in categories and (age < 40 or "国家级荣誉" in honors)
        amount: 300_000
        period: once
        """

    public static let all = [housingSubsidy, doctoralLivingAllowance, youngTalentStartUp]
}

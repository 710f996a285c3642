import ProgrammeRules
import WorkCalendar

/// A new call's configuration: the six specials with places of the size the seeds report (about
/// 430 people and 100 teams a year), their lump sums, who may apply and what they upload. The
/// talent office changes any of it while the call is a draft.
public enum ProgrammeDefaults {
    public static let specials: [Special: SpecialConfiguration] = [
        .outstandingScientist: SpecialConfiguration(quota: 30, lumpSumYuan: 2_000_000),
        .masterTeacher: SpecialConfiguration(quota: 100, lumpSumYuan: 300_000),
        .innovationLeader: SpecialConfiguration(quota: 100, lumpSumYuan: 1_000_000),
        .skillsLeader: SpecialConfiguration(quota: 100, lumpSumYuan: 300_000),
        .youngTopTalent: SpecialConfiguration(quota: 100, lumpSumYuan: 500_000),
        .demonstrationTeam: SpecialConfiguration(quota: 100, lumpSumYuan: 2_000_000),
    ]

    static let form = ServiceItem.Material(code: "APPLICATION_FORM", name: "申报书", required: true)
    static let achievements = ServiceItem.Material(code: "ACHIEVEMENTS", name: "代表性成果证明", required: false)
    static let teamList = ServiceItem.Material(code: "TEAM_LIST", name: "团队成员名单及分工", required: true)

    public static let settings = CallSettings(specials: [
        Special.outstandingScientist.rawValue: SpecialSettings(eligibility: #"tier in ["A", "B", "C"] and title = "正高级""#,
                                                               materials: [form, achievements]),
        Special.masterTeacher.rawValue: SpecialSettings(eligibility: #"title in ["正高级", "副高级"]"#, materials: [form, achievements]),
        Special.innovationLeader.rawValue: SpecialSettings(eligibility: #"tier in ["A", "B", "C", "D"]"#, materials: [form, achievements]),
        Special.skillsLeader.rawValue: SpecialSettings(eligibility: #"tier in ["A", "B", "C", "D", "E"]"#, materials: [form, achievements]),
        Special.youngTopTalent.rawValue: SpecialSettings(eligibility: #"age < 40 and education = "博士""#, materials: [form, achievements]),
        Special.demonstrationTeam.rawValue: SpecialSettings(eligibility: #"tier in ["A", "B", "C", "D"]"#,
                                                            materials: [form, teamList, achievements]),
    ])

    /// The condition as a policy of the rule language, so it is checked and explained as payouts are.
    static func eligibilityPolicy(_ special: Special, condition: String) -> String {
        """
        policy "\(special.chinese)申报条件"
        eligible: \(condition)
        amount: 0
        period: once
        """
    }
}

import ProgrammeRules
import YingcaiCore

/// How the programme's pages name its steps, fields and people.
enum ProgrammeWords {
    static let actions: [String: (zh: String, en: String)] = [
        "submit": ("提交申报", "submitted"), "recommend": ("推荐", "Recommend"), "decline": ("不予推荐", "Decline"),
        "pass-formal-check": ("形式审查通过", "Pass the formal check"), "return": ("退回补正", "Return for a fix"),
        "fail-formal-check": ("形式审查不通过", "Fail the formal check"), "resubmit": ("补正后重新提交", "Resubmit"),
        "withdraw": ("撤回申报", "Withdraw"), "select": ("入选", "Selected"), "not-select": ("未入选", "Not selected"),
        "publish": ("发布申报通知", "Publish the call"), "close": ("截止申报", "Close the call"), "start-review": ("启动评审", "Start the review"),
        "rank": ("排序遴选", "Rank and select"), "start-notice": ("开始公示", "Start the public notice"), "finalise": ("审定发文", "Approve the final list"),
        "assign": ("分配专家", "assigned reviewers"), "swap": ("调换专家", "swapped a reviewer"), "recuse": ("专家回避", "a reviewer stepped back"),
        "decide-tie": ("决定并列", "decided the tie"),
    ]

    /// The actions that need a reason typed with them.
    static let needsReason: Set<String> = ["decline", "return", "fail-formal-check", "withdraw", "not-select"]

    static func action(_ name: String, _ v: Visit) -> String {
        actions[name].map { v.english ? $0.en : $0.zh } ?? name
    }

    static func field(_ code: String, _ v: Visit) -> String {
        guard let f = FieldTaxonomy.standard.field(code) else { return code }
        return v.english ? "\(f.chinese) (\(f.code.replacingOccurrences(of: "_", with: " ")))" : f.chinese
    }

    /// Every field of the taxonomy as options, discipline first.
    static func fieldOptions(_ selected: String, _ v: Visit) -> [SelectOption] {
        let taxonomy = FieldTaxonomy.standard
        return taxonomy.fields.map { f in
            let discipline = taxonomy.disciplines.first { $0.code == f.discipline }?.chinese ?? ""
            return SelectOption(value: f.code, label: "\(discipline) · \(field(f.code, v))", selected: f.code == selected)
        }
    }

    /// "姓名 证件号" a line (spaces, commas or tabs between) as identities.
    static func identities(_ text: String?) -> [NewApplication.MemberIdentity] {
        (text ?? "").split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "，" || $0 == "\t" || $0 == "　" }).map(String.init)
            guard let name = parts.first else { return nil }
            return .init(name: name, idNumber: parts.dropFirst().first ?? "")
        }
    }

    static func score(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.2f", value)
    }
}

extension Visit {
    var isProgrammeOffice: Bool { user.isCityTalentOffice || user.talentOfficeDistrict != nil }
    /// Who reads the programme's lists without acting on them: the city's leaders and admins.
    var readsProgramme: Bool { isProgrammeOffice || (user.hasAny(.leader, .admin) && user.org.rawValue.hasPrefix("500000")) }
}

/// Where an application (申报) stands. The raw values are stored: add cases, never rename.
public enum ApplicationState: String, Sendable, Codable, CaseIterable {
    /// 已提交: waiting for the district talent office's recommendation (区县推荐).
    case submitted
    /// 已退回补正: the city office's formal check (形式审查) sent it back for a fix; the applicant
    /// may resubmit it until the call's close.
    case returned
    /// 已推荐: recommended by the district, waiting for the city office's formal check.
    case recommended
    /// 评审中: passed the formal check; reviewers score it.
    case inReview = "in_review"
    /// 未通过: declined at recommendation or failed the formal check (with a reason).
    case rejected
    /// 已撤回 by the applicant before the close.
    case withdrawn
    /// 入选
    case selected
    /// 未入选
    case notSelected = "not_selected"

    public var chinese: String {
        switch self {
        case .submitted: "已提交"
        case .returned: "已退回补正"
        case .recommended: "已推荐"
        case .inReview: "评审中"
        case .rejected: "未通过"
        case .withdrawn: "已撤回"
        case .selected: "入选"
        case .notSelected: "未入选"
        }
    }

    /// Nothing moves the application on any more.
    public var isFinal: Bool {
        switch self {
        case .rejected, .withdrawn, .selected, .notSelected: true
        case .submitted, .returned, .recommended, .inReview: false
        }
    }
}

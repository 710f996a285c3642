/// Where a yearly call (申报通知) stands. The raw values are stored: add cases, never rename.
///
/// The lifecycle is a line: draft → open → closed → inReview → ranked → inNotice → final.
public enum CallState: String, Sendable, Codable, CaseIterable {
    /// 草稿: being configured, invisible to applicants.
    case draft
    /// 申报中: published; applications may be submitted until the close date.
    case open
    /// 已截止: no more submissions; districts recommend and the city checks form.
    case closed
    /// 评审中: reviewers are assigned and score.
    case inReview = "in_review"
    /// 已排序: scores normalised and ranked; the committee settles ties at the quota line.
    case ranked
    /// 公示中: the selected list is on public notice for 5 working days.
    case inNotice = "in_notice"
    /// 已发文: the list is final.
    case final

    public var chinese: String {
        switch self {
        case .draft: "草稿"
        case .open: "申报中"
        case .closed: "已截止"
        case .inReview: "评审中"
        case .ranked: "已排序"
        case .inNotice: "公示中"
        case .final: "已发文"
        }
    }
}

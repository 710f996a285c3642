/// What the city talent office (市人才办) does to a call. Each action is allowed from exactly one
/// state (see `CallRules.table`); the call's dates add conditions (see `CallRules.apply`).
public enum CallAction: String, Sendable, Codable, CaseIterable {
    /// 发布: draft → open, once the configuration is valid.
    case publish
    /// 截止: open → closed, from the day after the close date.
    case close
    /// 启动评审: closed → inReview, from the review date.
    case startReview = "start-review"
    /// 确定排序: inReview → ranked.
    case rank
    /// 开始公示: ranked → inNotice, from the notice date; the day it happens starts the notice.
    case startNotice = "start-notice"
    /// 发文: inNotice → final, once the 5-working-day notice has ended.
    case finalise

    /// The API action name, also used in messages.
    public var name: String { rawValue }
}

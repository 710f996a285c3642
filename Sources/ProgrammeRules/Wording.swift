/// Words for refusal messages, one place for both lifecycles so the two read alike.
enum Wording {
    /// Chinese names of the actions of `CallAction` and `ApplicationAction` (their `name`s).
    static func chinese(action: String) -> String {
        switch action {
        case "publish": "发布"
        case "close": "截止申报"
        case "start-review": "启动评审"
        case "rank": "确定排序"
        case "start-notice": "开始公示"
        case "finalise": "确定入选名单"
        case "recommend": "推荐"
        case "decline": "不予推荐"
        case "pass-formal-check": "通过形式审查"
        case "return": "退回补正"
        case "fail-formal-check": "形式审查不通过"
        case "resubmit": "重新提交"
        case "withdraw": "撤回申报"
        case "select": "确定入选"
        case "not-select": "确定未入选"
        case "submit": "提交申报"
        default: action
        }
    }

    /// English verb phrases for "you may not …" and "… cannot be …".
    static func english(action: String) -> String {
        switch action {
        case "start-review": "start the review"
        case "start-notice": "start the public notice"
        case "pass-formal-check": "pass the formal check"
        case "fail-formal-check": "fail the formal check"
        case "return": "return it for correction"
        case "not-select": "mark it not selected"
        default: action
        }
    }

    static func notAllowed(subject: String, action: String, state: String) -> String {
        let (chineseSubject, englishSubject) = subject == "call" ? ("申报通知", "a call") : ("申报", "an application")
        let chineseState = (subject == "call" ? CallState(rawValue: state)?.chinese : ApplicationState(rawValue: state)?.chinese) ?? state
        return "\(chineseState)的\(chineseSubject)不能\(chinese(action: action)) / "
            + "cannot \(english(action: action)) \(englishSubject) in state \(state)"
    }
}

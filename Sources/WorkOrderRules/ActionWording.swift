/// How messages name an action, in Chinese and English. Kept apart from `Command` so the wording
/// can be reviewed (and corrected by a native speaker) in one place.
public enum ActionWording {
    /// Chinese verb phrase: "已办结的工单不能<退单>".
    public static func chinese(_ action: String) -> String {
        switch action {
        case "dispatch": "派单"
        case "accept": "签收"
        case "return": "退单"
        case "start": "开始办理"
        case "opinion": "提交协办意见"
        case "suspend": "挂起"
        case "resume": "恢复办理"
        case "resolve": "办结"
        case "rate": "评价"
        case "reopen": "重办"
        case "close": "归档"
        case "urge": "督办"
        case "reject": "不予受理"
        case "withdraw": "撤回"
        case "supplement": "补充说明"
        case "request-extension": "申请延期"
        case "approve-extension": "批准延期"
        case "refuse-extension": "驳回延期"
        case "callback": "记录差评回访"
        case "merge": "归并"
        case "auto-close": "自动归档"
        case "escalate": "超期升级"
        default: action
        }
    }

    /// English, after "cannot": "a resolved order cannot <be returned>".
    static func englishPassive(_ action: String) -> String {
        switch action {
        case "accept": "be accepted"
        case "opinion": "receive a co-handler opinion"
        case "request-extension": "have an extension requested"
        case "approve-extension": "have an extension approved"
        case "refuse-extension": "have an extension refused"
        case "callback": "have a callback recorded"
        case "auto-close": "be closed automatically"
        case "withdraw": "be withdrawn"
        case "supplement": "be added to"
        default: "be " + englishVerb(action) + (action.hasSuffix("e") ? "d" : "ed")
        }
    }

    /// English verb phrase taking "this order": "you may not <return> this order".
    static func englishVerb(_ action: String) -> String {
        switch action {
        case "opinion": "give an opinion on"
        case "request-extension": "request an extension of"
        case "approve-extension": "approve an extension of"
        case "refuse-extension": "refuse an extension of"
        case "callback": "record a callback on"
        case "supplement": "add to"
        default: action
        }
    }

    /// "a" or "an" before an English state word.
    static func article(_ word: String) -> String {
        guard let first = word.first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }
}

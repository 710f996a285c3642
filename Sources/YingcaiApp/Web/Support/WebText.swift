/// The words of the pages, Chinese first, English beside it. One table, so a native speaker can
/// review the wording in one place; a page asks for its words by key.
enum WebText {
    static let all: [String: (zh: String, en: String)] = [
        "appName": ("英才服务港", "Yingcai Talent Services"),
        "skip": ("跳到正文", "Skip to content"),
        "signIn": ("登录", "Sign in"), "signOut": ("退出", "Sign out"),
        "username": ("用户名", "Username"), "password": ("密码", "Password"),
        "badLogin": ("用户名或密码错误", "Wrong username or password"),
        "tooMany": ("尝试次数过多，请稍后再试", "Too many attempts; try again later"),
        "home": ("首页", "Home"), "catalog": ("服务事项", "Services"), "myOrders": ("我的工单", "My requests"),
        "workbench": ("工作台", "Workbench"), "intake": ("来电登记", "Phone intake"), "dashboard": ("数据大屏", "Dashboard"),
        "admin": ("管理", "Admin"), "policies": ("政策", "Policies"), "calendar": ("工作日历", "Calendar"),
        "users": ("用户", "Users"), "verify": ("验码", "Verify codes"),
        "tier": ("人才层次", "Tier"), "card": ("英才卡", "Talent card"), "cardNumber": ("卡号", "Card number"),
        "validUntil": ("有效期至", "Valid until"), "status": ("状态", "Status"), "noCard": ("未持卡（A–C 类人才持卡）", "No card (tiers A–C hold one)"),
        "talentCode": ("人才码", "Talent code"), "codeHint": ("每 60 秒自动刷新，120 秒内有效", "Refreshes every 60 s; valid for 120 s"),
        "noCode": ("暂不能出示人才码", "No talent code available"),
        "butler": ("人才管家", "Your butler"), "noButler": ("尚未指定", "Not assigned yet"),
        "openOrders": ("未完结的工单", "Unfinished requests"), "allMyOrders": ("全部工单", "All my requests"),
        "more": ("下一页", "Next page"), "personalData": ("完整个人信息", "Personal data in full"),
        "revealPersonal": ("查看完整联系方式", "Show the contact details in full"), "revealNote": ("查看将记入审计日志", "Each showing is recorded in the audit log"), "payouts": ("免申即享发放", "Payouts"), "period": ("期间", "Period"),
        "viewOrder": ("查看工单", "View the order"), "approve": ("审核通过", "Approve"), "pay": ("确认发放", "Pay"),
        "paymentReference": ("支付凭证号", "Payment reference"), "payoutOfOrder": ("对应的免申即享发放", "The payout of this order"), "education": ("学历", "Education"), "deadline": ("办理时限", "Deadline"), "none": ("暂无", "None"),
        "policiesPaying": ("我享受的政策", "Policies that pay you"), "policiesMissed": ("暂不符合的政策", "Policies you do not meet yet"),
        "amount": ("金额（元）", "Amount (yuan)"), "payout": ("发放状态", "Payout"), "missing": ("尚缺条件", "What is missing"),
        "confirm": ("确认领取", "Confirm"), "decline": ("放弃", "Decline"),
        "search": ("搜索", "Search"), "kind": ("类别", "Kind"), "all": ("全部", "All"),
        "commitDays": ("承诺时限（工作日）", "Promised (working days)"), "materials": ("申请材料", "Materials"),
        "required": ("必需", "required"), "optional": ("可选", "optional"), "apply": ("提交申请", "Apply"),
        "applyFor": ("申请", "Apply for"), "notYourTier": ("该事项不面向您的人才层次", "This service is not for your tier"),
        "number": ("编号", "Number"), "title": ("标题", "Title"), "state": ("状态", "State"), "received": ("受理时间", "Received"),
        "timeline": ("办理经过", "What happened"), "rate": ("评价", "Rate"), "withdraw": ("撤回", "Withdraw"),
        "score": ("评分", "Score"), "comment": ("意见", "Comment"), "reason": ("原因", "Reason"),
        "actions": ("可办理的操作", "Actions"), "submit": ("提交", "Submit"),
        "tabSign": ("待签收", "To sign for"), "tabProgress": ("办理中", "In progress"), "tabYellow": ("即将超期", "Due soon"),
        "tabRed": ("已超期", "Overdue"), "tabCo": ("协办", "Co-handling"), "tabExt": ("待批延期", "Extensions to approve"),
        "tabReceived": ("待派单", "To dispatch"),
        "leadOrg": ("承办单位", "Lead organisation"), "coOrgs": ("协办单位", "Co-handling organisations"), "suggested": ("建议", "Suggested"),
        "note": ("备注", "Note"), "result": ("办理结果", "Result"), "text": ("意见", "Opinion"), "workdays": ("延期工作日", "Working days"),
        "callerPhone": ("来电号码", "Caller's phone"), "callerName": ("来电人姓名", "Caller's name"), "find": ("查找人才", "Find talent"),
        "foundTalent": ("找到人才档案", "Talent record found"), "noTalent": ("未找到人才档案，按普通来电登记", "No talent record; filed as a caller"),
        "category": ("类型", "Category"), "district": ("区县", "District"), "content": ("内容", "Content"), "urgent": ("紧急", "Urgent"),
        "fileCall": ("登记来电", "File the call"),
        "talentsByTier": ("人才层次分布", "Talents by tier"), "talentsByCategory": ("人才类别", "Talents by category"),
        "talentsByDistrict": ("人才区县分布", "Talents by district"), "cardsIssued": ("英才卡", "Talent cards"),
        "ordersByState": ("工单状态", "Orders by state"), "ordersByChannel": ("受理渠道", "Orders by channel"),
        "onTimeRate": ("按时办结率", "On-time rate"), "avgDays": ("平均办理（工作日）", "Avg handling (working days)"),
        "signForRate": ("按时签收率", "Sign-for rate"), "satisfaction": ("满意率", "Satisfaction"),
        "overdue": ("超期", "Overdue"), "yellowWarn": ("黄色预警", "Yellow warnings"), "total": ("工单总数", "Orders"),
        "rankDistricts": ("区县排名", "Districts ranked"), "rankDepartments": ("部门排名", "Departments ranked"),
        "trend": ("每周受理量", "Orders received per week"), "drill": ("下钻", "Drill down"), "back": ("返回", "Back"),
        "refreshNote": ("每 60 秒自动刷新", "Refreshes every 60 seconds"),
        "policyCode": ("编码", "Code"), "name": ("名称", "Name"), "department": ("发文部门", "Issuing department"),
        "source": ("规则", "Rule"), "checkSource": ("检查", "Check"), "dryRun": ("试算", "Dry run"), "publish": ("发布", "Publish"),
        "saveDraft": ("保存为新版本", "Save as a new version"), "version": ("版本", "Version"), "budgetCap": ("预算上限（元）", "Budget cap (yuan)"),
        "newPolicy": ("新建政策", "New policy"), "runAll": ("运行全部已发布政策", "Run all published policies"),
        "year": ("年份", "Year"), "importYear": ("导入一年安排（CSV）", "Import a year (CSV)"), "file": ("文件", "File"),
        "role": ("角色", "Role"), "org": ("机构", "Organisation"),
        "notFound": ("页面不存在或无权查看", "Not found, or not yours to see"), "error": ("出错了", "Something went wrong"),
        "forbidden": ("无权执行此操作", "You may not do this"),
        "done": ("已完成", "Done"),
        "talents": ("人才库", "Talents"), "certify": ("人才认定", "Certify"), "basis": ("认定依据", "Basis"),
        "verifications": ("验码记录", "Where the code was checked"), "statutoryDays": ("法定时限", "Statutory"), "save": ("保存", "Save"),
        "cardSuspend": ("暂停（挂失）", "Suspend (lost)"), "cardResume": ("恢复", "Resume"), "cardRevoke": ("注销", "Revoke"),
        "cardRenew": ("续期或补发", "Renew or re-issue"), "valid": ("有效", "valid"),
        "newUser": ("新建用户", "New user"), "workPhone": ("办公电话", "Office phone"), "orgs": ("组织机构", "Organisations"),
        "addOrg": ("新增下级机构", "Add a child organisation"), "mostOverdue": ("超期最久的工单", "Most overdue orders"),
    ]

    static func table(english: Bool) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in all.merging(programme, uniquingKeysWith: { a, _ in a }) { out[k] = english ? v.en : v.zh }
        return out
    }

    static let chinese = table(english: false)
    static let english = table(english: true)
}

import Foundation
import WorkCalendar
import WorkOrderRules

/// Today's work of the demo's users: orders placed around the present so that every tab of every
/// demo user's workbench and portal holds something real — to sign for, in progress, due today or
/// tomorrow, overdue, suspended, waiting for a co-handler's opinion or a rating, badly rated,
/// reopened, an extension to decide, calls waiting for a dispatcher, one returned. Each is filed and
/// moved through the real rules (`DemoSimulation`), with its whole timeline.
struct DemoScenarios {
    let sim: DemoSimulation
    let people: DemoPeople
    /// Kept apart from `sim`: reading it through `sim` copied the whole simulation (its pending
    /// writes) on every call, and `receipt` asks the calendar thousands of times.
    let calendar: WorkCalendar
    let today: LocalDate

    init(sim: DemoSimulation, people: DemoPeople) {
        self.sim = sim
        self.people = people
        self.calendar = sim.calendar
        self.today = LocalDate(shanghaiMillis: sim.present)
    }

    static let hour: Int64 = 3_600_000

    /// 10:00 Shanghai on `day`.
    func morning(_ day: LocalDate) -> Int64 { day.shanghaiStartMillis + 10 * Self.hour }

    /// The working day `n` working days before today (or today's last working day for 0).
    func workdaysAgo(_ n: Int) -> LocalDate {
        var d = today
        var counted = 0
        while !calendar.isWorkday(d) { d = d.adding(days: -1) }
        while counted < n {
            d = d.adding(days: -1)
            if calendar.isWorkday(d) { counted += 1 }
        }
        return d
    }

    /// The latest working day on which an order of `limit` working days falls due on `deadline`, or
    /// on the first working day after it when it is a day off (a deadline always falls on a working
    /// day: on a Saturday, "due today" is due on Monday).
    func receipt(dueOn deadline: LocalDate, limit: Int) -> LocalDate {
        var due = deadline
        while !calendar.isWorkday(due) { due = due.adding(days: 1) }
        var d = due.adding(days: -1)
        while !(calendar.isWorkday(d) && calendar.addWorkdays(limit, to: d).value == due) { d = d.adding(days: -1) }
        return d
    }

    /// A hotline call of Yubei filed by the dispatcher at `t`.
    func call(_ title: String, _ category: WorkOrderCategory, at t: Int64, district: String = "500112", urgent: Bool = false,
              caller: (name: String, phone: String)? = nil, talentId: Int64? = nil) async throws -> DemoSimulation.Order {
        let input = NewWorkOrder(channel: Channel.phone.rawValue, category: category.rawValue, talentId: talentId,
                                 contact: .init(name: caller?.name ?? "王先生", phone: caller?.phone ?? "13700001111"), title: title,
                                 content: "来电人反映：\(title)。请按时限办理并答复。", districtCode: district, urgent: urgent)
        return try await sim.file(input, by: people.dispatcher, at: t)
    }

    /// An application by a talent at `t`, with a demo file for each required material.
    func apply(_ code: String, as talent: Principal, at t: Int64, title: String) async throws -> DemoSimulation.Order {
        let item = try await sim.core.catalog.item(code)!
        sim.clock.set(t)
        var materials: [String: String] = [:]
        for m in item.materials where m.required {
            materials[m.code] = try await sim.core.uploads.store(DemoPeople.samplePDF, filename: "\(m.name).pdf", by: talent).id
        }
        let input = NewWorkOrder(channel: Channel.web.rawValue, category: WorkOrderCategory.service.rawValue, serviceItemCode: code,
                                 title: title, content: "申请：\(item.name)", form: DemoForms.filled(item, on: today), materials: materials)
        return try await sim.file(input, by: talent, at: t)
    }

    func dispatch(_ o: inout DemoSimulation.Order, to lead: String, co: [String] = [], after: Int64 = 20 * 60_000) async throws {
        try await sim.move(&o, .dispatch(leadOrg: lead, coOrgs: co), as: .dispatcher, by: people.dispatcher, at: o.now + after, note: "按属地派单")
    }

    /// Signs for and starts the order as a handler of its lead organisation.
    func takeUp(_ o: inout DemoSimulation.Order, by handler: Principal, start: Bool = true) async throws {
        try await sim.move(&o, .accept, as: .leadHandler, by: handler, at: o.now + Self.hour)
        if start { try await sim.move(&o, .start, as: .leadHandler, by: handler, at: o.now + Self.hour / 2) }
    }

    func resolve(_ o: inout DemoSimulation.Order, by handler: Principal, at t: Int64) async throws {
        try await sim.move(&o, .resolve(result: "已按政策办理并电话答复来电人"), as: .leadHandler, by: handler, at: t)
    }

    /// Every scenario, written with the simulation's other orders.
    func load(into sim: inout DemoSimulation) async throws {
        var orders: [DemoSimulation.Order] = []
        for desk in Desk.all { orders += try await everyQueue(of: desk) }
        orders += try await talentsOwn() + dispatcherQueue()
        for o in orders { try await sim.finish(o) }
    }

    /// A department with a demo user, the district its calls come from, a department that co-handles
    /// with it, and what its callers ask about.
    struct Desk {
        let org: String
        let district: String
        let partner: String
        let topics: [String]

        static let all = [
            Desk(org: "500112:HRSS", district: "500112", partner: "500112:UNION",
                 topics: ["单位拒不出具离职证明，影响人才落户", "求助办理人才公寓入住手续", "投诉补贴申领材料反复退回", "咨询博士后出站后的社保衔接",
                          "投诉企业拖欠引进人才绩效工资", "求助跨省调转档案迟迟未到", "求助补办人才引进备案", "咨询社保补缴政策",
                          "投诉窗口工作人员态度生硬", "投诉职称评审结果未公示", "投诉用人单位未签劳动合同"]),
            Desk(org: "500000:PSB", district: "500103", partner: "500000:HRSS",
                 topics: ["外籍专家家属签证到期无法续签", "求助办理外籍人才永久居留材料清单", "投诉出入境窗口预约号源紧张", "咨询外籍人才子女居留许可",
                          "投诉落户审批超过承诺时限", "求助加急办理护照", "求助补办居住证", "咨询港澳台人才居住证",
                          "投诉派出所户籍窗口推诿", "投诉临时身份证办理缓慢", "投诉外籍人才工作许可与居留许可信息不一致"]),
            Desk(org: "500000:TALENT", district: "500105", partner: "500000:SCI",
                 topics: ["咨询英才卡权益使用范围", "求助更正人才认定层次", "投诉人才管家联系不上", "咨询重庆英才计划申报条件",
                          "投诉安家补贴发放迟缓", "求助开具人才认定证明", "求助补办英才卡", "咨询人才码在医院的使用",
                          "投诉英才卡机场贵宾通道不认可", "投诉人才认定结果未告知", "投诉引才奖励兑现不及时"]),
        ]
    }

    /// One order in each queue of `desk`'s workbench, an opinion it owes, one due tomorrow and one
    /// overdue: what a department's day looks like.
    func everyQueue(of desk: Desk) async throws -> [DemoSimulation.Order] {
        let handler = people.handler(desk.org), partner = people.handler(desk.partner)
        let now = sim.present, org = desk.org
        var topics = desk.topics.makeIterator()
        func call(_ category: WorkOrderCategory, at t: Int64, urgent: Bool = false) async throws -> DemoSimulation.Order {
            try await self.call((urgent ? "紧急：" : "") + (topics.next() ?? "来电诉求"), category, at: t, district: desk.district, urgent: urgent)
        }
        var out: [DemoSimulation.Order] = []
        // 待签收: an urgent complaint dispatched an hour ago.
        var o = try await call(.complaint, at: now - 90 * 60_000, urgent: true)
        try await dispatch(&o, to: org)
        out.append(o)
        // 已签收: yesterday's request for help.
        o = try await call(.help, at: morning(workdaysAgo(1)))
        try await dispatch(&o, to: org)
        try await takeUp(&o, by: handler, start: false)
        out.append(o)
        // 办理中, due tomorrow (yellow), and overdue by two working days (red).
        let tomorrow = calendar.addWorkdays(1, to: today).value
        o = try await call(.complaint, at: morning(receipt(dueOn: tomorrow, limit: 10)))
        try await dispatch(&o, to: org)
        try await takeUp(&o, by: handler)
        out.append(o)
        o = try await call(.inquiry, at: morning(receipt(dueOn: workdaysAgo(2), limit: 3)))
        try await dispatch(&o, to: org)
        try await takeUp(&o, by: handler)
        out.append(o)
        // 待协办意见: in progress, the partner's opinion still owed.
        o = try await call(.complaint, at: morning(workdaysAgo(3)))
        try await dispatch(&o, to: org, co: [desk.partner])
        try await takeUp(&o, by: handler)
        out.append(o)
        // 办理中 with an extension asked for: the supervisors decide.
        o = try await call(.help, at: morning(workdaysAgo(4)))
        try await dispatch(&o, to: org)
        try await takeUp(&o, by: handler)
        try await sim.move(&o, .requestExtension(workdays: 3, reason: "需函询外地有关部门"), as: .leadHandler, by: handler, at: o.now + 20 * Self.hour)
        out.append(o)
        // 已挂起: waiting for the caller's documents.
        o = try await call(.help, at: morning(workdaysAgo(2)))
        try await dispatch(&o, to: org)
        try await takeUp(&o, by: handler)
        try await sim.move(&o, .suspend(reason: "等待来电人补充证明材料"), as: .leadHandler, by: handler, at: o.now + 3 * Self.hour)
        out.append(o)
        // 待评价: resolved yesterday, the caller not yet called back for a rating.
        o = try await call(.inquiry, at: morning(workdaysAgo(2)))
        try await dispatch(&o, to: org)
        try await takeUp(&o, by: handler)
        try await resolve(&o, by: handler, at: morning(workdaysAgo(1)) + 5 * Self.hour)
        out.append(o)
        // 差评整改: rated 1 this morning; the department calls back, a supervisor may reopen.
        o = try await call(.complaint, at: morning(workdaysAgo(5)))
        try await dispatch(&o, to: org)
        try await takeUp(&o, by: handler)
        try await resolve(&o, by: handler, at: morning(workdaysAgo(1)))
        try await sim.move(&o, .rate(score: 1), as: .requester, by: people.dispatcher, at: min(morning(today), now) - Self.hour, note: "问题没有解决")
        out.append(o)
        // 重办: reopened after a bad rating and a callback.
        o = try await call(.complaint, at: morning(workdaysAgo(9)))
        try await dispatch(&o, to: org)
        try await takeUp(&o, by: handler)
        try await resolve(&o, by: handler, at: morning(workdaysAgo(4)))
        try await sim.move(&o, .rate(score: 2), as: .requester, by: people.dispatcher, at: morning(workdaysAgo(3)))
        try await sim.move(&o, .callback(note: "已电话回访，说明复核安排"), as: .leadHandler, by: handler, at: morning(workdaysAgo(3)) + 2 * Self.hour)
        try await sim.move(&o, .reopen(reason: "来电人仍不满意，要求重新核查"), as: .supervisor, by: people.supervisor, at: morning(workdaysAgo(1)))
        out.append(o)
        // 待出协办意见: led by the partner, this department's opinion asked.
        o = try await call(.complaint, at: morning(workdaysAgo(2)))
        try await dispatch(&o, to: desk.partner, co: [org])
        try await takeUp(&o, by: partner)
        out.append(o)
        return out
    }

    /// The talents' own applications: talent1's new and resolved ones (for talent1 to rate), one
    /// of theirs overdue and one due today; talent2's waiting to be signed for.
    func talentsOwn() async throws -> [DemoSimulation.Order] {
        let hrss = people.yubeiHRSS, psb = people.cityPSB
        var out: [DemoSimulation.Order] = []
        out.append(try await apply("YC-P-011", as: people.talent1, at: sim.present - 3 * Self.hour, title: "社会保险关系转移接续（从四川转入）"))
        var o = try await apply("YC-P-011", as: people.talent1, at: morning(workdaysAgo(6)), title: "社会保险关系转移接续（从湖北转入）")
        try await takeUp(&o, by: hrss)
        try await resolve(&o, by: hrss, at: morning(workdaysAgo(1)) + 5 * Self.hour)
        out.append(o)
        o = try await apply("YC-P-021", as: people.talent1, at: morning(receipt(dueOn: workdaysAgo(1), limit: 10)), title: "人才公寓配租（两居室）")
        try await takeUp(&o, by: people.handler(o.record.rules.leadOrg ?? "500112:HOUSING"))
        out.append(o)
        o = try await apply("YC-P-008", as: people.talent1, at: morning(receipt(dueOn: today, limit: 3)), title: "境外驾驶证换领（德国驾照）")
        try await takeUp(&o, by: psb)
        out.append(o)
        out.append(try await apply("YC-P-008", as: people.talent2, at: sim.present - 2 * Self.hour, title: "境外驾驶证换领（美国驾照）"))
        return out
    }

    /// The hotline (dispatcher): calls waiting to be dispatched, one of them from talent1, and one
    /// returned by the department it was sent to.
    func dispatcherQueue() async throws -> [DemoSimulation.Order] {
        let now = sim.present
        var out: [DemoSimulation.Order] = []
        out.append(try await call("咨询人才落户需要哪些材料", .inquiry, at: now - 40 * 60_000, district: "500106"))
        out.append(try await call("建议延长人才服务窗口周六办公时间", .suggestion, at: now - 2 * Self.hour, district: "500105"))
        out.append(try await call("紧急：医疗绿色通道预约未响应", .help, at: now - 25 * 60_000, urgent: true,
                                  caller: ("张明", DemoPeople.talent1Phone), talentId: people.talent1.talentId))
        var o = try await call("投诉公租房维修无人处理", .complaint, at: now - 5 * Self.hour)
        try await dispatch(&o, to: "500112:HRSS")
        try await sim.move(&o, .returnOrder(reason: "公租房维修属住建部门职责，请改派区住房城乡建委"), as: .leadHandler, by: people.yubeiHRSS, at: o.now + Self.hour)
        out.append(o)
        return out
    }
}

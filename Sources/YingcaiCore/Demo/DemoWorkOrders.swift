import Foundation
import NIOConcurrencyHelpers
import Organisations
import SQLKit
import WorkCalendar
import WorkOrderRules

/// The demo's work orders: filed over the past months and driven through the real state machine
/// with a simulated clock, so the figures and the dashboard show real numbers from the first start.
/// Applications of catalog items, hotline calls and grid reports; most are handled on time and rated
/// well (the seeds report 6.7 working days on average, 100 % on time, over 99 % satisfied), a few are
/// returned, suspended, extended, badly rated and reopened, withdrawn or merged; recent ones are
/// still open in every state.
enum DemoWorkOrders {
    /// A clock the demo moves by hand.
    final class SimulatedClock: Sendable {
        let millis = NIOLockedValueBox<Int64>(0)
        var clockwork: Clockwork { Clockwork { [millis] in millis.withLockedValue { $0 } } }
        func set(_ value: Int64) { millis.withLockedValue { $0 = value } }
    }

    static func load(into app: Yingcai, count: Int, days: Int = 182, progress: @Sendable (String) -> Void) async throws {
        let realNow = app.clock.nowMillis()
        let clock = SimulatedClock()
        let sim = Yingcai(db: app.db, dataKey: app.dataKey, config: app.config, clock: clock.clockwork,
                          uploadsDirectory: app.uploads.directory, logger: app.logger)
        let tree = try await app.orgs.tree()
        let calendar = try await app.calendars.calendar()
        guard let dispatcherUser = try await app.accounts.user(username: "dispatcher"),
              let supervisorUser = try await app.accounts.user(username: "supervisor"),
              let dispatcher = try await app.accounts.principal(userId: dispatcherUser.id),
              let supervisor = try await app.accounts.principal(userId: supervisorUser.id) else { return }
        // Talents with a valid tier, by district, to apply for items.
        let talents: [(id: Int64, tier: String, district: String)] = try await app.db.read { db in
            try await db.raw("""
                SELECT id, tier, district_code FROM talents WHERE tier IS NOT NULL AND tier_valid_until >= \(bind: app.clock.today.description)
                ORDER BY id LIMIT 2000
                """).all().map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "tier", as: String.self),
                                  try $0.decode(column: "district_code", as: String.self)) }
        }
        guard !talents.isEmpty else { return }
        let items = try await app.catalog.list()
        let districts = tree.districts(within: OrgCode("500000")!).map(\.rawValue)
        let departments = ["HRSS", "PSB", "EDU", "HEALTH", "HOUSING", "HPF", "SCI", "MARKET", "TRANSPORT", "UNION"]
        var rng = SplitMix64(seed: 141)
        func chance(_ p: Double) -> Bool { Double(rng.next() % 10_000) / 10_000 < p }
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func hours(_ lo: Double, _ hi: Double) -> Int64 { Int64((lo + (hi - lo) * Double(rng.next() % 1000) / 1000) * 3_600_000) }

        let start = realNow - Int64(days) * 86_400_000
        var times = (0..<count).map { _ in start + Int64(rng.next() % UInt64(realNow - start)) }
        times.sort()
        var lastByDistrict: [String: Int64] = [:]
        for (n, t0) in times.enumerated() {
            if n % 250 == 0 { progress("work orders \(n)/\(count)") }
            // Working hours only: move a night or weekend filing to 09:30 of the next working day.
            var t = t0
            let day = LocalDate(shanghaiMillis: t)
            let hour = (t + 8 * 3_600_000) % 86_400_000 / 3_600_000
            if !calendar.isWorkday(day) || hour < 8 || hour >= 18 {
                let next = calendar.isWorkday(day) && hour < 8 ? day : calendar.addWorkdays(1, to: day).value
                t = next.shanghaiStartMillis + 9 * 3_600_000 + 1_800_000 + Int64(rng.next() % 3_600_000)
            }
            guard t < realNow else { continue }
            clock.set(t)
            let record: WorkOrderRecord
            do {
                record = try await file(sim, at: t, dispatcher: dispatcher, talents: talents, items: items, districts: districts,
                                        departments: departments, rng: &rng)
            } catch {
                continue  // an item's form this generator does not fill: skip it
            }
            var current = record
            var now = t
            // Moves, each a while after the last; stop at the present, leaving recent orders open.
            func step(_ action: String, _ input: WorkOrderActionInput = .init(), as principal: Principal, after delay: Int64) async throws -> Bool {
                now += delay
                guard now < realNow else { return false }
                clock.set(now)
                current = try await sim.workOrders.act(current.id, action: action, input, by: principal).record
                return true
            }
            // Some recent orders are left where a busy office would have them, so every state shows.
            let recent = realNow - t < 10 * 86_400_000
            let stopAt: String? = recent && chance(0.5) ? pick(["dispatch", "return", "accept", "suspend", "resolve", "bad-rating", "reopen"]) : nil
            let handler = { (org: String) in
                Principal(userId: 0, username: "承办人@\(org)", roles: [.handler], org: OrgCode(org)!, talentId: nil)
            }
            do {
                if current.rules.state == .received {
                    if chance(0.02) { _ = try await step("reject", .init(reason: "不属于受理范围"), as: dispatcher, after: hours(0.2, 2)); continue }
                    if chance(0.02), let earlier = lastByDistrict[current.districtCode] {
                        _ = try await step("merge", .init(intoId: earlier), as: dispatcher, after: hours(0.1, 1)); continue
                    }
                    let lead = "\(current.districtCode):\(pick(departments))"
                    guard try await step("dispatch", .init(leadOrg: lead, note: "按属地派单"), as: dispatcher, after: hours(0.1, 3)) else { continue }
                    lastByDistrict[current.districtCode] = current.id
                }
                if stopAt == "dispatch" { continue }
                guard let lead = current.rules.leadOrg else { continue }
                if chance(0.04) || stopAt == "return" {
                    guard try await step("return", .init(reason: "非本单位职责"), as: handler(lead), after: hours(0.5, 4)) else { continue }
                    if stopAt == "return" { continue }
                    let other = "\(current.districtCode):\(pick(departments))"
                    guard try await step("dispatch", .init(leadOrg: other, note: "改派"), as: dispatcher, after: hours(0.5, 3)) else { continue }
                }
                let org = current.rules.leadOrg!
                if chance(0.01) { _ = try await step("withdraw", .init(reason: "问题已自行解决"), as: dispatcher, after: hours(1, 8)); continue }
                guard try await step("accept", as: handler(org), after: hours(0.3, chance(0.97) ? 6 : 40)) else { continue }
                if stopAt == "accept" { continue }
                guard try await step("start", as: handler(org), after: hours(0.1, 2)) else { continue }
                for co in current.rules.coOrgs {
                    guard try await step("opinion", .init(text: "协办意见：已核实"), as: handler(co), after: hours(2, 30)) else { break }
                }
                if chance(0.05) || stopAt == "suspend" {
                    guard try await step("suspend", .init(reason: "等待申请人补充材料"), as: handler(org), after: hours(4, 30)) else { continue }
                    if stopAt == "suspend" { continue }
                    guard try await step("resume", as: handler(org), after: hours(24, 120)) else { continue }
                }
                // Handling time: most well inside the limit (about 6–7 working days on average).
                if chance(0.03) {
                    guard try await step("request-extension", .init(reason: "需现场核查", workdays: 2), as: handler(org), after: hours(8, 48)) else { continue }
                    guard try await step("approve-extension", as: supervisor, after: hours(1, 8)) else { continue }
                }
                let deadline = calendar.deadlineMillis(of: current.rules.handlingDeadline)
                let spread = max(Int64(3_600_000), (deadline - now) * Int64(60 + rng.next() % 35) / 100)
                guard try await step("resolve", .init(result: "已按规定办结并答复"), as: handler(org),
                                     after: min(spread, max(3_600_000, deadline - now - 3_600_000))) else { continue }
                if stopAt == "resolve" || chance(0.12) { continue }  // not rated: the system closes it after 5 working days
                let score = stopAt == "bad-rating" || stopAt == "reopen" || chance(0.006) ? 2 : chance(0.7) ? 5 : chance(0.8) ? 4 : 3
                guard try await step("rate", .init(score: score, comment: score >= 4 ? "满意" : nil), as: dispatcher, after: hours(2, 48)) else { continue }
                if score <= 2 {
                    guard try await step("callback", .init(note: "已回访，说明整改措施"), as: handler(org), after: hours(1, 8)) else { continue }
                    if stopAt == "bad-rating" { continue }
                    guard try await step("reopen", .init(reason: "差评重办"), as: supervisor, after: hours(2, 24)) else { continue }
                    if stopAt == "reopen" { continue }
                    guard try await step("start", as: handler(org), after: hours(1, 4)) else { continue }
                    guard try await step("resolve", .init(result: "重新办理完毕"), as: handler(org), after: hours(24, 72)) else { continue }
                    _ = try await step("rate", .init(score: 4), as: dispatcher, after: hours(2, 24))
                }
            } catch {
                continue  // a move the rules refuse at that moment (e.g. a late return): leave the order where it is
            }
        }
        progress("background work")
        try await BackgroundWork(core: app, logger: app.logger).runOnce()
    }

    static func file(_ sim: Yingcai, at t: Int64, dispatcher: Principal, talents: [(id: Int64, tier: String, district: String)],
                     items: [ServiceItem], districts: [String], departments: [String], rng: inout SplitMix64) async throws -> WorkOrderRecord {
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        let roll = rng.next() % 100
        if roll < 55 {
            let talent = pick(talents)
            let eligible = items.filter { $0.eligibleTiers.contains(talent.tier) && $0.materials.allSatisfy { !$0.required } }
            if let item = eligible.isEmpty ? nil : pick(eligible) {
                var form: [String: FormValidation.Value] = [:]
                for f in item.form where f.required {
                    switch f.type {
                    case "select": form[f.key] = .text(f.options?.first ?? "其他")
                    case "date": form[f.key] = .text(LocalDate(shanghaiMillis: t).adding(days: 30).description)
                    case "number": form[f.key] = .number(1)
                    case "boolean": form[f.key] = .bool(true)
                    default: form[f.key] = .text(f.key == "contactPhone" ? "13800000000" : "见附件说明")
                    }
                }
                let channel = pick(item.channels.filter { ["phone", "window", "web", "wechat"].contains($0) })
                let order = NewWorkOrder(channel: channel, category: "service", serviceItemCode: item.code, talentId: talent.id,
                                         title: item.name, content: "申请：\(item.name)", form: form)
                return try await sim.workOrders.file(order, by: dispatcher).record!
            }
        }
        let category = roll < 80 ? "inquiry" : roll < 88 ? "help" : roll < 96 ? "complaint" : "suggestion"
        let titles = ["inquiry": ["咨询人才落户政策", "咨询安家补贴申领", "咨询子女入学", "咨询公积金贷款"],
                      "help": ["求助办理人才公寓", "求助医疗绿色通道"], "complaint": ["投诉窗口办理超时", "投诉补贴未到账"],
                      "suggestion": ["建议增加线上办理事项", "建议延长窗口服务时间"]][category]!
        let channel = rng.next() % 10 < 8 ? "phone" : "grid"
        let title = pick(titles)
        let order = NewWorkOrder(channel: channel, category: category, contact: .init(name: "来电人", phone: nil), title: title,
                                 content: "来电人反映：\(title)", districtCode: pick(districts), urgent: rng.next() % 50 == 0)
        return try await sim.workOrders.file(order, by: dispatcher).record!
    }
}

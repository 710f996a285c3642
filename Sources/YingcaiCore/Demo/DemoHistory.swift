import Foundation
import Organisations
import SQLKit
import WorkCalendar
import WorkOrderRules

/// The demo's past: orders filed over the last six months and driven through the real state machine
/// (`DemoSimulation`), so the figures and the dashboard show real numbers from the first start.
/// Applications of catalog items, hotline calls and grid reports; most are handled on time and rated
/// well (the seeds report 6.7 working days on average, 100 % on time, over 99 % satisfied), a few are
/// returned, suspended, extended, badly rated and reopened, withdrawn or merged; unrated ones are
/// closed by the system as they would have been.
enum DemoHistory {
    static let departments = ["HRSS", "PSB", "EDU", "HEALTH", "HOUSING", "HPF", "SCI", "MARKET", "TRANSPORT", "UNION"]

    static func load(into sim: inout DemoSimulation, count: Int, days: Int = 182, people: DemoPeople,
                     progress: @Sendable (String) -> Void) async throws {
        let app = sim.core
        let realNow = sim.present
        let calendar = sim.calendar
        let tree = try await app.orgs.tree()
        // Talents with a valid tier, to apply for items.
        let talents: [(id: Int64, tier: String)] = try await app.db.read { db in
            try await db.raw("""
                SELECT id, tier FROM talents WHERE tier IS NOT NULL AND tier_valid_until >= \(bind: LocalDate(shanghaiMillis: realNow).description)
                ORDER BY id LIMIT 2000
                """).all().map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "tier", as: String.self)) }
        }
        guard !talents.isEmpty else { return }
        let items = try await app.catalog.list()
        let districts = tree.districts(within: OrgCode("500000")!).map(\.rawValue)
        var rng = SplitMix64(seed: 141)

        let start = realNow - Int64(days) * 86_400_000
        // Older than ten days: the recent ones are the demo's open work (`DemoScenarios`) and the
        // history's tail, still moving.
        var times = (0..<count).map { _ in start + Int64(rng.next() % UInt64(realNow - start)) }
        times.sort()
        var lastByDistrict: [String: Int64] = [:]
        for (n, t0) in times.enumerated() {
            if n % 500 == 0 { progress("历史工单 history \(n)/\(count)") }
            // Working hours only: move a night or weekend filing to 09:30 of the next working day.
            var t = t0
            let day = LocalDate(shanghaiMillis: t)
            let hour = (t + 8 * 3_600_000) % 86_400_000 / 3_600_000
            if !calendar.isWorkday(day) || hour < 8 || hour >= 18 {
                let next = calendar.isWorkday(day) && hour < 8 ? day : calendar.addWorkdays(1, to: day).value
                t = next.shanghaiStartMillis + 9 * 3_600_000 + 1_800_000 + Int64(rng.next() % 3_600_000)
            }
            guard t < realNow else { continue }
            var order: DemoSimulation.Order
            do {
                order = try await sim.file(input(at: t, talents: talents, items: items, districts: districts, rng: &rng),
                                           by: people.dispatcher, at: t)
            } catch {
                continue  // an item's form this generator does not fill: skip it
            }
            do {
                try await drive(&order, in: sim, people: people, lastByDistrict: &lastByDistrict, rng: &rng)
            } catch {
                // A move the rules refuse at that moment (e.g. a late return): the order stays where it is.
            }
            try await sim.finish(order)
        }
    }

    /// The life of one order, each move a while after the last, up to the present.
    static func drive(_ o: inout DemoSimulation.Order, in sim: DemoSimulation, people: DemoPeople, lastByDistrict: inout [String: Int64],
                      rng: inout SplitMix64) async throws {
        func chance(_ p: Double) -> Bool { Double(rng.next() % 10_000) / 10_000 < p }
        func pick(_ xs: [String]) -> String { xs[Int(rng.next() % UInt64(xs.count))] }
        func hours(_ lo: Double, _ hi: Double) -> Int64 { Int64((lo + (hi - lo) * Double(rng.next() % 1000) / 1000) * 3_600_000) }
        let handler = { (org: String) in people.handler(org) }
        if o.record.rules.state == .received {
            if chance(0.02) { try await sim.step(&o, .reject(reason: "不属于受理范围"), as: .dispatcher, by: people.dispatcher, after: hours(0.2, 2)); return }
            if chance(0.02), let earlier = lastByDistrict[o.record.districtCode] {
                try await sim.step(&o, .merge(into: earlier), as: .dispatcher, by: people.dispatcher, after: hours(0.1, 1)); return
            }
            let lead = "\(o.record.districtCode):\(pick(departments))"
            guard try await sim.step(&o, .dispatch(leadOrg: lead, coOrgs: []), as: .dispatcher, by: people.dispatcher, after: hours(0.1, 3),
                                     note: "按属地派单") else { return }
            lastByDistrict[o.record.districtCode] = o.record.id
        }
        guard let lead = o.record.rules.leadOrg else { return }
        if chance(0.04) {
            guard try await sim.step(&o, .returnOrder(reason: "非本单位职责"), as: .leadHandler, by: handler(lead), after: hours(0.5, 4)) else { return }
            let other = "\(o.record.districtCode):\(pick(departments))"
            guard try await sim.step(&o, .dispatch(leadOrg: other, coOrgs: []), as: .dispatcher, by: people.dispatcher, after: hours(0.5, 3),
                                     note: "改派") else { return }
        }
        let org = o.record.rules.leadOrg!
        if chance(0.01) { try await sim.step(&o, .withdraw(reason: "问题已自行解决"), as: .requester, by: people.dispatcher, after: hours(1, 8)); return }
        guard try await sim.step(&o, .accept, as: .leadHandler, by: handler(org), after: hours(0.3, chance(0.97) ? 6 : 40)) else { return }
        guard try await sim.step(&o, .start, as: .leadHandler, by: handler(org), after: hours(0.1, 2)) else { return }
        // A few are left lying (the figures' overdue orders, escalated to the supervisors above).
        if chance(0.012) { return }
        for co in o.record.rules.coOrgs {
            guard try await sim.step(&o, .opinion(org: co, text: "协办意见：已核实"), as: .coHandler(co), by: handler(co), after: hours(2, 30)) else { return }
        }
        if chance(0.05) {
            guard try await sim.step(&o, .suspend(reason: "等待申请人补充材料"), as: .leadHandler, by: handler(org), after: hours(4, 30)) else { return }
            guard try await sim.step(&o, .resume, as: .leadHandler, by: handler(org), after: hours(24, 120)) else { return }
        }
        if chance(0.03) {
            guard try await sim.step(&o, .requestExtension(workdays: 2, reason: "需现场核查"), as: .leadHandler, by: handler(org), after: hours(8, 48)) else { return }
            guard try await sim.step(&o, .approveExtension, as: .supervisor, by: people.supervisor, after: hours(1, 8)) else { return }
        }
        // Handling time: most well inside the limit (about 6–7 working days on average).
        let deadline = sim.calendar.deadlineMillis(of: o.record.rules.handlingDeadline)
        let spread = max(Int64(3_600_000), (deadline - o.now) * Int64(60 + rng.next() % 35) / 100)
        guard try await sim.step(&o, .resolve(result: "已按规定办结并答复"), as: .leadHandler, by: handler(org),
                                 after: min(spread, max(3_600_000, deadline - o.now - 3_600_000))) else { return }
        if chance(0.12) { return try await sim.closeIfDue(&o) }  // not rated: the system closes it after 5 working days
        let score = chance(0.006) ? 2 : chance(0.7) ? 5 : chance(0.8) ? 4 : 3
        guard try await sim.step(&o, .rate(score: score), as: .requester, by: people.dispatcher, after: hours(2, 48),
                                 note: score >= 4 ? "满意" : nil) else { return }
        if score <= 2 {
            guard try await sim.step(&o, .callback(note: "已回访，说明整改措施"), as: .leadHandler, by: handler(org), after: hours(1, 8)) else { return }
            guard try await sim.step(&o, .reopen(reason: "差评重办"), as: .supervisor, by: people.supervisor, after: hours(2, 24)) else { return }
            guard try await sim.step(&o, .start, as: .leadHandler, by: handler(org), after: hours(1, 4)) else { return }
            guard try await sim.step(&o, .resolve(result: "重新办理完毕"), as: .leadHandler, by: handler(org), after: hours(24, 72)) else { return }
            guard try await sim.step(&o, .rate(score: 4), as: .requester, by: people.dispatcher, after: hours(2, 24)) else { return }
        }
        try await sim.closeIfDue(&o)
    }

    /// A filing of the kind the seeds describe: an application of a catalog item for a talent
    /// (55 %), or a hotline call or grid report of a district.
    static func input(at t: Int64, talents: [(id: Int64, tier: String)], items: [ServiceItem], districts: [String],
                      rng: inout SplitMix64) -> NewWorkOrder {
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        let roll = rng.next() % 100
        if roll < 55 {
            let talent = pick(talents)
            let eligible = items.filter { $0.eligibleTiers.contains(talent.tier) && $0.materials.allSatisfy { !$0.required } }
            if let item = eligible.isEmpty ? nil : pick(eligible) {
                let channel = pick(item.channels.filter { ["phone", "window", "web", "wechat"].contains($0) })
                return NewWorkOrder(channel: channel, category: "service", serviceItemCode: item.code, talentId: talent.id,
                                    title: item.name, content: "申请：\(item.name)", form: DemoForms.filled(item, on: LocalDate(shanghaiMillis: t)))
            }
        }
        let category = roll < 80 ? "inquiry" : roll < 88 ? "help" : roll < 96 ? "complaint" : "suggestion"
        let titles = ["inquiry": ["咨询人才落户政策", "咨询安家补贴申领", "咨询子女入学", "咨询公积金贷款"],
                      "help": ["求助办理人才公寓", "求助医疗绿色通道"], "complaint": ["投诉窗口办理超时", "投诉补贴未到账"],
                      "suggestion": ["建议增加线上办理事项", "建议延长窗口服务时间"]][category]!
        let channel = rng.next() % 10 < 8 ? "phone" : "grid"
        let title = pick(titles)
        return NewWorkOrder(channel: channel, category: category, contact: .init(name: "来电人", phone: nil), title: title,
                            content: "来电人反映：\(title)", districtCode: pick(districts), urgent: rng.next() % 50 == 0)
    }
}

/// Filled forms for demo applications: each required field with a plausible value.
enum DemoForms {
    static func filled(_ item: ServiceItem, on day: LocalDate) -> [String: FormValidation.Value] {
        var form: [String: FormValidation.Value] = [:]
        for f in item.form where f.required {
            switch f.type {
            case "select": form[f.key] = .text(f.options?.first ?? "其他")
            case "date": form[f.key] = .text(day.adding(days: 30).description)
            case "number": form[f.key] = .number(1)
            case "boolean": form[f.key] = .bool(true)
            default: form[f.key] = .text(f.key == "contactPhone" ? "13800000000" : "见附件说明")
            }
        }
        return form
    }
}


import Foundation
import Organisations
import SQLKit
import Storage
import WorkCalendar
import WorkOrderRules

extension WorkOrderService {
    /// The actions of `POST /work-orders/{id}/{action}`.
    public static let actions = ["dispatch", "accept", "return", "start", "opinion", "suspend", "resume", "resolve", "rate",
                                 "reopen", "close", "urge", "reject", "withdraw", "supplement", "request-extension", "approve-extension",
                                 "refuse-extension", "callback", "merge"]

    /// Moves an order: `action` with its fields, by the signed-in user. Answers with the order as it
    /// now stands, even when the move took it out of the user's sight (a returned order).
    /// `alsoWriting`: what a channel records with the move, committed with it or not at all.
    public func act(_ id: Int64, action: String, _ input: WorkOrderActionInput, by principal: Principal,
                    alsoWriting extra: WriteSet? = nil) async throws -> WorkOrderView {
        var errors = FieldErrors()
        for (field, value) in [("note", input.note), ("reason", input.reason), ("text", input.text), ("result", input.result)] {
            errors.text(field, value, max: 2000)
        }
        errors.text("comment", input.comment, max: 1000)
        try errors.throwIfAny()
        let calendar = try await calendars.calendar()
        let tree = try await orgs.tree()
        return try await db.transaction { sql in
            guard let record = try await load(id, on: sql, lock: true) else { throw CoreError.notFound("work order \(id)") }
            let access = try await self.access(principal, for: record, on: sql)
            guard access.canSee(record) else { throw CoreError.notFound("work order \(id)") }
            // Numbers typed into a note or a reason are kept masked in the timeline, which is never rewritten.
            let input = input.maskingPersonalNumbers()
            let command = try Self.command(action, input, principal: principal, tree: tree)
            if case .merge(let into) = command {
                try await checkMergeTarget(into, of: record, access: access, on: sql)
            }
            let now = clock.nowMillis()
            // Rating comments and dispatch notes are kept in the event; the rules carry neither.
            let note = action == "rate" ? input.comment?.trimmed : action == "dispatch" ? input.note?.trimmed : nil
            if action == "rate", let c = note, c.count > 1000 { throw CoreError.invalid("comment", "评价至多 1000 字 / at most 1000 characters") }
            do {
                let after = try await transition(record, command, actor: access.actor(for: record), actorId: principal.userId,
                                                 actorName: principal.username, note: note, at: now, calendar: calendar, on: sql)
                if let extra { try await extra.run(on: sql, dialect: db.dialect) }
                return makeView(after, access: access, calendar: calendar, timeline: try await events(of: after, on: sql))
            } catch WorkOrderError.rule(.notYours) {
                throw CoreError.forbidden("您不能对此工单执行「\(action)」/ you may not \(action) this order")
            }
        }
    }

    static func command(_ action: String, _ i: WorkOrderActionInput, principal: Principal, tree: OrgTree) throws -> Command {
        func text(_ value: String?, _ field: String) throws -> String {
            guard let v = value?.trimmed, !v.isEmpty else { throw CoreError.invalid(field, "须填写 \(field) / \(field) is required") }
            return v
        }
        switch action {
        case "dispatch":
            let lead = try text(i.leadOrg, "leadOrg")
            var errors = FieldErrors()
            if OrgCode(lead).flatMap({ tree[$0] }) == nil { errors.add("leadOrg", "承办单位不存在 / no such organisation") }
            for co in i.coOrgs ?? [] where OrgCode(co).flatMap({ tree[$0] }) == nil {
                errors.add("coOrgs", "协办单位 \(co) 不存在 / no such organisation")
            }
            try errors.throwIfAny()
            return .dispatch(leadOrg: lead, coOrgs: i.coOrgs ?? [])
        case "accept": return .accept
        case "return": return .returnOrder(reason: try text(i.reason, "reason"))
        case "start": return .start
        case "opinion": return .opinion(org: principal.org.rawValue, text: try text(i.text, "text"))
        case "suspend": return .suspend(reason: try text(i.reason, "reason"))
        case "resume": return .resume
        case "resolve": return .resolve(result: try text(i.result, "result"))
        case "rate":
            guard let score = i.score else { throw CoreError.invalid("score", "须填写评分 1–5 / score 1 to 5 is required") }
            return .rate(score: score)
        case "reopen": return .reopen(reason: try text(i.reason, "reason"))
        case "close": return .close
        case "urge": return .urge(note: try text(i.note, "note"))
        case "reject": return .reject(reason: try text(i.reason, "reason"))
        case "withdraw": return .withdraw(reason: try text(i.reason, "reason"))
        case "supplement": return .supplement(text: try text(i.text, "text"))
        case "request-extension":
            guard let days = i.workdays else { throw CoreError.invalid("workdays", "须填写延期工作日数 / workdays is required") }
            return .requestExtension(workdays: days, reason: try text(i.reason, "reason"))
        case "approve-extension": return .approveExtension
        case "refuse-extension": return .refuseExtension(reason: try text(i.reason, "reason"))
        case "callback": return .callback(note: try text(i.note, "note"))
        case "merge":
            guard let into = i.intoId else { throw CoreError.invalid("intoId", "须指明合并到的工单 / intoId is required") }
            return .merge(into: into)
        default:
            throw CoreError.notFound("action \(action)")
        }
    }

    /// 归并: only into an earlier open order the dispatcher can see, not itself merged.
    func checkMergeTarget(_ into: Int64, of record: WorkOrderRecord, access: WorkOrderAccess, on sql: any SQLDatabase) async throws {
        guard into != record.id, let target = try await load(into, on: sql, lock: false), access.canSee(target) else {
            throw CoreError.invalid("intoId", "目标工单不存在 / no such order")
        }
        guard target.id < record.id else { throw CoreError.invalid("intoId", "只能并入更早的工单 / merge into an earlier order") }
        guard target.rules.state.isOpen, target.rules.mergedInto == nil else {
            throw CoreError.invalid("intoId", "目标工单已办结或已归并 / the earlier order is no longer open")
        }
    }

    /// Background moves (escalation, auto-close) by the system, on an order already locked by the caller.
    func systemMove(_ record: WorkOrderRecord, _ command: Command, at now: Int64, calendar: WorkCalendar, on sql: any SQLDatabase) async throws -> WorkOrderRecord {
        try await transition(record, command, actor: .system, actorId: nil, actorName: "system", at: now, calendar: calendar, on: sql)
    }
}

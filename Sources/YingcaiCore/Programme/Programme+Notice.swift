import Foundation
import Organisations
import ProgrammeRules
import SQLKit
import Storage
import WorkCalendar
import WorkOrderRules

/// 公示: the selected list of a call, shown to the public for 5 working days — name, employer and
/// special, no personal numbers — and the final list once approved.
public struct PublicNoticeList: Sendable {
    public struct Entry: Sendable, Equatable {
        public let applicationId: Int64
        public let name: String
        public let employer: String
        public let special: Special
        public let title: String
    }

    public let year: Int
    public let state: CallState
    /// The notice's first and last day (for a call in notice), and whether the calendar is official there.
    public let start: LocalDate?
    public let end: LocalDate?
    public let entries: [Entry]
}

extension Programme {
    /// The calls on notice now, and the final lists, newest first. No sign-in needed.
    public func publicNotices() async throws -> [PublicNoticeList] {
        let calendar = try await calendars.calendar()
        return try await db.read { db in
            let calls = try await db.raw("""
                SELECT \(unsafeRaw: Self.callColumns) FROM programme_calls WHERE state IN ('in_notice', 'final') ORDER BY year DESC
                """).all().map(callRecord)
            var out: [PublicNoticeList] = []
            for call in calls {
                let entries = try await db.raw("""
                    SELECT a.id, t.name, a.employer, a.special, a.title FROM programme_applications a JOIN talents t ON t.id = a.applicant_talent_id
                    WHERE a.call_id = \(bind: call.id) AND a.state = 'selected' ORDER BY a.special, a.place, a.id
                    """).all().map {
                    PublicNoticeList.Entry(applicationId: try $0.decode(column: "id", as: Int64.self), name: try $0.decode(column: "name", as: String.self),
                                           employer: try $0.decode(column: "employer", as: String.self),
                                           special: Special(rawValue: try $0.decode(column: "special", as: String.self)) ?? .youngTopTalent,
                                           title: try $0.decode(column: "title", as: String.self))
                }
                let notice = call.rules.noticeStartedOn.map { PublicNotice(startingOn: $0, calendar: calendar) }
                out.append(PublicNoticeList(year: call.year, state: call.rules.state, start: notice?.start, end: notice?.end, entries: entries))
            }
            return out
        }
    }

    /// 异议: anyone may object to an entry of a list on notice; the objection becomes a work order of
    /// the city talent office on the closed loop (deadline, warnings, rating). Returns its number.
    /// Objections one client address may send within `objectionWindowMinutes`: enough for a person
    /// with several concerns, not for a script filling the office's queue.
    public static let objectionsPerAddress = 5
    public static let objectionWindowMinutes: Int64 = 60

    public func object(_ year: Int, application id: Int64, name: String?, phone: String?, text: String?,
                       address: String = "") async throws -> WorkOrderRecord {
        let now = clock.nowMillis()
        let windowStart = now - Self.objectionWindowMinutes * 60_000
        let recent = try await db.read { db in
            try await db.raw("""
                SELECT at FROM public_submissions WHERE kind = 'objection' AND address = \(bind: address) AND at > \(bind: windowStart)
                ORDER BY at LIMIT \(bind: Self.objectionsPerAddress)
                """).all().map { try $0.decode(column: "at", as: Int64.self) }
        }
        if recent.count >= Self.objectionsPerAddress {
            throw CoreError.tooManyAttempts(retryAfterSeconds: Int(max(1, (recent[0] - windowStart + 999) / 1000)))
        }
        let text = (text ?? "").trimmed
        guard !text.isEmpty, text.count <= 2000 else { throw CoreError.invalid("text", "异议内容为 1–2000 字 / an objection of 1 to 2000 characters") }
        let name = (name ?? "").trimmed
        if name.count > 64 { throw CoreError.invalid("name", "姓名至多 64 字 / a name of at most 64 characters") }
        let entry = try await db.read { db in
            try await db.raw("""
                SELECT a.id, a.district_code, a.special, t.name FROM programme_applications a JOIN programme_calls c ON c.id = a.call_id
                JOIN talents t ON t.id = a.applicant_talent_id
                WHERE a.id = \(bind: id) AND c.year = \(bind: year) AND c.state = 'in_notice' AND a.state = 'selected'
                """).first()
        }
        guard let entry else { throw CoreError.notFound("公示名单中没有该项 / no such entry on notice") }
        let special = Special(rawValue: try entry.decode(column: "special", as: String.self))?.chinese ?? ""
        let person = try entry.decode(column: "name", as: String.self)
        let input = NewWorkOrder(channel: Channel.web.rawValue, category: WorkOrderCategory.complaint.rawValue,
                                 contact: .init(name: name.isEmpty ? "匿名" : name, phone: (phone ?? "").trimmed.isEmpty ? nil : phone),
                                 title: "英才计划公示异议：\(year) 年度\(special) \(person)",
                                 content: text, districtCode: try entry.decode(column: "district_code", as: String.self))
        return try await db.transaction { db in
            try await db.raw("INSERT INTO public_submissions (kind, address, at) VALUES ('objection', \(bind: address), \(bind: now))").run()
            return try await workOrders.file(input, by: try await publicPrincipal(), routedTo: Self.cityOffice)
        }
    }

    /// Who files what the public sends without signing in (an objection): a disabled account of the
    /// platform itself, so every order still names who filed it.
    func publicPrincipal() async throws -> Principal {
        let now = clock.nowMillis()
        let id = try await db.transaction { db in
            try await db.raw("""
                INSERT INTO users (username, display_name, password_hash, org_code, roles, disabled, created_at)
                VALUES ('_public', '社会公众', '!', '500000', 'dispatcher', 1, \(bind: now)) ON CONFLICT (username) DO NOTHING
                """).run()
            return try await db.raw("SELECT id FROM users WHERE username = '_public'").first()!.decode(column: "id", as: Int64.self)
        }
        return Principal(userId: id, username: "社会公众", roles: [.dispatcher], org: OrgCode("500000")!, talentId: nil)
    }
}

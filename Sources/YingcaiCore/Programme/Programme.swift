import Foundation
import Organisations
import ProgrammeRules
import SQLKit
import Storage
import WorkCalendar

/// 重庆英才计划: yearly calls with their specials, applications, conflict-free expert review,
/// ranking and selection, the public notice and lump-sum funding. Each use case loads, checks with
/// the pure rules (`ProgrammeRules`), and writes the change and its event in one transaction.
public struct Programme: Sendable {
    let db: Database
    let orgs: OrgDirectory
    let talents: TalentRegistry
    let policyEngine: PolicyEngine
    let policies: Policies
    let workOrders: WorkOrderService
    let calendars: CalendarStore
    let uploads: UploadStore
    let clock: Clockwork
    let audit = AuditLog()

    /// The talent office of the city (市人才办): configures calls, checks form, assigns, ranks, funds.
    public static let cityOffice = "500000:TALENT"

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return e
    }()

    static func json<T: Encodable>(_ value: T) -> String { String(decoding: try! encoder.encode(value), as: UTF8.self) }
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try JSONDecoder().decode(type, from: Data(text.utf8)) }

    func requireCityOffice(_ p: Principal) throws {
        guard p.isCityTalentOffice else {
            throw CoreError.forbidden("由市人才办办理 / only the city talent office does this")
        }
    }

    /// Appends an event to a call's or an application's log.
    func event(_ subject: String, _ id: Int64, seq: Int, action: String, from: String?, to: String, note: String?,
               by p: Principal?, at now: Int64, on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO programme_events (subject, subject_id, seq, at, actor_id, actor_name, action, from_state, to_state, note)
            VALUES (\(bind: subject), \(bind: id), \(bind: seq), \(bind: now), \(bind: p?.userId), \(bind: p?.username ?? "system"),
                    \(bind: action), \(bind: from), \(bind: to), \(bind: note))
            """).run()
    }

    public func events(_ subject: String, _ id: Int64) async throws -> [ProgrammeEvent] {
        try await db.read { db in
            try await db.raw("""
                SELECT seq, at, actor_name, action, from_state, to_state, note FROM programme_events
                WHERE subject = \(bind: subject) AND subject_id = \(bind: id) ORDER BY seq
                """).all().map {
                ProgrammeEvent(seq: try $0.decode(column: "seq", as: Int.self), at: try $0.decode(column: "at", as: Int64.self),
                               actorName: try $0.decode(column: "actor_name", as: String.self), action: try $0.decode(column: "action", as: String.self),
                               from: try $0.decode(column: "from_state", as: String?.self), to: try $0.decode(column: "to_state", as: String.self),
                               note: try $0.decode(column: "note", as: String?.self))
            }
        }
    }

    /// A rule's refusal as the core's error: 409 for a move the table lacks, 403, or 422 naming the field.
    static func failure(_ e: ProgrammeError) -> CoreError {
        switch e {
        case .notAllowed: .conflict(e.message)
        case .notYours: .forbidden(e.message)
        case .invalid(let field, let message): .invalid(field, message)
        }
    }
}

extension Principal {
    /// A handler or admin of the city talent office (市人才办).
    public var isCityTalentOffice: Bool { hasAny(.handler, .admin) && org.rawValue == Programme.cityOffice }

    /// A handler or admin of the talent office of `district` (区县人才办).
    public func isTalentOffice(of district: String) -> Bool { hasAny(.handler, .admin) && org.rawValue == "\(district):TALENT" }

    /// The district whose talent office this user works in, if any.
    public var talentOfficeDistrict: String? {
        guard hasAny(.handler, .admin), org.rawValue.hasSuffix(":TALENT"), org.rawValue != Programme.cityOffice else { return nil }
        return String(org.rawValue.dropLast(":TALENT".count))
    }
}

import Foundation
import Organisations
import PersonalData
import SQLKit
import Storage

/// The personal data of an order in full: its caller's phone number and the values its form and text
/// hold masked. Shown only to those who act on the order (its requester, its handlers, the hotline
/// and admins of its area), each showing recorded in the audit log with who and why.
public struct OrderPersonalData: Sendable, Equatable {
    public let contactPhone: String?
    /// By where they were: `form.<key>`, `title`, `content`.
    public let values: [String: String]
}

extension WorkOrderService {
    public func personalData(_ id: Int64, by principal: Principal) async throws -> OrderPersonalData {
        let now = clock.nowMillis()
        return try await db.transaction { sql in
            guard let record = try await load(id, on: sql, lock: false) else { throw CoreError.notFound("work order \(id)") }
            let access = try await self.access(principal, for: record, on: sql)
            guard access.canSee(record) else { throw CoreError.notFound("work order \(id)") }
            guard access.canReveal(record) else {
                throw CoreError.forbidden("只有办理该工单的人员可以查看完整个人信息 / only those who handle the order see its personal data in full")
            }
            let row = try await sql.raw("""
                SELECT contact_phone_sealed, personal_sealed FROM work_orders WHERE district_code = \(bind: record.districtCode) AND id = \(bind: id)
                """).first()!
            let phone = try row.decode(column: "contact_phone_sealed", as: Data?.self).map { try vault.open(Array($0), field: .phone) }
            let personal = try row.decode(column: "personal_sealed", as: Data?.self)
                .map { PersonalForm.decode(try vault.open(Array($0), field: .orderPersonal)) } ?? [:]
            try await AuditLog().record(on: sql, at: now, actor: principal.userId, action: "work_order.personal_data", subject: "work_order", id: id,
                                        detail: "fields=\((personal.keys.sorted() + (phone == nil ? [] : ["contact.phone"])).joined(separator: ","))")
            return OrderPersonalData(contactPhone: phone, values: personal)
        }
    }
}

extension WorkOrderAccess {
    /// Who may see an order's personal data in full: its requester, its lead and co-handling
    /// organisations, and the hotline and admins of its area. Supervisors and leaders see the order
    /// masked: they judge the handling, they do not call the person.
    func canReveal(_ r: WorkOrderRecord) -> Bool {
        isRequester(r) || isButler(r) || isLeadHandler(r) || isCoHandler(r) || (principal.hasAny(.dispatcher, .admin) && coversDistrict(r))
    }
}

import SQLKit
import Storage

/// One entry of a user's inbox (站内通知).
public struct InboxNotification: Sendable, Equatable {
    public let id: Int64
    public let orderId: Int64?
    public let kind: String
    public let message: String
    public let createdAt: Int64
}

extension Yingcai {
    /// A user's inbox: what was sent to them, to their org, and, for supervisors, to the supervisors
    /// of their area; newest first.
    public func notifications(for principal: Principal, limit: Int, after cursor: Int64? = nil) async throws -> [InboxNotification] {
        let tree = try await orgs.tree()
        var orgs = [principal.org.rawValue]
        if principal.has(.supervisor) { orgs.append("supervisors:\(tree.area(of: principal.org).rawValue)") }
        let list = orgs
        return try await db.read { db in
            try await db.raw("""
                SELECT id, order_id, kind, message, created_at FROM notifications
                WHERE (user_id = \(bind: principal.userId) OR org_code IN (\(binds: list))) AND id < \(bind: cursor ?? Int64.max)
                ORDER BY id DESC LIMIT \(bind: limit)
                """).all().map { row in
                InboxNotification(id: try row.decode(column: "id", as: Int64.self), orderId: try row.decode(column: "order_id", as: Int64?.self),
                             kind: try row.decode(column: "kind", as: String.self), message: try row.decode(column: "message", as: String.self),
                             createdAt: try row.decode(column: "created_at", as: Int64.self))
            }
        }
    }
}

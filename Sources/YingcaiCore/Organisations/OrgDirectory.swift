import Foundation
import NIOConcurrencyHelpers
import Organisations
import SQLKit
import Storage

/// The organisation tree of the database, held in memory by each instance and reloaded when a
/// code is not found (a node added through another instance) or after a while.
public final class OrgDirectory: Sendable {
    let db: Database
    private let cached = NIOLockedValueBox<(tree: OrgTree, loadedAt: Int64)?>(nil)
    static let maxAgeMillis: Int64 = 60_000

    public init(db: Database) { self.db = db }

    public func tree() async throws -> OrgTree {
        let now = Clock.nowMillis()
        if let c = cached.withLockedValue({ $0 }), now - c.loadedAt < Self.maxAgeMillis { return c.tree }
        return try await reload()
    }

    /// The node, reloading once if this instance does not know it yet.
    public func node(_ code: OrgCode) async throws -> OrgNode? {
        if let node = try await tree()[code] { return node }
        return try await reload()[code]
    }

    @discardableResult
    public func reload() async throws -> OrgTree {
        let rows = try await db.read { db in
            try await db.raw("SELECT code, parent_code, name, name_en, kind FROM orgs").all()
        }
        var tree = OrgTree()
        // Parents first, so children attach whatever order the rows come in.
        let nodes: [OrgNode] = try rows.compactMap { row in
            guard let code = OrgCode(try row.decode(column: "code", as: String.self)),
                  let kind = OrgKind(rawValue: try row.decode(column: "kind", as: String.self)) else { return nil }
            return OrgNode(code: code, parent: try row.decode(column: "parent_code", as: String?.self).flatMap(OrgCode.init),
                           name: try row.decode(column: "name", as: String.self),
                           nameEn: try row.decode(column: "name_en", as: String.self), kind: kind)
        }
        for node in nodes { tree.insert(node) }
        cached.withLockedValue { $0 = (tree, Clock.nowMillis()) }
        return tree
    }

    /// Loads the reference organisations that are not there yet; run at every start.
    public func loadReferenceData() async throws {
        let nodes = ReferenceOrgs.nodes
        try await db.transaction { db in
            let now = Clock.nowMillis()
            for chunk in stride(from: 0, to: nodes.count, by: 200) {
                let slice = nodes[chunk..<min(chunk + 200, nodes.count)]
                try await db.insert(into: "orgs")
                    .columns("code", "parent_code", "name", "name_en", "kind", "created_at")
                    .rows(slice.map { n -> [any SQLExpression] in
                        [SQLBind(n.code.rawValue), SQLBind(n.parent?.rawValue), SQLBind(n.name), SQLBind(n.nameEn),
                         SQLBind(n.kind.rawValue), SQLBind(now)]
                    })
                    .ignoringConflicts(with: "code")
                    .run()
            }
        }
        try await reload()
    }

    /// Adds a street, community or grid under a node (or a department at a district-level node).
    public func add(_ node: OrgNode, by principal: Principal) async throws -> OrgNode {
        guard principal.has(.admin) else { throw CoreError.forbidden("只有管理员可以维护组织机构 / only an admin maintains organisations") }
        let tree = try await reload()
        var errors = FieldErrors()
        guard let parentCode = node.parent, let parent = tree[parentCode] else {
            throw CoreError.invalid("parentCode", "上级机构不存在 / the parent organisation does not exist")
        }
        guard tree.isWithin(parentCode, tree.area(of: principal.org)) else {
            throw CoreError.notFound("org \(parentCode)")
        }
        if tree[node.code] != nil { throw CoreError.conflict("机构代码已存在 / organisation code \(node.code) exists") }
        if node.kind == .department {
            if !(parent.kind == .city || parent.kind.isDistrictLevel) {
                errors.add("kind", "部门只能设在市级或区县级 / departments sit at the city or a district-level node")
            }
            if node.code.node != parentCode.rawValue {
                errors.add("code", "部门代码应为 \(parentCode.rawValue):部门 / a department code is \(parentCode.rawValue):DEPT")
            }
        } else if !parent.kind.childKinds.contains(node.kind) {
            errors.add("kind", "\(parent.kind.rawValue) 下不能设 \(node.kind.rawValue) / a \(parent.kind.rawValue) cannot hold a \(node.kind.rawValue)")
        } else if node.code.department != nil {
            errors.add("code", "只有部门代码含冒号 / only department codes contain a colon")
        }
        if node.name.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("name", "名称不能为空 / a name is required") }
        try errors.throwIfAny()
        try await db.transaction { db in
            try await db.insert(into: "orgs")
                .columns("code", "parent_code", "name", "name_en", "kind", "created_at")
                .values(SQLBind(node.code.rawValue), SQLBind(parentCode.rawValue), SQLBind(node.name),
                        SQLBind(node.nameEn), SQLBind(node.kind.rawValue), SQLBind(Clock.nowMillis()))
                .run()
        }
        try await reload()
        return node
    }
}

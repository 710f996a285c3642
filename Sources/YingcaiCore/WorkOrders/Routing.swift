import Organisations
import SQLKit
import Storage
import WorkOrderRules

/// 派单规则: where an order goes. An application of a catalog item goes to the item's department at
/// the city or in the talent's district (自动分派, at filing); any other order is dispatched by a
/// dispatcher, who is offered the departments of its district and of the city, and those that
/// similar earlier orders of the district went to.
public enum Routing {
    /// The node whose department handles `item` for a talent of `district`.
    static func node(for item: ServiceItem, district: String) -> String {
        item.handledAt == "city" ? "500000" : district
    }

    /// The lead organisation of an application of `item` by a talent of `district`.
    public static func leadOrg(for item: ServiceItem, district: String) -> String {
        "\(node(for: item, district: district)):\(item.department)"
    }

    /// Its co-handling organisations: the item's co-departments that exist at that node.
    static func coOrgs(for item: ServiceItem, district: String, tree: OrgTree) -> [String] {
        let node = node(for: item, district: district)
        return item.coDepartments.map { "\(node):\($0)" }.filter { OrgCode($0).flatMap { tree[$0] } != nil }
    }

    /// The departments a dispatcher chooses from for an order of `district`: the district's and the
    /// city's (not every department of the tree: that would be ~900 options).
    public static func dispatchOptions(district: String, tree: OrgTree) -> [OrgNode] {
        let nodes = [OrgCode("500000")!] + (OrgCode(district).map { [$0] } ?? [])
        return nodes.flatMap { tree.children(of: $0) }.filter { $0.kind == .department }
    }
}

extension WorkOrderService {
    /// Where `record` would best be dispatched: its item's department, or where similar earlier
    /// orders of the same district and category went, most often first.
    public func suggestedLeads(for record: WorkOrderRecord) async throws -> [String] {
        if let code = record.serviceItemCode, let item = try await catalog.item(code) {
            return [Routing.leadOrg(for: item, district: record.districtCode)]
        }
        return try await db.read { db in
            try await db.raw("""
                SELECT lead_org, count(*) AS n FROM work_orders
                WHERE district_code = \(bind: record.districtCode) AND category = \(bind: record.rules.category.rawValue)
                  AND lead_org IS NOT NULL AND id <> \(bind: record.id)
                GROUP BY lead_org ORDER BY n DESC, lead_org LIMIT 3
                """).all().map { try $0.decode(column: "lead_org", as: String.self) }
        }
    }
}

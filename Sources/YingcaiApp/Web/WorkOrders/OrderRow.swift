import Organisations
import YingcaiCore

/// One order in a list (my orders, a workbench tab, the portal, the dashboard's overdue list).
struct OrderRow: Sendable {
    let id: Int64
    let number: String
    let title: String
    let stateName: String
    let warning: String
    let deadline: String
    let leadOrg: String

    init(_ o: WorkOrderView, _ tree: OrgTree, _ v: Visit) {
        let r = o.record.rules
        id = o.record.id
        number = o.record.number
        title = o.record.title
        stateName = v.label(r.state)
        warning = o.warning.rawValue
        deadline = r.handlingDeadline.description
        leadOrg = v.orgName(r.leadOrg, tree)
    }
}

/// A list of orders with a heading, and tabs when the list is one of several (the workbench).
struct OrderList: Sendable {
    let heading: String
    let tabs: [TabLink]
    let orders: [OrderRow]
    /// The next page of the list, when there is one.
    let more: String?
}

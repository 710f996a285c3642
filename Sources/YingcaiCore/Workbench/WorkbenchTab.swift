import WorkOrderRules

/// One tab of the workbench (工作台): a list of orders that wait for the signed-in user, with its count.
public struct WorkbenchTab: Sendable, Equatable {
    /// Stable: used in URLs (`/workbench?tab=sign`) and the API (`/api/v1/workbench/{tab}`).
    public let id: String
    public let chinese: String
    public let english: String
    /// What the tab lists, as a query of the reader's visible orders.
    public let query: WorkOrderQuery
    /// How many orders it lists; set by `Workbench.tabs(for:)`.
    public var count: Int64 = 0

    public static func == (a: WorkbenchTab, b: WorkbenchTab) -> Bool { a.id == b.id && a.count == b.count }

    /// The tabs of a user's roles, in the order they are shown. The lead organisation's queues
    /// together hold every unfinished order it leads, each in exactly one of them.
    public static func all(for p: Principal) -> [WorkbenchTab] {
        var tabs: [WorkbenchTab] = []
        func queue(_ q: WorkbenchQueue, _ query: WorkOrderQuery) {
            tabs.append(WorkbenchTab(id: q.rawValue, chinese: q.chinese, english: q.english, query: query))
        }
        if p.has(.dispatcher) {
            for q in WorkbenchQueue.allCases where q.owner == .dispatcher { queue(q, WorkOrderQuery(queue: q.rawValue)) }
        }
        if p.hasAny(.handler, .admin) {
            for q in WorkbenchQueue.allCases where q.owner == .leadOrg {
                queue(q, WorkOrderQuery(leadOrg: p.org.rawValue, queue: q.rawValue))
            }
            tabs.append(WorkbenchTab(id: "co", chinese: "待出协办意见", english: "Opinions owed",
                                     query: WorkOrderQuery(coHandledBy: p.org.rawValue)))
        }
        if p.has(.supervisor) {
            tabs.append(WorkbenchTab(id: "ext", chinese: "待批延期", english: "Extensions to decide",
                                     query: WorkOrderQuery(pendingExtension: true)))
            tabs.append(WorkbenchTab(id: "review", chinese: "差评督办", english: "Bad ratings to supervise",
                                     query: WorkOrderQuery(queue: WorkbenchQueue.badRating.rawValue)))
        }
        if p.has(.butler) {
            tabs.append(WorkbenchTab(id: "talents", chinese: "服务人才的工单", english: "My talents' open orders",
                                     query: WorkOrderQuery(unfinished: true)))
        }
        if p.hasAny(.handler, .dispatcher, .supervisor, .admin, .butler) {
            tabs.append(WorkbenchTab(id: "yellow", chinese: "即将超期", english: "Due soon", query: WorkOrderQuery(warning: "yellow")))
            tabs.append(WorkbenchTab(id: "red", chinese: "已超期", english: "Overdue", query: WorkOrderQuery(warning: "red")))
        }
        return tabs
    }
}

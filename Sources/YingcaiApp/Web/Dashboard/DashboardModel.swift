/// 一屏知全域: the key figures of a node, its charts, its most overdue orders, and the rankings of
/// the districts and departments under it (晾晒).
struct DashboardModel: Sendable {
    struct KPIs: Sendable {
        let total: String
        let onTime: String
        let avgDays: String
        let signFor: String
        let satisfaction: String
        let yellow: String
        let overdue: String
        let cards: String
    }

    struct Chart: Sendable {
        let caption: String
        /// Drawn by `Charts`, every text in it escaped.
        let svg: String
    }

    struct Ranked: Sendable {
        let rank: Int
        let code: String
        let name: String
        let total: Int64
        let onTime: String
        let satisfaction: String
        let drill: Bool
    }

    /// 重庆英才计划: each call's applications, selections and funding (at the city's level).
    struct ProgrammeLine: Sendable {
        let year: Int
        let stateName: String
        let applications: Int
        let selected: Int
        let budget: String
        let paid: String
    }

    let asOf: String
    /// The node above, when the user may go back up to it.
    let parent: String?
    let kpi: KPIs
    let charts: [Chart]
    let overdue: [OrderRow]
    let districts: [Ranked]
    let departments: [Ranked]
    let programme: [ProgrammeLine]
}

import Foundation
import Hummingbird
import ProgrammeRules
import YingcaiCore

/// 包干制 projects: the holder plans the spending, confirms each tranche and files reports; the city
/// office accepts the mid-term and records the completion review, which release the next tranches.
extension ProgrammePages {
    struct ProjectsPage: Sendable {
        struct Row: Sendable {
            let href: String
            let year: Int
            let special: String
            let holder: String
            let title: String
            let budget: String
            let paid: String
            let waiting: String?
        }

        let rows: [Row]
    }

    struct ProjectPage: Sendable {
        struct Tranche: Sendable {
            let stageName: String
            let percent: Int
            let yuan: String
            let stateName: String
            let confirmHref: String?
        }

        struct Report: Sendable {
            let kind: String
            let year: Int
            let text: String
            let spending: String
            let at: String
        }

        struct Category: Sendable {
            let index: Int
            let name: String
            let yuan: String
        }

        let id: Int64
        let year: Int
        let title: String
        let special: String
        let holder: String
        let budget: String
        let paid: String
        let plan: String
        let tranches: [Tranche]
        let reports: [Report]
        let isHolder: Bool
        let categories: [Category]
        let canReviewMidterm: Bool
        let canReviewCompletion: Bool
        let completion: String?
        let error: String?
    }

    static let reportKinds = ["yearly": ("年度报告", "Yearly report"), "midterm": ("中期报告", "Mid-term report"), "completion": ("结题报告", "Completion report")]

    func addProjects(to table: RouteTable) {
        table.page(.get, "/programme/projects") { request, _ in
            try await web.page(request) { v in try await projectsPage(v) }
        }
        table.page(.get, "/programme/projects/{id}") { request, context in
            try await web.page(request) { v in try await projectPage(v, id: try number(context, "id"), error: nil) }
        }
        table.page(.post, "/programme/projects/{id}") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let id: Int64 = try number(context, "id")
                return try await Web.redisplaying({ error, status in try await projectPage(v, id: id, error: error, status: status) }) {
                    switch f["action"] {
                    case "plan": _ = try await programme.planSpending(id, try amounts(f, "plan"), by: v.user)
                    case "report": _ = try await programme.report(id, kind: f["kind"] ?? "", text: f["text"], spending: try amounts(f, "spent"), by: v.user)
                    case "midterm", "completion": _ = try await programme.review(id, stage: f["action"]!, result: f["result"], by: v.user)
                    default: throw CoreError.notFound("action")
                    }
                    return Web.redirect("/programme/projects/\(id)")
                }
            }
        }
    }

    /// Category rows of a form (`plan.name.1`, `plan.yuan.1` …) as name → yuan; empty rows are left out.
    func amounts(_ f: [String: String], _ prefix: String) throws -> [String: Int64] {
        var out: [String: Int64] = [:]
        for i in 1...6 {
            let name = (f["\(prefix).name.\(i)"] ?? "").trimmingCharacters(in: .whitespaces)
            guard let yuan = try Web.number(f, "\(prefix).yuan.\(i)", as: Int64.self) else { continue }
            if name.isEmpty { throw CoreError.invalid("\(prefix).name.\(i)", "请填写支出类别 / name the category") }
            out[name, default: 0] += yuan
        }
        return out
    }

    func projectsPage(_ v: Visit) async throws -> Response {
        let projects = try await programme.projects(by: v.user)
        let page = ProjectsPage(rows: projects.map { pr in
            let waiting = pr.tranches.first { $0.payoutState == .proposed || $0.payoutState == .confirmed }
            return .init(href: "/programme/projects/\(pr.application.id)", year: pr.application.year, special: v.label(pr.application.special),
                         holder: pr.application.applicantName, title: pr.application.title, budget: Formatting.yuan(pr.budgetYuan),
                         paid: Formatting.yuan(pr.paidYuan), waiting: waiting.flatMap { $0.payoutState }.map { v.label($0) })
        })
        return web.render("programme-projects", page, v, title: v.t(v.user.has(.talent) ? "myProjects" : "projects"))
    }

    func projectPage(_ v: Visit, id: Int64, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = v.user
        let pr = try await programme.project(id, by: p)
        let holder = p.has(.talent) && p.talentId == pr.application.applicantTalentId
        func listed(_ amounts: [String: Int64]) -> String {
            amounts.sorted { $0.key < $1.key }.map { "\($0.key) \(Formatting.yuan($0.value))" }.joined(separator: "；")
        }
        let planned = pr.categories.sorted { $0.key < $1.key }
        let standard = ["设备费", "材料费", "劳务费", "差旅与会议费", "出版与知识产权费", "其他"]
        let rows = planned.isEmpty ? standard.map { ($0, Int64?.none) } : planned.map { ($0.key, Optional($0.value)) }
        let page = ProjectPage(
            id: id, year: pr.application.year, title: pr.application.title, special: v.label(pr.application.special), holder: pr.application.applicantName,
            budget: Formatting.yuan(pr.budgetYuan), paid: Formatting.yuan(pr.paidYuan), plan: listed(pr.categories),
            tranches: pr.tranches.map { t in
                .init(stageName: v.label(t.stage), percent: t.percent, yuan: Formatting.yuan(t.yuan),
                      stateName: t.payoutState.map { v.label($0) } ?? v.pick("未到拨付条件", "Not due yet"),
                      confirmHref: holder && t.payoutState == .proposed ? t.payoutId.map { "/portal/payouts/\($0)/confirm" } : nil)
            },
            reports: pr.reports.map { r in
                .init(kind: Self.reportKinds[r.kind].map { v.english ? $0.1 : $0.0 } ?? r.kind, year: r.year, text: r.text,
                      spending: listed(r.spending), at: Formatting.dateTime(r.submittedAt))
            },
            isHolder: holder,
            categories: rows.prefix(6).enumerated().map { .init(index: $0.offset + 1, name: $0.element.0, yuan: $0.element.1.map(String.init) ?? "") },
            canReviewMidterm: p.isCityTalentOffice && pr.midtermAcceptedAt == nil && pr.reports.contains { $0.kind == "midterm" },
            canReviewCompletion: p.isCityTalentOffice && pr.midtermAcceptedAt != nil && pr.completionReviewedAt == nil
                && pr.reports.contains { $0.kind == "completion" },
            completion: pr.completionResult.map { $0 == "passed" ? v.pick("结项验收通过", "Completion passed") : v.pick("结项验收未通过", "Completion failed") },
            error: error)
        return web.render("programme-project", page, v, title: pr.application.title, status: status)
    }
}

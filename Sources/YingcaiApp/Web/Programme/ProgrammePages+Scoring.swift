import Foundation
import Hummingbird
import ProgrammeRules
import YingcaiCore

/// The reviewer's desk (their own assignments only, to score by the rubric, or to step back from),
/// and the office's reviewer pool.
extension ProgrammePages {
    struct ReviewList: Sendable {
        struct Task: Sendable {
            let href: String
            let year: Int
            let special: String
            let title: String
            let total: String?
        }

        let toScore: [Task]
        let scored: [Task]
        let past: [Task]
        let field: String?
        let employer: String?
    }

    struct ScorePage: Sendable {
        struct Criterion: Sendable {
            let code: String
            let name: String
            let weight: String
            let max: String
            let value: String
        }

        struct Material: Sendable {
            let name: String
            let href: String
        }

        let id: Int64
        let year: Int
        let special: String
        let title: String
        let summary: String
        let field: String
        let applicant: String
        let employer: String
        let team: [String]
        let materials: [Material]
        let open: Bool
        let criteria: [Criterion]
        let comment: String
        let submitted: String?
        let error: String?
    }

    struct ReviewersPage: Sendable {
        struct Reviewer: Sendable {
            let username: String
            let name: String
            let field: String
            let fields: [SelectOption]
            let employer: String
            let maxLoad: Int
            let collaborators: String
        }

        let reviewers: [Reviewer]
        let error: String?
    }

    func addScoring(to table: RouteTable) {
        table.page(.get, "/programme/review") { request, _ in
            try await web.page(request) { v in try await reviewList(v) }
        }
        table.page(.get, "/programme/review/{id}") { request, context in
            try await web.page(request) { v in try await scorePage(v, id: try number(context, "id"), form: nil, error: nil) }
        }
        table.page(.post, "/programme/review/{id}") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let id: Int64 = try number(context, "id")
                return try await Web.redisplaying({ error, status in try await scorePage(v, id: id, form: f, error: error, status: status) }) {
                    if f["action"] == "recuse" {
                        try await programme.recuse(application: id, reason: f["reason"], by: v.user)
                        return Web.redirect("/programme/review")
                    }
                    var scores: [String: Double] = [:]
                    for (key, raw) in f where key.hasPrefix("score.") {
                        let text = raw.trimmingCharacters(in: .whitespaces)
                        guard let value = Double(text) else { throw CoreError.invalid(key, v.pick("请填写分数", "Enter a number")) }
                        scores[String(key.dropFirst("score.".count))] = value
                    }
                    _ = try await programme.score(application: id, scores: scores, comment: f["comment"], by: v.user)
                    return Web.redirect("/programme/review/\(id)")
                }
            }
        }
    }

    func addReviewers(to table: RouteTable) {
        table.page(.get, "/programme/reviewers") { request, _ in
            try await web.page(request) { v in try await reviewersPage(v, error: nil) }
        }
        table.page(.post, "/programme/reviewers/{username}") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let username = context.parameters.get("username") ?? ""
                return try await Web.redisplaying({ error, status in try await reviewersPage(v, error: error, status: status) }) {
                    let current = try await programme.reviewers(by: v.user).first { $0.username == username }
                    var collaborators = current?.collaboratorIds ?? []
                    for (i, person) in ProgrammeWords.identities(f["addCollaborators"]).enumerated() {
                        guard let id = try await app.talents.identify(name: person.name ?? "", idNumber: person.idNumber ?? "") else {
                            throw CoreError.invalid("collaborators", v.pick("第 \(i + 1) 行未找到姓名与证件号相符的已登记人才",
                                                                            "line \(i + 1): no registered talent with that name and number"))
                        }
                        collaborators.append(id)
                    }
                    _ = try await programme.setReviewer(username, ReviewerInput(field: f["field"], employer: f["employer"], collaborators: collaborators,
                                                                               maxLoad: try Web.number(f, "maxLoad")), by: v.user)
                    return Web.redirect("/programme/reviewers")
                }
            }
        }
    }

    func reviewList(_ v: Visit) async throws -> Response {
        let p = v.user
        guard p.has(.reviewer) else { throw CoreError.notFound("reviews") }
        let tasks = try await programme.reviewTasks(by: p)
        let profile = try await programme.reviewerProfile(of: p)
        func task(_ t: ReviewTask) -> ReviewList.Task {
            .init(href: "/programme/review/\(t.application.id)", year: t.application.year, special: v.label(t.application.special),
                  title: t.application.title, total: t.myScore.map { ProgrammeWords.score($0.total) })
        }
        let page = ReviewList(toScore: tasks.filter { $0.open && $0.myScore == nil }.map(task),
                              scored: tasks.filter { $0.open && $0.myScore != nil }.map(task),
                              past: tasks.filter { !$0.open }.map(task),
                              field: profile.map { ProgrammeWords.field($0.field, v) }, employer: profile?.employer)
        return web.render("programme-review", page, v, title: v.t("reviews"))
    }

    func scorePage(_ v: Visit, id: Int64, form: [String: String]?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = v.user
        guard p.has(.reviewer), let task = try await programme.reviewTasks(by: p).first(where: { $0.application.id == id }) else {
            throw CoreError.notFound("application \(id)")
        }
        let a = task.application
        let call = try await programme.call(a.year, by: p)
        let names = Dictionary(uniqueKeysWithValues: (call.settings[a.special]?.materials ?? []).map { ($0.code, $0.name) })
        let page = ScorePage(
            id: id, year: a.year, special: v.label(a.special), title: a.title, summary: a.summary, field: ProgrammeWords.field(a.field, v),
            applicant: a.applicantName, employer: a.employer, team: try await programme.teamNames(of: a),
            materials: try await programme.materials(of: id, by: p).map {
                .init(name: names[$0.code] ?? $0.code, href: "/programme/applications/\(id)/materials/\($0.code)")
            },
            open: task.open,
            criteria: task.rubric.criteria.map { c in
                .init(code: c.code, name: c.name, weight: String(format: "%.0f%%", c.weight * 100), max: String(format: "%g", c.maxScore),
                      value: form?["score.\(c.code)"] ?? task.myScore?.scores[c.code].map { String(format: "%g", $0) } ?? "")
            },
            comment: form?["comment"] ?? task.myScore?.comment ?? "",
            submitted: task.myScore.map { "\(ProgrammeWords.score($0.total)) · \(Formatting.dateTime($0.submittedAt))" }, error: error)
        return web.render("programme-score", page, v, title: a.title, status: status)
    }

    func reviewersPage(_ v: Visit, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let pool = try await programme.reviewers(by: v.user)
        var names: [Int64: String] = [:]
        for id in Set(pool.flatMap(\.collaboratorIds)) {
            names[id] = (try? await app.talents.talent(id, by: v.user))?.name ?? "#\(id)"
        }
        let page = ReviewersPage(
            reviewers: pool.map { r in
                .init(username: r.username, name: r.displayName, field: ProgrammeWords.field(r.field, v), fields: ProgrammeWords.fieldOptions(r.field, v),
                      employer: r.employer, maxLoad: r.maxLoad, collaborators: r.collaboratorIds.map { names[$0] ?? "#\($0)" }.joined(separator: "、"))
            },
            error: error)
        return web.render("programme-reviewers", page, v, title: v.t("reviewerPool"), status: status)
    }
}

import Foundation
import Hummingbird
import ProgrammeRules
import YingcaiCore

/// One application: its facts, materials, the steps open to the reader (recommend, check, return,
/// withdraw, resubmit) with the reason each needs, its history, and for the city office its scores.
extension ProgrammePages {
    struct ApplicationPage: Sendable {
        struct Action: Sendable {
            let name: String
            let label: String
            let needsReason: Bool
        }

        struct Material: Sendable {
            let name: String
            let href: String
        }

        struct Event: Sendable {
            let at: String
            let who: String
            let what: String
            let note: String?
        }

        struct Score: Sendable {
            let reviewer: String
            let total: String
            let normalised: String
            let comment: String
        }

        let id: Int64
        let year: Int
        let specialName: String
        let title: String
        let summary: String
        let field: String
        let applicant: String
        let employer: String
        let district: String
        let state: String
        let stateName: String
        let reason: String?
        let team: [String]
        let place: String?
        let score: String?
        let materials: [Material]
        let actions: [Action]
        let timeline: [Event]
        let scores: [Score]
        let error: String?
    }

    func addApplications(to table: RouteTable) {
        table.page(.get, "/programme/applications/{id}") { request, context in
            try await web.page(request) { v in try await applicationPage(v, id: try number(context, "id"), error: nil) }
        }
        table.page(.post, "/programme/applications/{id}") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let id: Int64 = try number(context, "id")
                return try await Web.redisplaying({ error, status in try await applicationPage(v, id: id, error: error, status: status) }) {
                    let action = f["action"] ?? ""
                    guard ApplicationAction.allNames.contains(action), !["select", "not-select"].contains(action) else {
                        throw CoreError.notFound("action")
                    }
                    _ = try await programme.act(onApplication: id, action, reason: f["reason"], by: v.user)
                    return Web.redirect("/programme/applications/\(id)")
                }
            }
        }
        table.page(.get, "/programme/applications/{id}/materials/{code}") { request, context in
            try await web.page(request) { v in
                let (upload, data) = try await programme.material(try number(context, "id"), code: context.parameters.get("code") ?? "", by: v.user)
                return UploadsController.download(upload, data)
            }
        }
    }

    func applicationPage(_ v: Visit, id: Int64, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = v.user
        let a = try await programme.application(id, by: p)
        let tree = try await app.orgs.tree()
        let call = try await programme.call(a.year, by: p)
        let names = Dictionary(uniqueKeysWithValues: (call.settings[a.special]?.materials ?? []).map { ($0.code, $0.name) })
        let office = p.isCityTalentOffice
        let scores = office && a.rawScore != nil ? try await programme.scores(of: id, by: p) : []
        let page = ApplicationPage(
            id: a.id, year: a.year, specialName: v.label(a.special), title: a.title, summary: a.summary, field: ProgrammeWords.field(a.field, v),
            applicant: a.applicantName, employer: a.employer, district: v.orgName(a.districtCode, tree), state: a.state.rawValue,
            stateName: v.label(a.state), reason: a.rules.returnReason ?? a.rules.closingReason, team: try await programme.teamNames(of: a),
            place: office ? a.place.map(String.init) : nil, score: office ? a.score.map { ProgrammeWords.score($0) } : nil,
            materials: try await programme.materials(of: id, by: p).map {
                .init(name: names[$0.code] ?? $0.code, href: "/programme/applications/\(id)/materials/\($0.code)")
            },
            actions: try await programme.availableActions(a, by: p).filter { !["select", "not-select"].contains($0) }.map {
                .init(name: $0, label: ProgrammeWords.action($0, v), needsReason: ProgrammeWords.needsReason.contains($0))
            },
            timeline: try await programme.events("application", id).map {
                .init(at: Formatting.dateTime($0.at), who: $0.actorName, what: ProgrammeWords.action($0.action, v), note: $0.note)
            },
            scores: scores.map {
                .init(reviewer: $0.reviewerName, total: ProgrammeWords.score($0.total), normalised: ProgrammeWords.score($0.normalised), comment: $0.comment)
            },
            error: error)
        return web.render("programme-application", page, v, title: a.title, status: status)
    }
}

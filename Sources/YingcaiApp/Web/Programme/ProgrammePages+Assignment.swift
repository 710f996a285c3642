import Foundation
import Hummingbird
import ProgrammeRules
import YingcaiCore

/// The city office's review desk: the optimal assignment with its conflicts and swaps, the ranking
/// with the reviewers' scores and comments and the committee's tie, and the reviewer pool.
extension ProgrammePages {
    struct AssignmentPage: Sendable {
        struct Reviewer: Sendable {
            let username: String
            let affinity: Int
            let scored: Bool
        }

        struct Entry: Sendable {
            let id: Int64
            let title: String
            let special: String
            let needed: Int
            let short: Bool
            let reviewers: [Reviewer]
            let replaceable: [SelectOption]
        }

        struct Conflict: Sendable {
            let id: Int64
            let title: String
            let reviewer: String
            let cause: String
            let detail: String
        }

        let year: Int
        let stateName: String
        let canAssign: Bool
        let totalAffinity: Int
        let entries: [Entry]
        let conflicts: [Conflict]
        let pool: [SelectOption]
        let error: String?
    }

    struct RankingPage: Sendable {
        struct Score: Sendable {
            let reviewer: String
            let total: String
            let normalised: String
            let comment: String
        }

        struct Row: Sendable {
            let id: Int64
            let place: String
            let applicant: String
            let employer: String
            let title: String
            let raw: String
            let score: String
            let stateName: String
            let tied: Bool
            let scores: [Score]
        }

        let year: Int
        let special: String
        let tabs: [TabLink]
        let quota: Int
        let placesLeft: Int?
        let canRank: Bool
        let rows: [Row]
        let error: String?
    }

    func addReview(to table: RouteTable) {
        table.page(.get, "/programme/calls/{year}/assignment") { request, context in
            try await web.page(request) { v in try await assignmentPage(v, year: try number(context, "year"), error: nil) }
        }
        table.page(.post, "/programme/calls/{year}/assignment") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let year: Int = try number(context, "year")
                return try await Web.redisplaying({ error, status in try await assignmentPage(v, year: year, error: error, status: status) }) {
                    if let application = try Web.number(f, "application", as: Int64.self) {
                        let pool = try await programme.reviewers(by: v.user)
                        guard let out = pool.first(where: { $0.username == f["replace"] }), let into = pool.first(where: { $0.username == f["with"] }) else {
                            throw CoreError.invalid("with", v.pick("请选择换下与换上的专家", "Choose the reviewer to take off and the one to put on"))
                        }
                        _ = try await programme.swap(application: application, replacing: out.userId, with: into.userId, reason: f["reason"], by: v.user)
                    } else {
                        _ = try await programme.assign(year, by: v.user)
                    }
                    return Web.redirect("/programme/calls/\(year)/assignment")
                }
            }
        }
        table.page(.get, "/programme/calls/{year}/ranking") { request, context in
            try await web.page(request) { v in
                try await rankingPage(v, year: try number(context, "year"), special: request.uri.queryParameters.get("special"), error: nil)
            }
        }
        table.page(.get, "/programme/calls/{year}/ranking.csv") { request, context in
            try await web.page(request) { v in
                let year: Int = try number(context, "year")
                let special = request.uri.queryParameters.get("special") ?? ""
                let (text, _) = try await programme.rankingCSV(year, special: special, by: v.user)
                return Response(status: .ok, headers: [
                    .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                    .contentDisposition: "attachment; filename=\"programme-\(year)-\(special.filter { $0.isLetter || $0 == "_" }).csv\"",
                ], body: .init(byteBuffer: ByteBuffer(string: text)))
            }
        }
        table.page(.post, "/programme/calls/{year}/ranking") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let year: Int = try number(context, "year")
                let special = f["special"] ?? ""
                return try await Web.redisplaying({ error, status in try await rankingPage(v, year: year, special: special, error: error, status: status) }) {
                    if f["action"] == "rank" {
                        _ = try await programme.act(onCall: year, "rank", by: v.user)
                    } else {
                        let chosen = (f["selected"] ?? "").split(separator: ",").compactMap { Int64($0) }
                        _ = try await programme.decideTie(year, special: special, selected: chosen, by: v.user)
                    }
                    return Web.redirect("/programme/calls/\(year)/ranking?special=\(special)")
                }
            }
        }
        addReviewers(to: table)
        addScoring(to: table)
    }

    func assignmentPage(_ v: Visit, year: Int, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = v.user
        let call = try await programme.call(year, by: p)
        let view = try await programme.assignment(year, by: p)
        let pool = try await programme.reviewers(by: p)
        let byId = Dictionary(uniqueKeysWithValues: view.entries.map { ($0.application.id, $0.application.title) })
        let usernames = Dictionary(uniqueKeysWithValues: pool.map { ($0.userId, "\($0.displayName)（\($0.username)）") })
        let page = AssignmentPage(
            year: year, stateName: v.label(call.rules.state), canAssign: call.rules.state == .inReview && p.isCityTalentOffice,
            totalAffinity: view.totalAffinity,
            entries: view.entries.map { e in
                .init(id: e.application.id, title: e.application.title, special: v.label(e.application.special), needed: e.needed,
                      short: e.reviewers.count < e.needed,
                      reviewers: e.reviewers.map { .init(username: $0.username, affinity: $0.affinity, scored: $0.scored) },
                      replaceable: e.reviewers.filter { !$0.scored }.map { .init(value: $0.username, label: $0.username, selected: false) })
            },
            conflicts: view.conflicts.map {
                .init(id: $0.applicationId, title: byId[$0.applicationId] ?? String($0.applicationId), reviewer: usernames[$0.reviewerId] ?? String($0.reviewerId),
                      cause: v.label($0.cause), detail: $0.detail)
            },
            pool: pool.map { .init(value: $0.username, label: "\($0.displayName)（\($0.username)）· \(ProgrammeWords.field($0.field, v))", selected: false) },
            error: error)
        return web.render("programme-assignment", page, v, title: "\(year) \(v.t("assignment"))", status: status)
    }

    func rankingPage(_ v: Visit, year: Int, special code: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = v.user
        let call = try await programme.call(year, by: p)
        let run = Special.allCases.filter { call.rules.specials[$0] != nil }
        guard let special = code.flatMap(Special.init(rawValue:)) ?? run.first else { throw CoreError.notFound("special") }
        let ranking = try await programme.ranking(year, special: special.rawValue, by: p)
        let page = RankingPage(
            year: year, special: special.rawValue,
            tabs: run.map { .init(href: "/programme/calls/\(year)/ranking?special=\($0.rawValue)", label: v.label($0), current: $0 == special) },
            quota: ranking.quota, placesLeft: ranking.placesLeftForTie,
            canRank: call.rules.state == .inReview && p.isCityTalentOffice,
            rows: ranking.rows.map { r in
                let a = r.application
                return .init(id: a.id, place: a.place.map(String.init) ?? "—", applicant: a.applicantName, employer: a.employer, title: a.title,
                             raw: ProgrammeWords.score(a.rawScore), score: ProgrammeWords.score(a.score), stateName: v.label(a.state), tied: a.tied,
                             scores: r.scores.map {
                                 .init(reviewer: $0.reviewerName, total: ProgrammeWords.score($0.total),
                                       normalised: ProgrammeWords.score($0.normalised), comment: $0.comment)
                             })
            },
            error: error)
        return web.render("programme-ranking", page, v, title: "\(year) \(v.t("ranking"))", status: status)
    }
}

import Foundation
import Hummingbird
import ProgrammeRules
import YingcaiCore

/// 重庆英才计划 in the console. A talent sees the open calls with what they may apply for (and why
/// not), applies with the materials, and follows their applications and projects; the talent
/// offices work the applications; a reviewer scores; the public reads the notice. Each part reads
/// through the programme's use cases, so the pages show exactly what the API allows.
struct ProgrammePages {
    let web: Web
    var app: Yingcai { web.app }
    var programme: Programme { app.programme }

    struct Home: Sendable {
        struct Call: Sendable {
            let year: Int
            let closes: String
            let applied: Bool
            let specials: [Special]
        }

        struct Special: Sendable {
            let name: String
            let lumpSum: String
            let eligible: Bool
            let reason: String
            let href: String
        }

        struct Application: Sendable {
            let href: String
            let year: Int
            let special: String
            let title: String
            let stateName: String
        }

        struct Project: Sendable {
            let href: String
            let title: String
            let budget: String
            let paid: String
            let next: String
        }

        let calls: [Call]
        let applications: [Application]
        let projects: [Project]
    }

    func add(to table: RouteTable) {
        table.page(.get, "/programme") { request, _ in
            try await web.page(request) { v in try await home(v) }
        }
        table.page(.get, "/programme/apply/{year}/{special}") { request, context in
            try await web.page(request) { v in
                try await applyPage(v, year: try number(context, "year"), special: context.parameters.get("special") ?? "", form: [:], error: nil)
            }
        }
        table.page(.post, "/programme/apply/{year}/{special}") { request, context in
            try await web.page(request) { v in
                try await apply(request, v, year: try number(context, "year"), special: context.parameters.get("special") ?? "")
            }
        }
        addApplications(to: table)
        addOffice(to: table)
        addReview(to: table)
        addProjects(to: table)
        addNotice(to: table)
    }

    func number<T: FixedWidthInteger>(_ context: AppContext, _ name: String) throws -> T {
        guard let value = context.parameters.get(name, as: T.self) else { throw CoreError.notFound(name) }
        return value
    }

    /// The programme's page for each role: a talent's own, the offices', the reviewer's.
    func home(_ v: Visit) async throws -> Response {
        let p = v.user
        if !p.has(.talent) {
            if v.readsProgramme { return Web.redirect("/programme/office") }
            if p.has(.reviewer) { return Web.redirect("/programme/review") }
            throw CoreError.notFound("programme")
        }
        guard let talentId = p.talentId else { throw CoreError.notFound("programme") }
        let mine = try await programme.applications(.init(limit: 200), by: p)
        var calls: [Home.Call] = []
        for call in try await programme.calls(by: p) where call.rules.state == .open {
            let applied = mine.contains { $0.year == call.year && ![.withdrawn, .rejected].contains($0.state) }
            var specials: [Home.Special] = []
            for s in Special.allCases {
                guard let config = call.rules.specials[s] else { continue }
                let check = try await programme.eligibility(call.year, special: s.rawValue, talent: talentId)
                specials.append(.init(name: v.label(s), lumpSum: Formatting.yuan(config.lumpSumYuan), eligible: check.holds,
                                      reason: v.english ? check.reasonEn : check.reason, href: "/programme/apply/\(call.year)/\(s.rawValue)"))
            }
            calls.append(.init(year: call.year, closes: call.rules.dates.close.description, applied: applied, specials: specials))
        }
        let projects = try await programme.projects(by: p)
        let page = Home(
            calls: calls,
            applications: mine.sorted { $0.id > $1.id }.map {
                .init(href: "/programme/applications/\($0.id)", year: $0.year, special: v.label($0.special), title: $0.title, stateName: v.label($0.state))
            },
            projects: projects.map { pr in
                let next = pr.tranches.first { $0.payoutState != .paid }
                return .init(href: "/programme/projects/\(pr.application.id)", title: pr.application.title, budget: Formatting.yuan(pr.budgetYuan),
                             paid: Formatting.yuan(pr.paidYuan), next: next.map { v.label($0.stage) } ?? v.t("done"))
            })
        return web.render("programme", page, v, title: v.t("programmeTitle"))
    }

    struct ApplyPage: Sendable {
        struct Material: Sendable {
            let code: String
            let name: String
            let required: Bool
        }

        struct Exclusion: Sendable {
            let index: Int
            let reviewer: String
            let reason: String
        }

        let year: Int
        let special: String
        let specialName: String
        let lumpSum: String
        let eligible: Bool
        let reason: String
        let isTeam: Bool
        let fields: [SelectOption]
        let materials: [Material]
        let exclusions: [Exclusion]
        let title: String
        let summary: String
        let members: String
        let once: String
        let error: String?
    }

    func applyPage(_ v: Visit, year: Int, special code: String, form: [String: String], error: String?,
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = v.user
        guard p.has(.talent), let talentId = p.talentId, let special = Special(rawValue: code) else { throw CoreError.notFound("special") }
        let call = try await programme.call(year, by: p)
        guard let config = call.rules.specials[special], let settings = call.settings[special] else { throw CoreError.notFound("special") }
        let check = try await programme.eligibility(year, special: code, talent: talentId)
        let page = ApplyPage(
            year: year, special: code, specialName: v.label(special), lumpSum: Formatting.yuan(config.lumpSumYuan), eligible: check.holds,
            reason: v.english ? check.reasonEn : check.reason, isTeam: special.isTeam,
            fields: [SelectOption(value: "", label: "—", selected: (form["field"] ?? "").isEmpty)] + ProgrammeWords.fieldOptions(form["field"] ?? "", v),
            materials: settings.materials.map { .init(code: $0.code, name: $0.name, required: $0.required) },
            exclusions: (1...3).map { .init(index: $0, reviewer: form["exclude\($0)"] ?? "", reason: form["excludeReason\($0)"] ?? "") },
            title: form["title"] ?? "", summary: form["summary"] ?? "", members: form["members"] ?? "",
            once: UUID().uuidString, error: error)
        return web.render("programme-apply", page, v, title: "\(year) \(v.label(special))", status: status)
    }

    /// Applying from the page: the files are stored, then the application made once however often
    /// the form is sent (a double click, a reload).
    func apply(_ request: Request, _ v: Visit, year: Int, special: String) async throws -> Response {
        let p = v.user
        let received = try await web.multipart(request, v)
        defer { received.discard() }
        let (fields, files) = (received.fields, received.files)
        let once = fields["_once"].flatMap { $0.isEmpty ? nil : "page:" + $0 }
        let fingerprint = Array("programme-apply:\(year):\(special)".utf8)
        if let once, let earlier = try await app.idempotency.earlierAnswer(userId: p.userId, key: once, request: fingerprint) {
            return Web.redirect("/programme/applications/\(earlier.body)")
        }
        return try await Web.redisplaying({ error, status in
            try await applyPage(v, year: year, special: special, form: fields, error: error, status: status)
        }) {
            let call = try await programme.call(year, by: p)
            var materials: [String: String] = [:]
            for m in Special(rawValue: special).flatMap({ call.settings[$0] })?.materials ?? [] {
                if let file = files["material.\(m.code)"] {
                    materials[m.code] = try await app.uploads.adopt(file, by: p).id
                }
            }
            let exclusions = (1...3).compactMap { i -> NewApplication.ExclusionInput? in
                let who = (fields["exclude\(i)"] ?? "").trimmingCharacters(in: .whitespaces)
                return who.isEmpty ? nil : .init(reviewer: who, reason: fields["excludeReason\(i)"])
            }
            let identities = ProgrammeWords.identities(fields["members"])
            let input = NewApplication(special: special, title: fields["title"], summary: fields["summary"], field: fields["field"],
                                       teamMemberIdentities: identities.isEmpty ? nil : identities, exclusions: exclusions, materials: materials)
            let answer = try await app.idempotency.once(userId: p.userId, key: once, request: fingerprint) { _ in
                (201, String(try await programme.apply(year, input, by: p).id))
            }
            return Web.redirect("/programme/applications/\(answer.body)")
        }
    }
}

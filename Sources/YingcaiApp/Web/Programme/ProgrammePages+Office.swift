import Foundation
import Hummingbird
import ProgrammeRules
import WorkCalendar
import YingcaiCore

/// The talent offices' pages: the applications by step (a district recommends its own; the city
/// checks form), the calls with their next step, and a call's configuration and figures.
extension ProgrammePages {
    struct OfficePage: Sendable {
        struct Call: Sendable {
            let year: Int
            let stateName: String
            let href: String
        }

        struct Row: Sendable {
            let href: String
            let year: Int
            let special: String
            let applicant: String
            let employer: String
            let district: String
            let title: String
            let stateName: String
        }

        let isCity: Bool
        let calls: [Call]
        let newYear: Int
        let tabs: [TabLink]
        let rows: [Row]
    }

    /// The tabs of the office's list, the step each office works first leading.
    static func officeStates(city: Bool) -> [ApplicationState?] {
        city ? [.recommended, .returned, .inReview, .selected, .submitted, nil] : [.submitted, .returned, .recommended, .inReview, .selected, nil]
    }

    func addOffice(to table: RouteTable) {
        table.page(.get, "/programme/office") { request, _ in
            try await web.page(request) { v in
                guard v.readsProgramme else { throw CoreError.notFound("programme office") }
                return try await officePage(v, state: request.uri.queryParameters.get("state"))
            }
        }
        table.page(.post, "/programme/calls") { request, _ in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let year = try Web.number(f, "year", as: Int.self) ?? 0
                return try await Web.redisplaying({ error, status in try await callPage(v, year: year, error: error, status: status) }) {
                    _ = try await programme.createCall(CallInput(year: year, open: f["open"], close: f["close"], review: f["review"], notice: f["notice"]),
                                                       by: v.user)
                    return Web.redirect("/programme/calls/\(year)")
                }
            }
        }
        table.page(.get, "/programme/calls/{year}") { request, context in
            try await web.page(request) { v in try await callPage(v, year: try number(context, "year"), error: nil) }
        }
        table.page(.post, "/programme/calls/{year}") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let year: Int = try number(context, "year")
                return try await Web.redisplaying({ error, status in try await callPage(v, year: year, error: error, status: status) }) {
                    if let action = f["action"], !action.isEmpty {
                        _ = try await programme.act(onCall: year, action, by: v.user)
                    } else {
                        _ = try await programme.updateCall(year, try callInput(f), by: v.user)
                    }
                    return Web.redirect("/programme/calls/\(year)")
                }
            }
        }
    }

    /// A draft call's form as the core's input: dates, and per special whether it runs, its places,
    /// reviewers each, lump sum and condition.
    func callInput(_ f: [String: String]) throws -> CallInput {
        var specials: [String: CallInput.SpecialInput] = [:]
        for s in Special.allCases {
            let k = s.rawValue
            specials[k] = .init(run: f["\(k).run"] == "on", quota: try Web.number(f, "\(k).quota"),
                                reviewersPerApplication: try Web.number(f, "\(k).reviewers"), lumpSumYuan: try Web.number(f, "\(k).lumpSum"),
                                eligibility: f["\(k).eligibility"])
        }
        return CallInput(open: f["open"], close: f["close"], review: f["review"], notice: f["notice"], specials: specials)
    }

    func officePage(_ v: Visit, state: String?) async throws -> Response {
        let p = v.user
        let city = p.talentOfficeDistrict == nil
        let states = Self.officeStates(city: city)
        let current = state == "all" ? nil : ApplicationState(rawValue: state ?? "") ?? states[0]
        let tree = try await app.orgs.tree()
        let calls = try await programme.calls(by: p)
        let rows = try await programme.applications(.init(state: current?.rawValue, limit: 500), by: p)
        let page = OfficePage(
            isCity: p.isCityTalentOffice,
            calls: calls.map { .init(year: $0.year, stateName: v.label($0.rules.state), href: "/programme/calls/\($0.year)") },
            newYear: (calls.map(\.year).max() ?? app.clock.today.year - 1) + 1,
            tabs: states.map { s in
                .init(href: "/programme/office?state=\(s?.rawValue ?? "all")", label: s.map { v.label($0) } ?? v.t("all"), current: s == current)
            },
            rows: rows.sorted { ($0.year, $0.id) > ($1.year, $1.id) }.map {
                .init(href: "/programme/applications/\($0.id)", year: $0.year, special: v.label($0.special), applicant: $0.applicantName,
                      employer: $0.employer, district: v.orgName($0.districtCode, tree), title: $0.title, stateName: v.label($0.state))
            })
        return web.render("programme-office", page, v, title: v.t("programmeOffice"))
    }

    struct CallPage: Sendable {
        struct Special: Sendable {
            let code: String
            let name: String
            let runs: Bool
            let quota: Int
            let reviewers: Int
            let lumpSum: Int64
            let lumpSumText: String
            let eligibility: String
            let materials: String
            let applications: Int
            let selected: Int
            let budget: String
            let paid: String
        }

        struct Action: Sendable {
            let name: String
            let label: String
        }

        let year: Int
        let state: String
        let stateName: String
        let open: String
        let close: String
        let review: String
        let notice: String
        let noticePeriod: String?
        let specials: [Special]
        let editable: Bool
        let canAct: Bool
        let actions: [Action]
        let applications: Int
        let selected: Int
        let budget: String
        let paid: String
        let error: String?
    }

    /// The step a call in `state` takes next.
    static func nextAction(_ state: CallState) -> CallAction? {
        switch state {
        case .draft: .publish
        case .open: .close
        case .closed: .startReview
        case .inReview: .rank
        case .ranked: .startNotice
        case .inNotice: .finalise
        case .final: nil
        }
    }

    func callPage(_ v: Visit, year: Int, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = v.user
        guard v.readsProgramme else { throw CoreError.notFound("call") }
        let call = try await programme.call(year, by: p)
        let figures = try await programme.figures(year)
        let calendar = try await app.calendars.calendar()
        let notice = call.rules.noticeStartedOn.map { PublicNotice(startingOn: $0, calendar: calendar) }
        let page = CallPage(
            year: year, state: call.rules.state.rawValue, stateName: v.label(call.rules.state),
            open: call.rules.dates.open.description, close: call.rules.dates.close.description,
            review: call.rules.dates.review.description, notice: call.rules.dates.notice.description,
            noticePeriod: notice.map { "\($0.start) – \($0.end)" },
            specials: Special.allCases.map { s in
                let config = call.rules.specials[s] ?? ProgrammeDefaults.specials[s]!
                let settings = call.settings[s] ?? ProgrammeDefaults.settings[s]!
                let line = figures.lines.first { $0.special == s }
                return .init(code: s.rawValue, name: v.label(s), runs: call.rules.specials[s] != nil, quota: config.quota,
                             reviewers: config.reviewersPerApplication, lumpSum: config.lumpSumYuan, lumpSumText: Formatting.yuan(config.lumpSumYuan),
                             eligibility: settings.eligibility, materials: settings.materials.map(\.name).joined(separator: "、"),
                             applications: line?.applications ?? 0, selected: line?.selected ?? 0,
                             budget: Formatting.yuan(line?.budgetYuan ?? 0), paid: Formatting.yuan(line?.paidYuan ?? 0))
            },
            editable: call.rules.state == .draft && p.isCityTalentOffice, canAct: p.isCityTalentOffice,
            actions: Self.nextAction(call.rules.state).map { [.init(name: $0.rawValue, label: ProgrammeWords.action($0.rawValue, v))] } ?? [],
            applications: figures.applications, selected: figures.selected,
            budget: Formatting.yuan(figures.budgetYuan), paid: Formatting.yuan(figures.paidYuan), error: error)
        return web.render("programme-call", page, v, title: "\(year) \(v.t("programmeTitle"))", status: status)
    }
}

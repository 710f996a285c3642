import Foundation
import Hummingbird
import Identity
import YingcaiCore

/// 人才库 for admins and butlers: find a talent, see their record, act on their card, certify them.
struct TalentAdminPages {
    let web: Web
    var app: Yingcai { web.app }

    func add(to table: RouteTable) {
        table.page(.get, "/admin/talents") { request, _ in
            try await web.page(request) { v in
                let p = v.user
                guard p.hasAny(.admin, .butler) else { throw CoreError.forbidden(v.t("forbidden")) }
                let tree = try await app.orgs.tree()
                let q = (request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespaces)
                let found = try await app.talents.search(TalentQuery(q: q.isEmpty ? nil : q, limit: 50), by: p)
                let page = TalentsPage(q: q, talents: found.items.map { t in
                    .init(id: t.id, name: t.name, idNumber: t.idNumber, tier: t.tier?.rawValue ?? "—",
                          district: v.orgName(t.districtCode, tree), phone: t.phone ?? "—")
                })
                return web.render("talents", page, v, title: v.t("talents"))
            }
        }
        table.page(.get, "/admin/talents/{id}") { request, context in
            try await web.page(request) { v in try await talentPage(v, id: context.parameters.get("id", as: Int64.self) ?? 0, error: nil) }
        }
        table.page(.post, "/admin/talents/{id}/card") { request, context in
            try await web.page(request) { v in
                let id = context.parameters.get("id", as: Int64.self) ?? 0
                let f = try await web.form(request, v)
                guard let action = f["action"].flatMap(Identity.CardAction.init(rawValue:)) else { throw CoreError.notFound("action") }
                return try await Web.redisplaying({ error, status in try await talentPage(v, id: id, error: error, status: status) }) {
                    _ = try await app.cards.act(action, talentId: id, reason: f["reason"], by: v.user)
                    return Web.redirect("/admin/talents/\(id)")
                }
            }
        }
        table.page(.post, "/admin/talents/{id}/certify") { request, context in
            try await web.page(request) { v in
                let id = context.parameters.get("id", as: Int64.self) ?? 0
                let f = try await web.form(request, v)
                return try await Web.redisplaying({ error, status in try await talentPage(v, id: id, error: error, status: status) }) {
                    _ = try await app.db.transaction { db in
                        try await app.talents.certify(id, .init(tier: f["tier"], validUntil: f["validUntil"], basis: f["basis"]), by: v.user, on: db)
                    }
                    return Web.redirect("/admin/talents/\(id)")
                }
            }
        }
    }

    func talentPage(_ v: Visit, id: Int64, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = v.user
        guard p.hasAny(.admin, .butler) else { throw CoreError.forbidden(v.t("forbidden")) }
        let talent = try await app.talents.talent(id, by: p)
        let tree = try await app.orgs.tree()
        let card = try await app.cards.card(ofTalent: id, by: p)
        var actions: [(Identity.CardAction, String)] = []
        if p.has(.admin) {
            switch card?.status {
            case .active?: actions = [(.suspend, "cardSuspend"), (.revoke, "cardRevoke"), (.renew, "cardRenew")]
            case .suspended?: actions = [(.resume, "cardResume"), (.revoke, "cardRevoke")]
            case .expired?: actions = [(.revoke, "cardRevoke"), (.renew, "cardRenew")]
            case .revoked?, nil: actions = [(.renew, "cardRenew")]
            }
        }
        let page = TalentPage(
            talent: .init(id: talent.id, name: talent.name, idNumber: talent.idNumber, phone: talent.phone ?? "—",
                          tier: talent.tier?.rawValue ?? "—", tierValidUntil: talent.tierValidUntil?.description ?? "—",
                          district: v.orgName(talent.districtCode, tree), employer: talent.employer, education: v.label(talent.education)),
            card: card.map { .init(number: $0.number, status: $0.status.rawValue, statusName: v.label($0.status),
                                   validUntil: $0.validUntil.description, statusReason: $0.statusReason) },
            cardActions: actions.map { .init(name: $0.0.rawValue, label: v.t($0.1), needsReason: $0.0 == .suspend || $0.0 == .revoke) },
            tiers: p.has(.admin) ? Tier.allCases.map(\.rawValue) : [],
            certifications: try await app.talents.certifications(of: id, by: p).map {
                .init(tier: $0.tier.rawValue, validFrom: $0.validFrom.description, validUntil: $0.validUntil.description, basis: $0.basis)
            },
            verifications: try await app.codes.verifications(ofTalent: id, by: p, limit: 20).map {
                .init(at: Formatting.dateTime($0.at), org: v.orgName($0.verifierOrg, tree), result: $0.valid ? v.t("valid") : ($0.reason ?? ""))
            },
            error: error)
        return web.render("talent", page, v, title: talent.name, status: status)
    }
}

import Foundation
import Hummingbird
import QRCode
import YingcaiCore

/// The talent's portal, their live code as a QR image, and confirming a payout (意愿确认).
struct PortalPages {
    let web: Web
    var app: Yingcai { web.app }

    func add(to table: RouteTable) {
        table.page(.get, "/portal") { request, _ in
            try await web.page(request) { v in try await portal(v) }
        }
        table.page(.get, "/portal/code.svg") { request, _ in
            try await web.page(request) { v in
                let code = try await app.codes.issue(for: v.user)
                let svg = try QRCode(text: code.token).svg(moduleSize: 4, quietZone: 4, title: v.t("talentCode"))
                return Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: svg)))
            }
        }
        table.page(.post, "/portal/wechat/code") { request, _ in
            try await web.page(request) { v in
                _ = try await web.form(request, v)
                _ = try await app.wechat.newBindingCode(for: v.user)
                return Web.redirect("/portal#wechat")
            }
        }
        table.page(.post, "/portal/wechat/unbind") { request, _ in
            try await web.page(request) { v in
                _ = try await web.form(request, v)
                try await app.wechat.unbind(v.user)
                return Web.redirect("/portal#wechat")
            }
        }
        table.page(.post, "/portal/payouts/{id}/confirm") { request, context in
            try await web.page(request) { v in
                _ = try await web.form(request, v)
                guard let id = context.parameters.get("id", as: Int64.self) else { throw CoreError.notFound("payout") }
                let payout = try await app.payouts.confirm(id, by: v.user)
                return Web.redirect(payout.workOrderId.map { "/orders/\($0)" } ?? "/portal")
            }
        }
    }

    func portal(_ v: Visit) async throws -> Response {
        let p = v.user
        guard p.has(.talent), let talentId = p.talentId else { throw CoreError.notFound("portal") }
        let talent = try await app.talents.talent(talentId, by: p)
        let tree = try await app.orgs.tree()
        let card = try await app.cards.card(ofTalent: talentId, by: p)
        var codeReason: String?
        do {
            try await app.codes.checkCanShowCode(p)
        } catch let CoreError.conflict(message) {
            codeReason = message
        }
        let butler = try await app.talents.butlerOf(talentId)
        let open = try await app.workOrders.list(WorkOrderQuery(unfinished: true, talentId: talentId, limit: 50), by: p).items
        let (met, missed) = try await app.policyEngine.forTalent(p)
        let applications = try await app.programme.applications(.init(limit: 50), by: p)
        let projects = try await app.programme.projects(by: p)
        let wechat = try await wechatCard(v)
        let page = PortalPage(
            talent: .init(tier: talent.tier?.rawValue ?? "-",
                          tierLabel: talent.tier.map { v.pick("\($0.rawValue) 类人才", "Tier \($0.rawValue)") } ?? v.pick("未认定", "Not certified"),
                          talentName: talent.name, districtName: v.orgName(talent.districtCode, tree)),
            card: card.map { .init(number: $0.number, statusName: v.label($0.status), validUntil: $0.validUntil.description) },
            codeAvailable: codeReason == nil, codeReason: codeReason,
            butler: butler.map { .init(name: $0.name, phone: $0.phone) },
            orders: open.map { OrderRow($0, tree, v) },
            eligible: met.map { m in
                .init(name: m.name, amount: Formatting.yuan(m.amount), periodName: m.periodLabel,
                      payoutStateName: m.payoutState.flatMap(PayoutState.init(rawValue:)).map(v.label) ?? "—",
                      payoutId: m.payoutId, canConfirm: m.payoutState == PayoutState.proposed.rawValue)
            },
            missed: missed.map { .init(name: $0.name, missing: v.english ? $0.missingEn : $0.missing) },
            programme: projects.map { pr in
                .init(href: "/programme/projects/\(pr.application.id)", text: "\(pr.application.year) · \(pr.application.title)",
                      stateName: v.pick("已拨付 \(Formatting.yuan(pr.paidYuan)) / \(Formatting.yuan(pr.budgetYuan)) 元",
                                        "Paid \(Formatting.yuan(pr.paidYuan)) of \(Formatting.yuan(pr.budgetYuan)) yuan"))
            } + applications.filter { a in !projects.contains { $0.application.id == a.id } }.sorted { $0.id > $1.id }.map {
                .init(href: "/programme/applications/\($0.id)", text: "\($0.year) · \(v.label($0.special)) · \($0.title)", stateName: v.label($0.state))
            },
            wechat: wechat)
        return web.render("portal", page, v, title: v.pick("我的英才服务", "My talent services"))
    }

    func wechatCard(_ v: Visit) async throws -> PortalPage.WeChat? {
        guard let account = app.wechat.account else { return nil }
        let status = try await app.wechat.binding(of: v.user)
        let code = status.pendingCode
        return .init(
            title: v.pick("微信公众号", "WeChat"), account: account.name, bound: status.isBound,
            status: status.openidMasked.map { masked in
                v.pick("已绑定微信 \(masked)（\(status.boundAt.map(Formatting.dateTime) ?? "")）：在公众号里的咨询记入您的账号，办结时通知您。",
                       "Bound to WeChat \(masked) (\(status.boundAt.map(Formatting.dateTime) ?? "")): your messages there are yours, and you hear when they are resolved.")
            } ?? v.pick("未绑定。在「\(account.name)」公众号发送绑定码，即可在微信里咨询、查询和补充您的工单。",
                        "Not bound. Send a code in the \(account.name) account to ask, follow and add to your orders in WeChat."),
            code: code?.code,
            instructions: code.map { c in
                v.pick("在公众号发送：绑定 \(c.code)（\(Formatting.dateTime(c.expiresAt)) 前有效，只能用一次）",
                       "Send 绑定 \(c.code) in the chat (valid until \(Formatting.dateTime(c.expiresAt)), once)")
            },
            button: status.isBound ? v.pick("换绑：获取新绑定码", "Bind another: new code") : v.pick("获取绑定码", "Get a binding code"),
            unbind: v.pick("解除绑定", "Unbind"))
    }
}

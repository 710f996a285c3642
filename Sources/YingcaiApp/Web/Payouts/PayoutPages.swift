import Foundation
import Hummingbird
import YingcaiCore

/// 免申即享发放: the payouts of the user's department by state — confirmed by the talent and waiting
/// for approval, approved and waiting for payment — with approve, pay (with the payment reference)
/// and decline. Each payout is a work order of the department as well; both pages link to each other.
struct PayoutPages {
    let web: Web
    var app: Yingcai { web.app }

    struct Page: Sendable {
        struct Row: Sendable {
            let id: Int64
            let policy: String
            let period: String
            let amount: String
            let stateName: String
            let orderId: Int64?
            let canApprove: Bool
            let canPay: Bool
            let canDecline: Bool
            let reference: String?
        }

        let tabs: [TabLink]
        let payouts: [Row]
        let error: String?
    }

    func add(to table: RouteTable) {
        table.page(.get, "/payouts") { request, _ in
            try await web.page(request) { v in
                try await payoutsPage(v, state: request.uri.queryParameters.get("state").flatMap(PayoutState.init(rawValue:)) ?? .confirmed, error: nil)
            }
        }
        table.page(.post, "/payouts/{id}") { request, context in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                guard let id = context.parameters.get("id", as: Int64.self) else { throw CoreError.notFound("payout") }
                let state = PayoutState(rawValue: f["state"] ?? "") ?? .confirmed
                return try await Web.redisplaying({ error, status in try await payoutsPage(v, state: state, error: error, status: status) }) {
                    switch f["action"] {
                    case "approve": _ = try await app.payouts.approve(id, by: v.user)
                    case "pay": _ = try await app.payouts.pay(id, reference: f["paymentReference"], by: v.user)
                    case "decline": _ = try await app.payouts.decline(id, reason: f["reason"], by: v.user)
                    default: throw CoreError.notFound("action")
                    }
                    return Web.redirect("/payouts?state=\(state.rawValue)")
                }
            }
        }
    }

    func payoutsPage(_ v: Visit, state: PayoutState, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard v.user.hasAny(.admin, .handler) else { throw CoreError.forbidden(v.t("forbidden")) }
        let payouts = try await app.payouts.list(by: v.user, state: state.rawValue, limit: 200)
        let mine = { (p: Payout) in p.department == v.user.org.rawValue }
        let page = Page(
            tabs: [PayoutState.confirmed, .approved, .paid, .declined, .proposed].map {
                .init(href: "/payouts?state=\($0.rawValue)", label: v.label($0), current: $0 == state)
            },
            payouts: payouts.map { p in
                .init(id: p.id, policy: "\(p.policyName)（\(p.policyCode)）", period: p.period, amount: Formatting.yuan(p.amount),
                      stateName: v.label(p.state), orderId: p.workOrderId,
                      canApprove: mine(p) && p.state == .confirmed, canPay: mine(p) && p.state == .approved,
                      canDecline: mine(p) && (p.state == .confirmed || p.state == .approved), reference: p.paymentReference)
            },
            error: error)
        return web.render("payouts", page, v, title: v.t("payouts"), status: status)
    }
}

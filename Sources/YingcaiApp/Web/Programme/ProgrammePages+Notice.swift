import Foundation
import Hummingbird
import ProgrammeRules
import YingcaiCore

/// 公示: the lists on notice and the final lists, for anyone, without signing in — name, employer,
/// special and project, nothing personal — and the objection form, whose objections become work
/// orders of the city talent office.
extension ProgrammePages {
    struct NoticePage: Sendable {
        struct List: Sendable {
            let year: Int
            let onNotice: Bool
            let period: String?
            let entries: [Entry]
        }

        struct Entry: Sendable {
            let id: Int64
            let special: String
            let name: String
            let employer: String
            let title: String
        }

        let lists: [List]
        let objectable: [SelectOption]
        let objectYear: Int?
        let formToken: String
        let filed: String?
        let name: String
        let text: String
        let error: String?
    }

    /// The cookie that stands for a session on the public form (double-submitted with the form).
    static let noticeCookie = "yc_notice"

    func addNotice(to table: RouteTable) {
        table.page(.get, "/programme/notice") { request, _ in
            try await web.page(request, signedIn: false) { v in
                try await noticePage(v, filed: request.uri.queryParameters.get("filed"), form: [:], error: nil)
            }
        }
        table.page(.post, "/programme/notice") { request, context in
            let address = context.clientAddress(request)
            return try await web.page(request, signedIn: false) { v in
                let body = try await request.body.collect(upTo: 64 * 1024)
                let f = Web.decodeForm(String(buffer: body))
                let token = v.principal == nil ? request.cookies[Self.noticeCookie]?.value : v.csrf
                guard let token, !token.isEmpty, f["_csrf"] == token else {
                    return try await noticePage(v, filed: nil, form: f, error: v.pick("表单已过期，请重试", "The form has expired; try again"), status: .forbidden)
                }
                return try await Web.redisplaying({ error, status in try await noticePage(v, filed: nil, form: f, error: error, status: status) }) {
                    let pick = (f["entry"] ?? "").split(separator: ":")
                    guard pick.count == 2, let year = Int(pick[0]), let id = Int64(pick[1]) else {
                        throw CoreError.invalid("entry", v.pick("请选择异议对象", "Choose the entry you object to"))
                    }
                    let order = try await programme.object(year, application: id, name: f["name"], phone: f["phone"], text: f["text"], address: address)
                    return Web.redirect("/programme/notice?filed=\(order.number)")
                }
            }
        }
    }

    func noticePage(_ v: Visit, filed: String?, form: [String: String], error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let lists = try await programme.publicNotices()
        let open = lists.filter { $0.state == .inNotice }
        let token = v.principal == nil ? (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined() : v.csrf
        let page = NoticePage(
            lists: lists.map { l in
                .init(year: l.year, onNotice: l.state == .inNotice, period: l.start.flatMap { s in l.end.map { "\(s) – \($0)" } },
                      entries: l.entries.enumerated().sorted { ($0.element.special, $0.offset) < ($1.element.special, $1.offset) }.map(\.element).map {
                          .init(id: $0.applicationId, special: v.label($0.special), name: $0.name, employer: $0.employer, title: $0.title)
                      })
            },
            objectable: open.flatMap { l in
                l.entries.map { e in
                    SelectOption(value: "\(l.year):\(e.applicationId)", label: "\(l.year) · \(v.label(e.special)) · \(e.name)（\(e.employer)）",
                                 selected: form["entry"] == "\(l.year):\(e.applicationId)")
                }
            },
            objectYear: open.first?.year, formToken: token, filed: filed.map { String($0.prefix(40)) },
            name: form["name"] ?? "", text: form["text"] ?? "", error: error)
        var response = web.render("programme-notice", page, v, title: v.t("publicNotice"), status: status)
        if v.principal == nil {
            response.setCookie(Cookie(name: Self.noticeCookie, value: token, maxAge: 3600, path: "/programme/notice", secure: web.secureCookies,
                                      httpOnly: true, sameSite: .strict))
        }
        return response
    }
}

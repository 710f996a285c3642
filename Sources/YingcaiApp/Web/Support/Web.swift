import Foundation
import Hummingbird
import Mustache
import Storage
import YingcaiCore

/// The server-rendered pages' plumbing: templates, the session cookie beside the API's bearer
/// tokens, CSRF tokens on every form, the language switch, and errors shown as pages. Each
/// feature's pages (Portal, Catalog, WorkOrders, …) build a typed model and render it here.
struct Web: Sendable {
    let app: Yingcai
    let library: MustacheLibrary
    /// `Secure` on cookies (set `YINGCAI_SECURE_COOKIES=1` behind HTTPS).
    let secureCookies: Bool

    static let sessionCookie = "yc_session"
    static let loginCookie = "yc_pre"
    static let langCookie = "yc_lang"

    init(app: Yingcai, secureCookies: Bool) {
        self.app = app
        self.secureCookies = secureCookies
        var library = MustacheLibrary()
        let dir = Bundle.module.url(forResource: "Public", withExtension: nil)!.appendingPathComponent("templates")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        for name in names where name.hasSuffix(".mustache") {
            let text = (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? ""
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                fatalError("template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    func visit(_ request: Request) async throws -> Visit {
        let cookies = request.cookies
        let english = cookies[Self.langCookie]?.value == "en"
        var principal: Principal?
        let token = cookies[Self.sessionCookie]?.value
        if let token { principal = try await app.accounts.authenticate(token: token) }
        return Visit(principal: principal, english: english, token: principal == nil ? nil : token, path: request.uri.path)
    }

    static func redirect(_ to: String) -> Response {
        Response(status: .seeOther, headers: [.location: to, .cacheControl: "no-store"])
    }

    /// Runs a page: a signed-out visitor goes to the sign-in page; core errors become pages.
    func page(_ request: Request, signedIn: Bool = true,
              _ body: @Sendable (Visit) async throws -> Response) async throws -> Response {
        let v: Visit
        do {
            v = try await visit(request)
        } catch where Database.isUnavailable(error) {
            return unavailablePage(Visit(principal: nil, english: false, token: nil, path: request.uri.path))
        }
        if signedIn && v.principal == nil {
            let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return Self.redirect("/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        do {
            return try await body(v)
        } catch let e as CoreError {
            switch e {
            case .notFound: return errorPage(v, status: .notFound, message: v.t("notFound"))
            case .forbidden(let m): return errorPage(v, status: .forbidden, message: m)
            case .conflict(let m): return errorPage(v, status: .conflict, message: m)
            case .validation(let list): return errorPage(v, status: .unprocessableContent, message: Self.describe(list))
            case .unauthenticated: return Self.redirect("/login")
            case .tooManyAttempts: return errorPage(v, status: .tooManyRequests, message: v.t("tooMany"))
            case .idempotencyKeyReused: return errorPage(v, status: .unprocessableContent, message: "\(e)")
            }
        } catch let e as WorkOrderError {
            let problem = Problem.from(e)
            return errorPage(v, status: problem.status, message: problem.detail)
        } catch let e as PageError {
            return errorPage(v, status: e.status, message: e.message)
        } catch let e as Problem {
            return errorPage(v, status: e.status, message: e.detail)
        } catch where Database.isUnavailable(error) {
            return unavailablePage(v)
        }
    }

    /// The database is down, restarting or failing over: a page that says so and when to retry.
    func unavailablePage(_ v: Visit) -> Response {
        var response = errorPage(v, status: .serviceUnavailable,
                                 message: v.pick("服务暂不可用，请稍后重试；已提交的内容不会丢失。", "The service is briefly unavailable; try again shortly. Nothing you submitted is lost."))
        response.headers[.retryAfter] = String(Problem.retryAfterSeconds)
        return response
    }

    struct ErrorPage: Sendable {
        let status: Int
        let message: String
    }

    func errorPage(_ v: Visit, status: HTTPResponse.Status, message: String) -> Response {
        render("error", ErrorPage(status: Int(status.code), message: message), v,
               title: v.t(status == .notFound ? "notFound" : "error"), status: status)
    }

    /// A refusal shown as a page of its own (the form that caused it is not shown again).
    struct PageError: Error {
        let status: HTTPResponse.Status
        let message: String
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import YingcaiCore

/// Signing in and out of the pages (a session cookie beside the API's bearer tokens), and the
/// language switch.
struct SignInPages {
    let web: Web
    var app: Yingcai { web.app }

    struct LoginPage: Sendable {
        let loginCsrf: String
        let next: String
        let username: String
        let error: String?
    }

    func add(to table: RouteTable) {
        table.page(.get, "/") { request, _ in
            try await web.page(request, signedIn: false) { v in
                guard let p = v.principal else { return Web.redirect("/login") }
                return Web.redirect(Self.home(of: p))
            }
        }
        table.page(.get, "/login") { request, _ in
            try await web.page(request, signedIn: false) { v in
                loginPage(v, next: request.uri.queryParameters.get("next") ?? "", username: "", error: nil)
            }
        }
        table.page(.post, "/login") { request, context in
            try await web.page(request, signedIn: false) { v in try await signIn(request, v, address: context.clientAddress(request)) }
        }
        table.page(.post, "/logout") { request, _ in
            try await web.page(request) { v in
                _ = try await web.form(request, v)
                if let token = v.token { try await app.accounts.logout(token: token) }
                var response = Web.redirect("/login")
                response.setCookie(Cookie(name: Web.sessionCookie, value: "", maxAge: 0, path: "/", secure: web.secureCookies, httpOnly: true, sameSite: .lax))
                return response
            }
        }
        table.page(.get, "/lang") { request, _ in
            let to = request.uri.queryParameters.get("to") == "en" ? "en" : "zh"
            let back = Self.safeNext(request.uri.queryParameters.get("back"))
            var response = Web.redirect(back.isEmpty ? "/" : back)
            response.setCookie(Cookie(name: Web.langCookie, value: to, maxAge: 365 * 86_400, path: "/", secure: web.secureCookies, httpOnly: false, sameSite: .lax))
            return response
        }
    }

    func signIn(_ request: Request, _ v: Visit, address: String) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let fields = Web.decodeForm(String(buffer: body))
        let pre = request.cookies[Web.loginCookie]?.value
        let next = Self.safeNext(fields["next"])
        let username = fields["username"] ?? ""
        guard let pre, fields["_csrf"] == pre else {
            return loginPage(v, next: next, username: username, error: v.pick("表单已过期，请重试", "The form has expired; try again"))
        }
        do {
            let session = try await app.accounts.login(username: username, password: fields["password"] ?? "", address: address)
            guard let principal = try await app.accounts.authenticate(token: session.token) else { throw CoreError.unauthenticated("") }
            var response = Web.redirect(next.isEmpty ? Self.home(of: principal) : next)
            response.setCookie(Cookie(name: Web.sessionCookie, value: session.token, maxAge: Int(app.config.tokenLifetimeSeconds),
                                      path: "/", secure: web.secureCookies, httpOnly: true, sameSite: .lax))
            response.setCookie(Cookie(name: Web.loginCookie, value: "", maxAge: 0, path: "/", secure: web.secureCookies, httpOnly: true, sameSite: .strict))
            return response
        } catch CoreError.tooManyAttempts(let seconds) {
            var response = loginPage(v, next: next, username: username,
                                     error: v.pick("尝试次数过多，请 \(seconds) 秒后再试", "Too many attempts; try again in \(seconds) s"), status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        } catch CoreError.unauthenticated, CoreError.validation {
            return loginPage(v, next: next, username: username, error: v.t("badLogin"), status: .unauthorized)
        }
    }

    func loginPage(_ v: Visit, next: String, username: String, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let pre = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        var response = web.render("login", LoginPage(loginCsrf: pre, next: Self.safeNext(next), username: username, error: error), v,
                                  title: v.t("signIn"), status: status)
        response.setCookie(Cookie(name: Web.loginCookie, value: pre, maxAge: 3600, path: "/", secure: web.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// A local path only (never another site), for redirects after sign-in.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("\r"), !next.contains("\n") else { return "" }
        return next
    }

    static func home(of p: Principal) -> String {
        if p.isTalentOnly { return "/portal" }
        if p.has(.leader) { return "/dashboard" }
        if p.has(.verifier) && p.roles.count == 1 { return "/verify" }
        if p.has(.reviewer) && p.roles.count == 1 { return "/programme/review" }
        if p.talentOfficeDistrict != nil { return "/programme/office" }
        return "/workbench"
    }
}

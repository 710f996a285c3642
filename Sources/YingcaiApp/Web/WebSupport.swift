import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import MultipartKit
import WorkCalendar
import YingcaiCore

/// The server-rendered pages' plumbing: templates, the session cookie beside the API's bearer
/// tokens, CSRF tokens on every form, the language switch, and errors shown as pages.
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

    /// What every page knows about the request.
    struct Visit: Sendable {
        let principal: Principal?
        let english: Bool
        let token: String?
        let path: String

        var csrf: String {
            guard let token else { return "" }
            let mac = HMAC<SHA256>.authenticationCode(for: Data("csrf".utf8), using: SymmetricKey(data: SHA256.hash(data: Data(token.utf8))))
            return mac.prefix(16).map { String(format: "%02x", $0) }.joined()
        }

        func t(_ key: String) -> String { (english ? WebText.english : WebText.chinese)[key] ?? key }
        func pick(_ zh: String, _ en: String) -> String { english ? en : zh }
    }

    func visit(_ request: Request) async throws -> Visit {
        let cookies = request.cookies
        let english = cookies[Self.langCookie]?.value == "en"
        var principal: Principal?
        let token = cookies[Self.sessionCookie]?.value
        if let token { principal = try await app.accounts.authenticate(token: token) }
        return Visit(principal: principal, english: english, token: principal == nil ? nil : token, path: request.uri.path)
    }

    // MARK: Rendering

    /// The context every template gets: words, language, the signed-in user and the navigation.
    func base(_ v: Visit, title: String) -> [String: Any] {
        var nav: [[String: Any]] = []
        func item(_ href: String, _ key: String) {
            nav.append(["href": href, "label": v.t(key), "current": v.path == href || (href != "/" && v.path.hasPrefix(href + "/"))])
        }
        if let p = v.principal {
            if p.has(.talent) { item("/portal", "home"); item("/catalog", "catalog"); item("/orders", "myOrders") }
            if p.hasAny(.handler, .dispatcher, .supervisor, .admin, .butler) { item("/workbench", "workbench") }
            if p.has(.dispatcher) { item("/intake", "intake") }
            if p.hasAny(.leader, .supervisor, .admin, .dispatcher) { item("/dashboard", "dashboard") }
            if p.hasAny(.admin, .butler) { item("/admin/talents", "talents") }
            if p.has(.admin) {
                item("/admin/policies", "policies"); item("/admin/catalog", "catalog"); item("/admin/calendar", "calendar"); item("/admin/users", "users")
            }
            if p.hasAny(.verifier, .admin) { nav.append(["href": "/verify", "label": v.t("verify"), "current": false]) }
        }
        return [
            "L": v.english ? WebText.english : WebText.chinese,
            "htmlLang": v.english ? "en" : "zh-CN",
            "switchTo": v.english ? "zh" : "en",
            "switchLabel": v.english ? "中文" : "English",
            "here": v.path,
            "title": title,
            "user": v.principal.map { ["name": $0.username, "roles": $0.roles.map(\.rawValue).sorted().joined(separator: ", ")] } as Any,
            "signedIn": v.principal != nil,
            "nav": nav,
            "csrf": v.csrf,
        ]
    }

    func render(_ template: String, _ context: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(Self.withPresence(context), withTemplate: template) ?? "template \(template) missing"
        return Response(status: status, headers: [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
            .contentSecurityPolicy: StaticController.contentSecurityPolicy,
            HTTPField.Name("X-Content-Type-Options")!: "nosniff", HTTPField.Name("Referrer-Policy")!: "same-origin",
            HTTPField.Name("X-Frame-Options")!: "DENY",
        ], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// Mustache cannot ask "is this list empty?" in a section without repeating it, so every list
    /// `x` gets a flag `xAny`, at every level.
    static func withPresence(_ context: [String: Any]) -> [String: Any] {
        var out = context
        for (key, value) in context {
            if let list = value as? [Any] {
                out[key + "Any"] = !list.isEmpty
                if let dicts = value as? [[String: Any]] { out[key] = dicts.map(withPresence) }
            } else if let dict = value as? [String: Any] {
                out[key] = withPresence(dict)
            }
        }
        return out
    }

    static func redirect(_ to: String) -> Response {
        Response(status: .seeOther, headers: [.location: to, .cacheControl: "no-store"])
    }

    /// Runs a page: a signed-out visitor goes to the sign-in page; core errors become pages.
    func page(_ request: Request, signedIn: Bool = true,
              _ body: @Sendable (Visit) async throws -> Response) async throws -> Response {
        let v = try await visit(request)
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
        }
    }

    func errorPage(_ v: Visit, status: HTTPResponse.Status, message: String) -> Response {
        var ctx = base(v, title: v.t(status == .notFound ? "notFound" : "error"))
        ctx["status"] = Int(status.code)
        ctx["message"] = message
        return render("error", ctx, status: status)
    }

    // MARK: Forms

    struct PageError: Error {
        let status: HTTPResponse.Status
        let message: String
    }

    /// An `application/x-www-form-urlencoded` body, checked against the visit's CSRF token.
    func form(_ request: Request, _ v: Visit) async throws -> [String: String] {
        let body = try await request.body.collect(upTo: 1 << 20)
        let fields = Self.decodeForm(String(buffer: body))
        try checkCSRF(fields["_csrf"], v)
        return fields
    }

    func checkCSRF(_ given: String?, _ v: Visit) throws {
        guard let given, !v.csrf.isEmpty, given == v.csrf else {
            throw PageError(status: .forbidden, message: v.pick("表单已过期，请返回刷新后重试", "The form has expired; go back, reload and try again"))
        }
    }

    static func decodeForm(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { (String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding) ?? "" }
            let key = decode(kv[0])
            let value = kv.count > 1 ? decode(kv[1]) : ""
            if let existing = out[key] { out[key] = existing + "," + value } else { out[key] = value }
        }
        return out
    }

    /// A `multipart/form-data` body: text fields and files, checked against the CSRF token.
    func multipart(_ request: Request, _ v: Visit) async throws -> (fields: [String: String], files: [String: (bytes: [UInt8], filename: String)]) {
        guard let type = request.headers[.contentType], let boundary = UploadsController.boundary(type) else {
            throw PageError(status: .badRequest, message: "multipart/form-data expected")
        }
        let body = try await request.body.collect(upTo: 4 * (UploadStore.maxBytes + 64 * 1024))
        let parts = try MultipartForm.parse(body, boundary: boundary)
        try checkCSRF(parts.fields["_csrf"], v)
        return (parts.fields, parts.files.filter { !$0.value.bytes.isEmpty })
    }

    // MARK: Formatting

    /// A whole number typed into a form field: nil when left empty, a clear 422 when it is not a number.
    static func number<T: FixedWidthInteger>(_ f: [String: String], _ field: String, as: T.Type = T.self) throws -> T? {
        guard let raw = f[field]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let value = T(raw) else { throw CoreError.invalid(field, "应为整数 / a whole number is expected") }
        return value
    }

    /// Field errors as one line for a page: "field：reason；field：reason".
    static func describe(_ errors: [FieldError]) -> String {
        errors.map { "\($0.field)：\($0.message)" }.joined(separator: "；")
    }

    /// Runs a form's action; when it is refused (422 with the fields' reasons, or 409), `page` shows
    /// the form again with the reason and that status instead of an error page.
    static func redisplaying(_ page: (_ error: String, _ status: HTTPResponse.Status) async throws -> Response,
                             _ action: () async throws -> Response) async throws -> Response {
        do {
            return try await action()
        } catch let CoreError.validation(list) {
            return try await page(describe(list), .unprocessableContent)
        } catch let CoreError.conflict(message) {
            return try await page(message, .conflict)
        }
    }

    static func dateTime(_ millis: Int64) -> String {
        // Shown in Beijing time, as staff and talents read clocks.
        let shifted = millis + 8 * 3_600_000
        let days = Int(shifted / 86_400_000)
        let ms = Int(shifted % 86_400_000)
        let date = LocalDate(dayNumber: days).description
        return String(format: "%@ %02d:%02d", date, ms / 3_600_000, ms / 60_000 % 60)
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.1f%%", value * 100)
    }

    static func yuan(_ value: Int64) -> String {
        let digits = String(value)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }
}


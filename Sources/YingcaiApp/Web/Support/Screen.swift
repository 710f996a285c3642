import Hummingbird
import HTTPTypes
import YingcaiCore

/// What a template renders: the frame every page shares (words, language, the user, navigation,
/// the CSRF token) and the page's own typed model under `page`. Templates put their content in
/// `{{#page}}…{{/page}}`; inside it the frame's fields (`L`, `csrf`) are still in reach.
struct Screen<Page: Sendable>: Sendable {
    let L: [String: String]
    let htmlLang: String
    let switchTo: String
    let switchLabel: String
    let here: String
    let title: String
    let user: UserBadge?
    let signedIn: Bool
    let nav: [NavItem]
    let csrf: String
    let refresh: Int?
    let bodyClass: String?
    let page: Page
}

/// The signed-in user, as the frame shows them.
struct UserBadge: Sendable {
    let name: String
}

/// One place in the navigation.
struct NavItem: Sendable {
    let href: String
    let label: String
    let current: Bool
}

extension Web {
    /// Renders `template` with `page` in the frame of visit `v`.
    func render<Page: Sendable>(_ template: String, _ page: Page, _ v: Visit, title: String, status: HTTPResponse.Status = .ok,
                                refresh: Int? = nil, bodyClass: String? = nil) -> Response {
        let screen = Screen(
            L: v.english ? WebText.english : WebText.chinese, htmlLang: v.english ? "en" : "zh-CN",
            switchTo: v.english ? "zh" : "en", switchLabel: v.english ? "中文" : "English", here: v.path, title: title,
            user: v.principal.map { UserBadge(name: $0.username) }, signedIn: v.principal != nil,
            nav: Navigation.items(for: v), csrf: v.csrf, refresh: refresh, bodyClass: bodyClass, page: page)
        let html = library.render(screen, withTemplate: template) ?? "template \(template) missing"
        return Response(status: status, headers: [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
            .contentSecurityPolicy: StaticController.contentSecurityPolicy,
            HTTPField.Name("X-Content-Type-Options")!: "nosniff", HTTPField.Name("Referrer-Policy")!: "same-origin",
            HTTPField.Name("X-Frame-Options")!: "DENY",
        ], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

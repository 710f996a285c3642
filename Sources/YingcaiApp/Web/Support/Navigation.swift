import YingcaiCore

/// The navigation of the pages: each role's places, in the order a user of that role works.
enum Navigation {
    static func items(for v: Visit) -> [NavItem] {
        guard let p = v.principal else { return [] }
        var nav: [NavItem] = []
        func item(_ href: String, _ key: String, current: Bool? = nil) {
            nav.append(.init(href: href, label: v.t(key), current: current ?? (v.path == href || (href != "/" && v.path.hasPrefix(href + "/")))))
        }
        if p.has(.talent) { item("/portal", "home"); item("/catalog", "catalog"); item("/orders", "myOrders"); item("/programme", "programme") }
        if p.hasAny(.handler, .dispatcher, .supervisor, .admin, .butler) { item("/workbench", "workbench") }
        if p.has(.dispatcher) { item("/intake", "intake", current: v.path.hasPrefix("/intake")) }
        item("/kb", "knowledgeBase", current: v.path.hasPrefix("/kb"))
        if p.hasAny(.admin, .handler) { item("/payouts", "payouts") }
        if v.readsProgramme { item("/programme/office", "programme", current: v.path.hasPrefix("/programme") && !v.path.hasPrefix("/programme/review")) }
        if p.has(.reviewer) { item("/programme/review", "reviews") }
        if p.hasAny(.leader, .supervisor, .admin, .dispatcher) { item("/dashboard", "dashboard") }
        if p.hasAny(.admin, .butler) { item("/admin/talents", "talents") }
        if p.has(.admin) {
            item("/admin/policies", "policies"); item("/admin/catalog", "catalog"); item("/admin/calendar", "calendar"); item("/admin/users", "users")
        }
        if p.hasAny(.verifier, .admin) { item("/verify", "verify", current: false) }
        return nav
    }
}

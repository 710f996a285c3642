import YingcaiCore

extension Visit {
    /// The admin pages are for admins; others get a page that says so.
    func requireAdmin() throws {
        guard user.has(.admin) else { throw CoreError.forbidden(t("forbidden")) }
    }
}

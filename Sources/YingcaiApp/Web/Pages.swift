/// The web console: every feature's pages, registered in one place. Each folder here mirrors a
/// part of `YingcaiCore` and reads through the same use cases as the API, so visibility and rules
/// are the same on a page as over the API.
struct Pages {
    let web: Web

    func add(to table: RouteTable) {
        SignInPages(web: web).add(to: table)
        PortalPages(web: web).add(to: table)
        CatalogPages(web: web).add(to: table)
        OrderPages(web: web).add(to: table)
        WorkbenchPage(web: web).add(to: table)
        IntakePages(web: web).add(to: table)
        DeskPages(web: web).add(to: table)
        KnowledgePages(web: web).add(to: table)
        DashboardPage(web: web).add(to: table)
        PayoutPages(web: web).add(to: table)
        ProgrammePages(web: web).add(to: table)
        TalentAdminPages(web: web).add(to: table)
        PolicyPages(web: web).add(to: table)
        CatalogAdminPages(web: web).add(to: table)
        CalendarPages(web: web).add(to: table)
        UsersPages(web: web).add(to: table)
        OrgsPages(web: web).add(to: table)
    }
}

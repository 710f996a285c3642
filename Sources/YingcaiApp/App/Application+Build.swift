import Hummingbird
import Logging
import ServiceLifecycle
import YingcaiCore

/// Builds the HTTP application around the core services: middleware, then every controller's routes.
/// `drain`: the serving process's drain, whose state `/readyz` reports (nil in tests).
public func buildApplication(_ app: Yingcai, settings: Settings, drain: (@Sendable () -> Bool)? = nil) -> (some ApplicationProtocol, RouteTable) {
    let router = Router(context: AppContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: RequestMetricsMiddleware())
    router.add(middleware: NoStoreMiddleware())
    let table = RouteTable(router: router)
    router.add(middleware: ErrorMiddleware(routes: table))
    router.add(middleware: BodyLimitMiddleware())
    router.add(middleware: QueryCheckMiddleware(routes: table))

    let registry = MetricsSetup.registry
    HealthController(app: app, registry: registry, metricsToken: settings.metricsToken, draining: drain ?? { false }).add(to: table)
    OpenAPIController(table: table).add(to: table)
    AuthController(app: app).addPublic(to: table)
    CodesController(app: app).addPublic(to: table)
    ProgrammeController(app: app).addPublic(to: table)
    StaticController().add(to: table)
    Open311Controller(app: app).add(to: table)
    WeChatController(app: app).add(to: table)
    Pages(web: Web(app: app, secureCookies: settings.secureCookies)).add(to: table)

    let group = router.group("api/v1").add(middleware: AuthMiddleware(accounts: app.accounts))
    let api = APIRoutes(table: table, group: group)
    AuthController(app: app).add(to: api)
    OrgsController(app: app).add(to: api)
    UsersController(app: app).add(to: api)
    TalentsController(app: app).add(to: api)
    CalendarController(app: app).add(to: api)
    CatalogController(app: app).add(to: api)
    WorkOrdersController(app: app).add(to: api)
    WorkbenchController(app: app).add(to: api)
    UploadsController(app: app).add(to: api)
    CodesController(app: app).add(to: api)
    PoliciesController(app: app).add(to: api)
    ProgrammeController(app: app).add(to: api)
    HotlineController(app: app).add(to: api)
    KnowledgeController(app: app).add(to: api)
    Open311Controller(app: app).add(to: api)
    WeChatController(app: app).add(to: api)

    let services: [any Service] = settings.backgroundIntervalSeconds > 0
        ? [BackgroundService(work: BackgroundWork(core: app, logger: app.logger), intervalSeconds: settings.backgroundIntervalSeconds, logger: app.logger)]
        : []
    let application = Application(
        router: router,
        configuration: .init(address: .hostname(settings.hostname, port: settings.port), serverName: "yingcai"),
        services: services,
        logger: app.logger)
    return (application, table)
}

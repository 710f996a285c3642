import Hummingbird
import Logging
import YingcaiCore

/// Builds the HTTP application around the core services: middleware, then every controller's routes.
public func buildApplication(_ app: Yingcai, settings: Settings) -> (some ApplicationProtocol, RouteTable) {
    let router = Router(context: AppContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorMiddleware())
    let table = RouteTable(router: router)

    let registry = MetricsSetup.registry
    HealthController(app: app, registry: registry).add(to: table)
    OpenAPIController(table: table).add(to: table)
    AuthController(app: app).addPublic(to: table)

    let group = router.group("api/v1").add(middleware: AuthMiddleware(accounts: app.accounts))
    let api = APIRoutes(table: table, group: group)
    AuthController(app: app).add(to: api)
    OrgsController(app: app).add(to: api)
    UsersController(app: app).add(to: api)
    TalentsController(app: app).add(to: api)

    let application = Application(
        router: router,
        configuration: .init(address: .hostname(settings.hostname, port: settings.port), serverName: "yingcai"),
        logger: app.logger)
    return (application, table)
}

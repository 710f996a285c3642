import Hummingbird
import PersonalData
import Prometheus
import YingcaiCore

/// `/healthz` (the process runs), `/readyz` (the instance should get traffic: the database answers
/// and the process is not draining before a stop), `/metrics` (Prometheus).
struct HealthController {
    let app: Yingcai
    let registry: PrometheusCollectorRegistry
    let metricsToken: String?
    let draining: @Sendable () -> Bool

    /// `/metrics` is for the operator: with a token set, a request must carry it; without one, only
    /// a client on this machine (not a request a proxy forwarded) may read it.
    func mayReadMetrics(_ request: Request, _ context: AppContext) -> Bool {
        if let metricsToken {
            return ConstantTime.equal(Array((AuthMiddleware.bearer(request) ?? "").utf8), Array(metricsToken.utf8))
        }
        let address = context.clientAddress(request)
        return address.isEmpty || address == "127.0.0.1" || address == "::1"
    }

    func add(to table: RouteTable) {
        table.add(.get, "/healthz") { _, _ in JSON.raw(Array(#"{"status":"ok"}"#.utf8)) }
        table.add(.get, "/readyz") { _, _ in
            if draining() {
                // Still serving, about to stop: a balancer should send new requests elsewhere.
                return try JSON.response(["status": "draining"], status: .serviceUnavailable)
            }
            guard await app.db.answers() else {
                var response = try JSON.response(["status": "database unavailable"], status: .serviceUnavailable)
                response.headers[.retryAfter] = String(Problem.retryAfterSeconds)
                return response
            }
            return JSON.raw(Array(#"{"status":"ready"}"#.utf8))
        }
        table.add(.get, "/metrics") { request, context in
            guard mayReadMetrics(request, context) else {
                throw Problem(.forbidden, type: "/problems/forbidden", title: "无权访问 / Forbidden",
                              detail: "指标仅供运维读取（令牌或本机）/ metrics are for the operator: a token, or this machine")
            }
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}

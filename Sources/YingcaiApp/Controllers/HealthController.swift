import Hummingbird
import Prometheus
import YingcaiCore

/// `/healthz` (the process runs), `/readyz` (the database answers), `/metrics` (Prometheus).
struct HealthController {
    let app: Yingcai
    let registry: PrometheusCollectorRegistry

    func add(to table: RouteTable) {
        table.add(.get, "/healthz") { _, _ in JSON.raw(Array(#"{"status":"ok"}"#.utf8)) }
        table.add(.get, "/readyz") { _, _ in
            guard await app.db.answers() else {
                var response = try JSON.response(["status": "database unavailable"], status: .serviceUnavailable)
                response.headers[.retryAfter] = String(Problem.retryAfterSeconds)
                return response
            }
            return JSON.raw(Array(#"{"status":"ready"}"#.utf8))
        }
        table.add(.get, "/metrics") { _, _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}

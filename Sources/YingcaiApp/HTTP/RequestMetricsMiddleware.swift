import Dispatch
import Hummingbird
import Metrics
import NIOConcurrencyHelpers

/// Requests by route, method and status, their durations, and those in progress — as Hummingbird's
/// MetricsMiddleware counts them, but without its error series: behind `ErrorMiddleware` no error
/// reaches it, so `hb_request_errors` was a zero for every route and status by construction. A
/// server error (5xx) is counted here when it happens, and only then does its series exist.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = AppContext

    struct Key: Hashable { let route: String; let method: HTTPRequest.Method; let status: Int }
    final class Series: Sendable {
        let requests: Counter
        let duration: Timer
        let errors: Counter?
        init(_ key: Key) {
            let dimensions = [("http.route", key.route), ("http.request.method", key.method.rawValue),
                              ("http.response.status_code", String(key.status))]
            requests = Counter(label: "hb.requests", dimensions: dimensions)
            duration = Timer(label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds)
            errors = key.status >= 500 ? Counter(label: "hb.request.errors", dimensions: [("http.route", key.route),
                                                   ("http.request.method", key.method.rawValue), ("error.type", String(key.status))]) : nil
        }
    }
    private let series = NIOLockedValueBox<[Key: Series]>([:])
    private let active = NIOLockedValueBox<[HTTPRequest.Method: Meter]>([:])

    private func series(_ key: Key) -> Series {
        series.withLockedValue { all in
            if let s = all[key] { return s }
            let s = Series(key)
            all[key] = s
            return s
        }
    }

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let meter = active.withLockedValue { all in
            if let m = all[request.method] { return m }
            let m = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", request.method.rawValue)])
            all[request.method] = m
            return m
        }
        meter.increment()
        do {
            let response = try await next(request, context)
            // Measured to the answer's head (the bodies here are buffers, not streams).
            let s = series(Key(route: context.endpointPath ?? "NotFound", method: request.method, status: Int(response.status.code)))
            s.requests.increment()
            s.errors?.increment()
            s.duration.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - start)
            meter.decrement()
            return response
        } catch {
            meter.decrement()
            throw error
        }
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What the background work's deliveries share: one HTTP call, and the wait before trying again.
enum Outbound {
    /// After `attempts` failed attempts: 10 s, 20 s, 40 s … at most an hour.
    static func retryDelay(afterAttempts attempts: Int) -> Int64 {
        min(3_600_000, 10_000 * (Int64(1) << min(attempts, 20)))
    }

    /// What came back: the status and body, or why nothing did.
    enum Answer: Sendable {
        case http(status: Int, body: String)
        case failed(String)

        var isSuccess: Bool { if case .http(let status, _) = self { (200..<300).contains(status) } else { false } }

        /// For `last_error`: nil on success.
        var problem: String? {
            switch self {
            case .http(let status, _): (200..<300).contains(status) ? nil : "HTTP \(status)"
            case .failed(let reason): reason
            }
        }
    }

    /// One call with a 10-second timeout; a JSON body when given.
    static func call(_ url: String, method: String, body: String? = nil, headers: [String: String] = [:]) async -> Answer {
        guard let target = URL(string: url) else { return .failed("bad url") }
        var request = URLRequest(url: target, timeoutInterval: 10)
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return .http(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self))
        } catch {
            return .failed(String(describing: type(of: error)))
        }
    }
}

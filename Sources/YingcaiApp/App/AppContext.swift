import Foundation
import HTTPTypes
import Hummingbird
import YingcaiCore

/// The request context: the framework's core storage, plus the signed-in user once the
/// authentication middleware has found one.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    public var maxUploadSize: Int { 16 * 1024 * 1024 }
    /// The address of the connection's peer (nil in tests without a socket).
    let peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The client's address, by which failed sign-ins are counted. A proxy on this machine (nginx in
    /// front of the service) is trusted to name the client in the last `X-Forwarded-For` entry; any
    /// other peer is the client itself, whatever it claims.
    func clientAddress(_ request: Request) -> String {
        let local = peerAddress == nil || peerAddress == "127.0.0.1" || peerAddress == "::1"
        if local, let forwarded = request.headers[Self.forwardedFor]?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
           (1...64).contains(forwarded.utf8.count), forwarded.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }) {
            return forwarded
        }
        return peerAddress ?? ""
    }

    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// The signed-in user; routes behind the authentication middleware always have one.
    func user() throws -> Principal {
        guard let principal else { throw Problem.unauthenticated() }
        return principal
    }
}

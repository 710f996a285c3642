import Hummingbird
import YingcaiCore

/// The request context: the framework's core storage, plus the signed-in user once the
/// authentication middleware has found one.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    public var maxUploadSize: Int { 16 * 1024 * 1024 }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// The signed-in user; routes behind the authentication middleware always have one.
    func user() throws -> Principal {
        guard let principal else { throw Problem.unauthenticated() }
        return principal
    }
}

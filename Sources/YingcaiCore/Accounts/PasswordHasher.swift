import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on the blocking thread pool: at cost 12 one hash takes ~260 ms, which must never
/// hold an event loop.
public struct PasswordHasher: Sendable {
    public let cost: UInt8
    /// A hash of nothing at this hasher's cost, verified when the username is unknown so that an
    /// unknown name takes as long to refuse as a wrong password (no user enumeration by timing).
    /// At a fixed cost of 12 it gave unknown names away whenever the configured cost differed.
    let decoy: String

    public init(cost: UInt8) {
        self.cost = cost
        self.decoy = Bcrypt.hash("yingcai-decoy-password", cost: cost)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}

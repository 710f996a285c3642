/// Why a revocation list text was not taken.
public enum RevocationListRefusal: String, Error, Sendable, Equatable {
    case malformed
    case unknownIssuer
    case unknownKey
    case badSignature
    /// Its sequence is lower than the list already held: an old list replayed to un-revoke cards.
    case rollback
}

/// What `RevocationStore.refresh` did.
public enum RevocationRefresh: Sendable, Equatable {
    /// A newer list now applies; `stale` if it is already past its next-update.
    case installed(stale: Bool)
    /// The same sequence as held: nothing changed.
    case unchanged(stale: Bool)
    case refused(RevocationListRefusal)
}

/// The revocation lists an offline verifier holds, one per issuer (离线注销名单).
public struct RevocationStore: Sendable, RevocationSource {
    public private(set) var lists: [String: RevocationList] = [:]

    public init() {}

    public func revocationList(for issuer: String) -> RevocationList? { lists[issuer] }

    /// Verifies `text` against the verifier's trusted keys and keeps it if its sequence is not
    /// lower than the held one. A stale list is still installed (an old list beats none) and flagged.
    public mutating func refresh(_ text: String, verifier: TalentCodeVerifier, now: UInt64) -> RevocationRefresh {
        let list: RevocationList
        switch verifier.verifyRevocationList(text) {
        case .success(let l): list = l
        case .failure(let refusal): return .refused(refusal)
        }
        if let held = lists[list.issuer] {
            if list.sequence < held.sequence { return .refused(.rollback) }
            if list.sequence == held.sequence { return .unchanged(stale: held.isStale(now: now)) }
        }
        lists[list.issuer] = list
        return .installed(stale: list.isStale(now: now))
    }

    /// Issuers whose held list is past its next-update at `now`.
    public func staleIssuers(now: UInt64) -> [String] {
        lists.values.filter { $0.isStale(now: now) }.map(\.issuer).sorted()
    }
}

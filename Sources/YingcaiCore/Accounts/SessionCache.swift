import Foundation
import NIOConcurrencyHelpers

/// Principals of bearer tokens seen in the last few seconds, so that a busy client does not cost a
/// database round trip per request. An entry lives `seconds` (and never past its session's end);
/// signing out here forgets the token at once, and another instance forgets it within `seconds`.
/// A talent account without a talent record is not kept: registering changes what it may do.
final class SessionCache: Sendable {
    struct Entry {
        let principal: Principal
        let until: Int64
    }

    let millis: Int64
    private let entries = NIOLockedValueBox<[Data: Entry]>([:])
    /// Beyond this many tokens the cache starts over rather than grow without bound.
    static let capacity = 50_000

    init(seconds: Int64) { self.millis = seconds * 1000 }

    func principal(_ tokenHash: Data, now: Int64) -> Principal? {
        guard millis > 0 else { return nil }
        return entries.withLockedValue { e in
            guard let entry = e[tokenHash] else { return nil }
            if entry.until > now { return entry.principal }
            e[tokenHash] = nil
            return nil
        }
    }

    func keep(_ principal: Principal, for tokenHash: Data, sessionEnds: Int64, now: Int64) {
        guard millis > 0, !(principal.isTalentOnly && principal.talentId == nil) else { return }
        entries.withLockedValue { e in
            if e.count >= Self.capacity { e.removeAll(keepingCapacity: true) }
            e[tokenHash] = Entry(principal: principal, until: min(now + millis, sessionEnds))
        }
    }

    func forget(_ tokenHash: Data) {
        _ = entries.withLockedValue { $0.removeValue(forKey: tokenHash) }
    }
}

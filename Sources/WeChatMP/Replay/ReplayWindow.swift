/// The freshness rules for pushes (防重放), as pure functions of the clock. The caller owns the
/// store of seen keys; these functions say what to look up and how long to keep it.
public struct ReplayWindow: Sendable, Equatable {
    /// A timestamp more than this many seconds old is refused.
    public var maxAge: Int64
    /// A timestamp this many seconds ahead of our clock is still accepted (clocks drift).
    public var allowedSkew: Int64

    public init(maxAge: Int64 = 300, allowedSkew: Int64 = 60) {
        self.maxAge = maxAge
        self.allowedSkew = allowedSkew
    }

    /// Refuses a timestamp that is too old or too far ahead. Use it on the query string's
    /// `timestamp` (which the signature covers) and on a message's `CreateTime`.
    public func check(timestamp: Int64, now: Int64) throws(WeChatError) {
        let age = now &- timestamp
        if age > maxAge { throw .staleTimestamp(age: age) }
        if -age > allowedSkew { throw .futureTimestamp(ahead: -age) }
    }

    /// As `check(timestamp:now:)`, for the decimal text WeChat puts in the query string.
    public func check(timestamp text: String, now: Int64) throws(WeChatError) {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int64(text) else {
            throw .invalidTimestamp(text)
        }
        try check(timestamp: value, now: now)
    }

    /// The verdict on one message, given whether the caller's store already holds its key.
    public func admit(_ message: IncomingMessage, now: Int64, seenBefore: Bool) -> ReplayVerdict {
        do throws(WeChatError) {
            try check(timestamp: message.createTime, now: now)
        } catch {
            return .refused(error)
        }
        let key = message.replayKey
        if seenBefore { return .refused(.duplicateMessage(key)) }
        return .fresh(store: key, until: keepUntil(message))
    }

    /// After this instant the timestamp rule alone refuses a replay, so the key may be forgotten.
    public func keepUntil(_ message: IncomingMessage) -> Int64 { message.createTime &+ maxAge }
}

/// The outcome of `ReplayWindow.admit`.
public enum ReplayVerdict: Sendable, Equatable {
    /// New: store `store` until `until` (Unix seconds), then handle the message.
    case fresh(store: ReplayKey, until: Int64)
    /// Stale, from the future, or a duplicate. For a duplicate answer `NoReply.body`, since it is
    /// most often WeChat retrying a push whose first answer was slow.
    case refused(WeChatError)
}

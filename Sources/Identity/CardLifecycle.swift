/// The life of a talent card (英才卡): issued active with a certification of tier A–C, valid while
/// the certification is; suspended and resumed (挂失, 暂停), revoked for good (注销), renewed.
///
/// Expiry is not a stored state: a card whose `validUntil` has passed reads as `expired` and is
/// brought back by renewal, so nothing has to run at midnight for cards to lapse on time.
public enum CardStatus: String, Sendable, CaseIterable, Codable {
    case active, suspended, revoked, expired

    public var chinese: String {
        switch self {
        case .active: return "有效"
        case .suspended: return "已暂停"
        case .revoked: return "已注销"
        case .expired: return "已过期"
        }
    }

    /// Whether codes are refused for this card (and its number is on the revocation list).
    public var refusesCodes: Bool { self == .suspended || self == .revoked }
}

public enum CardAction: String, Sendable, CaseIterable, Codable {
    case suspend, resume, revoke, renew
}

public enum CardLifecycle {
    /// The stored status an action leads to from the stored `status` (never `expired`, which is
    /// only ever read), or nil if the action is not allowed there. `renew` extends the validity
    /// and keeps a suspended card suspended (a lost card stays blocked until it is found); a
    /// revoked card is never renewed: a new card with a new number is issued instead.
    public static func apply(_ action: CardAction, to status: CardStatus) -> CardStatus? {
        switch (action, status) {
        case (.suspend, .active): return .suspended
        case (.resume, .suspended): return .active
        case (.revoke, .active), (.revoke, .suspended): return .revoked
        case (.renew, .active): return .active
        case (.renew, .suspended): return .suspended
        default: return nil
        }
    }

    /// The stored status read on `today`: an active or suspended card past `validUntil` is expired.
    /// Dates are `YYYY-MM-DD` text, which compares in date order.
    public static func effective(stored: CardStatus, validUntil: String, today: String) -> CardStatus {
        if stored != .revoked, validUntil < today { return .expired }
        return stored
    }
}

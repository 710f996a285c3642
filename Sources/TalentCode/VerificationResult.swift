/// The answer to "may this code be honoured?" (验码结果).
public enum VerificationResult: Sendable, Equatable {
    /// Genuine, current, not revoked, not replayed; `issuerName` is the issuing city's display name.
    case valid(TalentClaims, issuerName: String)
    case refused(RefusalReason)

    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }

    public var refusal: RefusalReason? {
        if case .refused(let r) = self { return r }
        return nil
    }
}

/// Why a code was refused, in the order the verifier checks.
public enum RefusalReason: String, Sendable, CaseIterable {
    /// Not a talent code at all: wrong prefix, bad base64url, bad payload.
    case malformed
    /// The issuing city is not trusted here.
    case unknownIssuer
    /// The city is trusted but the key id is not in its published set (never existed, or withdrawn).
    case unknownKey
    /// The signature does not verify: forged or altered.
    case badSignature
    case expired
    /// Issued more than the allowed clock skew in the future.
    case notYetValid
    /// The card number is on the issuer's revocation list.
    case revokedCard
    /// This verifier has already accepted this code.
    case replayed

    public var chinese: String {
        switch self {
        case .malformed: return "无法识别的人才码"
        case .unknownIssuer: return "签发城市未获信任"
        case .unknownKey: return "签名密钥未知或已停用"
        case .badSignature: return "签名无效：人才码系伪造或被篡改"
        case .expired: return "人才码已过期，请刷新后重新出示"
        case .notYetValid: return "人才码尚未生效，请核对设备时间"
        case .revokedCard: return "英才卡已注销"
        case .replayed: return "人才码已被使用，请刷新后重新出示"
        }
    }

    public var english: String {
        switch self {
        case .malformed: return "Not a talent code"
        case .unknownIssuer: return "Issued by a city that is not trusted here"
        case .unknownKey: return "Signed with an unknown or withdrawn key"
        case .badSignature: return "Invalid signature: the code is forged or altered"
        case .expired: return "The code has expired; refresh it and show it again"
        case .notYetValid: return "The code is not valid yet; check the device clock"
        case .revokedCard: return "The talent card has been revoked"
        case .replayed: return "The code has already been used; refresh it and show it again"
        }
    }
}

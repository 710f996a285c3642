import Crypto
import Foundation
import YingcaiCore

/// What every page knows about the request: who asks, in which language, and where.
struct Visit: Sendable {
    let principal: Principal?
    let english: Bool
    let token: String?
    let path: String

    /// The signed-in user (pages reached only after sign-in).
    var user: Principal { principal! }

    /// The CSRF token of every form: derived from the session token, so it needs no storage.
    var csrf: String {
        guard let token else { return "" }
        let mac = HMAC<SHA256>.authenticationCode(for: Data("csrf".utf8), using: SymmetricKey(data: SHA256.hash(data: Data(token.utf8))))
        return mac.prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// A word of the pages (`WebText`).
    func t(_ key: String) -> String { (english ? WebText.english : WebText.chinese)[key] ?? key }
    func pick(_ zh: String, _ en: String) -> String { english ? en : zh }
    /// An enumerated value's label in the page's language.
    func label(_ value: some Labelled) -> String { value.label.pick(english: english) }
}

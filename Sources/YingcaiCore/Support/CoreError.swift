/// The errors of the use cases, as values. The web target maps them once to problem details,
/// the command line to a message and an exit code.
public enum CoreError: Error, Sendable, Equatable {
    /// Input that breaks a rule; nothing was changed. (422)
    case validation([FieldError])
    /// The record does not exist, or is not the caller's to see. (404)
    case notFound(String)
    /// The caller may see the record but not do this to it. (403)
    case forbidden(String)
    /// The request conflicts with the record's state (a second registration, a state move). (409)
    case conflict(String)
    /// No valid sign-in. (401)
    case unauthenticated(String)
    /// Too many failed sign-ins; retry after the given seconds. (429)
    case tooManyAttempts(retryAfterSeconds: Int)
    /// The same idempotency key was used with a different request. (422)
    case idempotencyKeyReused

    public static func invalid(_ field: String, _ message: String) -> CoreError {
        .validation([FieldError(field: field, message: message)])
    }
}

/// One bad field: its name as the API spells it, and why, Chinese first.
public struct FieldError: Sendable, Equatable, Codable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Collects field errors, so that a form is answered with all of its problems at once.
public struct FieldErrors: Sendable {
    public private(set) var list: [FieldError] = []
    public init() {}
    public mutating func add(_ field: String, _ message: String) {
        list.append(FieldError(field: field, message: message))
    }
    public func throwIfAny() throws(CoreError) {
        if !list.isEmpty { throw .validation(list) }
    }

    /// Free text a person typed (a note, a reason, a comment): at most `max` characters, and no
    /// control characters but line breaks and tabs — a NUL or an escape sequence has no business in
    /// a permanent timeline.
    public mutating func text(_ field: String, _ value: String?, max: Int) {
        guard let value else { return }
        if value.count > max { add(field, "至多 \(max) 字 / at most \(max) characters") }
        if value.unicodeScalars.contains(where: { ($0.value < 0x20 && !["\n", "\r", "\t"].contains($0)) || (0x7F...0x9F).contains($0.value) }) {
            add(field, "含有控制字符 / contains control characters")
        }
    }
}

/// The Open311 module's error: every problem found in one call, so the client sees the whole list
/// at once, as the spec's error response allows ("Multiple errors codes and descriptions can be
/// returned in the body").
public struct Open311Error: Error, Sendable, Equatable {
    public let problems: [Problem]

    public init(_ problems: [Problem]) {
        self.problems = problems
    }

    public init(_ problem: Problem) {
        self.problems = [problem]
    }

    /// 403 if any problem is about the API key, else 404 if any names a missing thing, else 400:
    /// the key is checked first, and a request for something absent is answered as absent.
    public var httpStatus: Int {
        let statuses = problems.map(\.httpStatus)
        if statuses.contains(403) { return 403 }
        if statuses.contains(404) { return 404 }
        return 400
    }

    /// The body to send with `httpStatus`.
    public var errorList: ErrorList { ErrorList(problems.map(\.apiError)) }
}

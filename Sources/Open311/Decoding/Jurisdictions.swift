/// Which `jurisdiction_id`s this endpoint answers for. The spec lets a single-jurisdiction endpoint
/// treat the parameter as optional; a value naming someone else is still refused (404), which
/// catches a client configured for another city.
public struct Jurisdictions: Sendable, Equatable {
    public let ids: Set<String>
    public let parameterRequired: Bool

    /// One jurisdiction, parameter optional: e.g. `Jurisdictions.single("rc.cq.gov.cn")`.
    public static func single(_ id: String) -> Jurisdictions { Jurisdictions(ids: [id], parameterRequired: false) }

    public init(ids: Set<String>, parameterRequired: Bool) {
        self.ids = ids
        self.parameterRequired = parameterRequired
    }

    /// The jurisdiction a call is for, or the spec's 400/404.
    public func resolve(_ given: String?) throws(Open311Error) -> String? {
        guard let given, !given.isEmpty else {
            if parameterRequired { throw Open311Error(.missingJurisdiction) }
            return ids.count == 1 ? ids.first : nil
        }
        guard ids.contains(given) else { throw Open311Error(.unknownJurisdiction(given)) }
        return given
    }
}

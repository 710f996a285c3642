import WorkCalendar

/// The rule-relevant state of one application (申报): what the lifecycle needs to decide the
/// next move. Contents, attachments and scores live elsewhere.
public struct Application: Sendable, Equatable, Codable {
    public var id: Int64?
    public var special: Special
    public var state: ApplicationState
    /// 退回补正原因 of the latest return; kept after resubmission so the reviewer of the fix sees it.
    public var returnReason: String?
    /// How many times the formal check returned it.
    public var returnCount: Int
    /// Why it was declined, failed the formal check or withdrawn.
    public var closingReason: String?

    public init(
        id: Int64? = nil, special: Special, state: ApplicationState = .submitted,
        returnReason: String? = nil, returnCount: Int = 0, closingReason: String? = nil
    ) {
        self.id = id
        self.special = special
        self.state = state
        self.returnReason = returnReason
        self.returnCount = returnCount
        self.closingReason = closingReason
    }
}

/// An accepted action: the application before and after, for the event log.
public struct ApplicationTransition: Sendable, Equatable {
    public let before: Application
    public let after: Application
    public let action: String
    public let from: ApplicationState
    public let to: ApplicationState
    /// The reason as given.
    public let reason: String?
}

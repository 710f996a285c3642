/// In what role someone acts on one particular application. The API layer works this out from
/// the user and the application (the talent who filed it is its `applicant`, a talent officer of
/// its district its `districtOffice`, …); the rules only ask whether the capacity is there.
public enum ApplicationCapacity: Hashable, Sendable {
    /// 申报人 (for a team: the team leader who filed it).
    case applicant
    /// 区县人才办: the talent office of the application's district, which recommends (推荐).
    case districtOffice
    /// 市人才办: the city talent office, which checks form (形式审查) and decides selection.
    case cityOffice
}

/// Whoever acts, with every capacity they hold for this application.
public struct ApplicationActor: Sendable, Hashable {
    public var capacities: Set<ApplicationCapacity>

    public init(_ capacities: Set<ApplicationCapacity>) {
        self.capacities = capacities
    }

    public init(_ capacities: ApplicationCapacity...) {
        self.capacities = Set(capacities)
    }

    public func has(_ capacity: ApplicationCapacity) -> Bool { capacities.contains(capacity) }

    public static let applicant = ApplicationActor(.applicant)
    public static let districtOffice = ApplicationActor(.districtOffice)
    public static let cityOffice = ApplicationActor(.cityOffice)
}

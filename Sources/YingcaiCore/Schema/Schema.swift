import Storage

/// The schema, in order. Instants are `BIGINT` milliseconds since the epoch (UTC) and local dates
/// are `YYYY-MM-DD` text, identical on both dialects; enums are stored as their string values.
public enum Schema {
    public static let migrations: [Migration] = [
        m001Organisations,
        m002Accounts,
        m003Talents,
        m004Support,
        m005ClosedLoop,
        m006Cards,
        m007Policies,
        m008StaffPhones,
        m009OpenDeadlines,
        m010IdSequences,
        m011MonthlyFigures,
        m012PendingExtensions,
        m013WorkbenchQueues,
        m014PersonalData,
        m015Programme,
        m016SignInThrottle,
        m017PublicSubmissions,
        m018HotlineDesk,
        m019KnowledgeTitles,
        m020Open311, m021WeChat, m022Open311Projection, m023DistrictKeys, m024MonthlyPartitions, m025TalentKeys,
    ]

    /// The sums both figures tables hold, one BIGINT column each (see `StatsContribution`).
    static let statsSums = StatsContribution.columnsBefore020.map { "\($0) BIGINT NOT NULL DEFAULT 0," }.joined(separator: "\n            ")
}

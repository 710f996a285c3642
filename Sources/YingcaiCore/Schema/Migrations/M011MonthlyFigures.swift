import Storage

extension Schema {
    // The per-district sums by month of receipt as well: the figures of a long period read one row per
    // district and whole month, and days only for the months it cuts. Kept in the same write as the
    // daily rows; filled from them for existing databases.
    static let m011MonthlyFigures = Migration("011-monthly-figures", ddl: [
        """
        CREATE TABLE work_order_stats_month (
            district_code TEXT NOT NULL,
            month TEXT NOT NULL,
            shard INTEGER NOT NULL,
            \(statsSums)
            PRIMARY KEY (district_code, month, shard)
        )
        """,
        "CREATE INDEX work_order_stats_month_month ON work_order_stats_month (month)",
        """
        INSERT INTO work_order_stats_month (district_code, month, shard, \(StatsContribution.columnsBefore020.joined(separator: ", ")))
        SELECT district_code, substr(received_on, 1, 7), 0, \(StatsContribution.columnsBefore020.map { "SUM(\($0))" }.joined(separator: ", "))
        FROM work_order_stats_district GROUP BY district_code, substr(received_on, 1, 7)
        """,
    ])
}

import Storage

extension Schema {
    // Orders on the clock, counted by district, lead org and deadline: overdue and due-soon counts
    // for any node read a few hundred rows instead of every open order. Kept in the transaction of
    // every change (sharded like the figures); filled from the orders for existing databases.
    static let m009OpenDeadlines = Migration("009-open-deadlines", ddl: [
        """
        CREATE TABLE work_order_open (
            district_code TEXT NOT NULL,
            handling_deadline TEXT NOT NULL,
            lead_org TEXT NOT NULL,
            shard INTEGER NOT NULL,
            n BIGINT NOT NULL,
            PRIMARY KEY (district_code, handling_deadline, lead_org, shard)
        )
        """,
        "CREATE INDEX work_order_open_deadline ON work_order_open (handling_deadline)",
        "CREATE INDEX work_order_open_lead ON work_order_open (lead_org, handling_deadline)",
        """
        INSERT INTO work_order_open (district_code, handling_deadline, lead_org, shard, n)
        SELECT district_code, handling_deadline, COALESCE(lead_org, ''), 0, count(*) FROM work_orders WHERE on_clock = 1
        GROUP BY district_code, handling_deadline, COALESCE(lead_org, '')
        """,
    ])
}

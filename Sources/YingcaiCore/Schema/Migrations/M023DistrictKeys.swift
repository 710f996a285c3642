import Storage

extension Schema {
    // The district of an order on the rows that hang off it — its events, its co-handling orgs, its
    // escalations — so that each can be found by (district, order) as well as by order: on Citus the
    // district is the distribution column of all of them (`CitusPlacement`), and a change of an
    // order, its timeline and its escalation stay in one shard. Written with every new row.
    static let m023DistrictKeys = Migration("023-district-keys") { _ in
        ["work_order_events", "work_order_co_orgs", "escalations"].flatMap { table in [
            "ALTER TABLE \(table) ADD COLUMN district_code TEXT",
            "UPDATE \(table) SET district_code = (SELECT w.district_code FROM work_orders w WHERE w.id = \(table).order_id)",
        ] } + [
            // The key an escalation is claimed by (`ON CONFLICT`), alike on every database.
            "CREATE UNIQUE INDEX escalations_district_key ON escalations (district_code, order_id, deadline)",
        ]
    }
}

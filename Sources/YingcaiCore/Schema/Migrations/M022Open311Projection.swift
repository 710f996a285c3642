import Storage

extension Schema {
    // What an Open311 request shows of its order — state, lead department, deadline, the last note,
    // the time of the last step, the text — kept on the request's own row and changed in the same
    // write as every move of the order. A page of 1,000 requests is then one index range of one
    // table, with no join to the orders and no read of their timelines (which only
    // `extensions=true` lists).
    static let m022Open311Projection = Migration("022-open311-projection") { dialect in
        let columns = [
            "state TEXT NOT NULL DEFAULT 'received'", "lead_org TEXT", "handling_deadline TEXT NOT NULL DEFAULT ''",
            "updated_at BIGINT", "status_notes TEXT", "description TEXT NOT NULL DEFAULT ''",
        ].map { "ALTER TABLE open311_requests ADD COLUMN \($0)" }
        let order = "FROM work_orders w WHERE w.id = open311_requests.order_id"
        let backfill = """
            UPDATE open311_requests SET
                state = (SELECT w.state \(order)), lead_org = (SELECT w.lead_org \(order)),
                handling_deadline = (SELECT w.handling_deadline \(order)), description = (SELECT w.content \(order)),
                updated_at = (SELECT MAX(e.at) FROM work_order_events e WHERE e.order_id = open311_requests.order_id),
                status_notes = (SELECT e.note FROM work_order_events e WHERE e.order_id = open311_requests.order_id
                                AND e.note IS NOT NULL AND e.note <> '' ORDER BY e.seq DESC LIMIT 1)
            """
        return (columns + [backfill, "CREATE INDEX open311_requests_state ON open311_requests (state, requested_at)"]).map(dialect.ddl)
    }
}

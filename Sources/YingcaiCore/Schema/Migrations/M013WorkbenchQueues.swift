import Storage

extension Schema {
    // Where each unfinished order waits (`WorkbenchQueue`: whose move it is), beside the rule state, so
    // that a workbench tab and its count are an index read over open orders only; and which
    // co-handling organisations still owe their opinion. Filled from the rule state for existing data.
    static let m013WorkbenchQueues = Migration("013-workbench-queues") { dialect in
        let opinionGiven = dialect == .postgres
            ? "CAST(w.rules AS jsonb) -> 'opinionsFrom' @> to_jsonb(work_order_co_orgs.org_code)"
            : "EXISTS (SELECT 1 FROM json_each(w.rules, '$.opinionsFrom') j WHERE j.value = work_order_co_orgs.org_code)"
        let lastRating = dialect == .postgres
            ? "CAST(CAST(rules AS json) -> 'ratings' ->> -1 AS INTEGER)"
            : "json_extract(rules, '$.ratings[#-1]')"
        return [
            "ALTER TABLE work_orders ADD COLUMN queue TEXT",
            "ALTER TABLE work_order_co_orgs ADD COLUMN opinion_given INTEGER NOT NULL DEFAULT 0",
            """
            UPDATE work_order_co_orgs SET opinion_given = 1
            WHERE EXISTS (SELECT 1 FROM work_orders w WHERE w.id = work_order_co_orgs.order_id AND \(opinionGiven))
            """,
            """
            UPDATE work_orders SET queue = CASE state
                WHEN 'received' THEN 'dispatch' WHEN 'returned' THEN 'returned' WHEN 'dispatched' THEN 'sign'
                WHEN 'accepted' THEN 'accepted' WHEN 'suspended' THEN 'suspended' WHEN 'reopened' THEN 'reopened'
                WHEN 'resolved' THEN 'rating'
                WHEN 'in_progress' THEN CASE WHEN EXISTS (SELECT 1 FROM work_order_co_orgs c
                    WHERE c.order_id = work_orders.id AND c.opinion_given = 0) THEN 'opinions' ELSE 'progress' END
                WHEN 'rated' THEN CASE WHEN \(lastRating) <= 2 THEN 'bad-rating' ELSE 'rating' END
                END
            WHERE state NOT IN ('closed', 'rejected', 'withdrawn')
            """,
            "CREATE INDEX work_orders_queue_lead ON work_orders (lead_org, queue, handling_deadline, id) WHERE queue IS NOT NULL",
            "CREATE INDEX work_orders_queue ON work_orders (queue, handling_deadline, id) WHERE queue IS NOT NULL",
        ]
    }
}

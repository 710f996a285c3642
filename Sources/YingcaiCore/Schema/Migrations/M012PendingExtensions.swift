import Storage

extension Schema {
    // The working days an open extension request asks for, beside the rule state, so that the
    // supervisors' list of requests to decide is an index read however many orders are in progress.
    static let m012PendingExtensions = Migration("012-pending-extensions") { dialect in
        let asked = dialect == .postgres ? "CAST(CAST(rules AS json) ->> 'pendingExtension' AS INTEGER)" : "json_extract(rules, '$.pendingExtension')"
        return [
            "ALTER TABLE work_orders ADD COLUMN pending_extension INTEGER",
            "UPDATE work_orders SET pending_extension = \(asked) WHERE rules LIKE '%\"pendingExtension\"%'",
            "CREATE INDEX work_orders_pending_extension ON work_orders (district_code, pending_extension) WHERE pending_extension IS NOT NULL",
        ]
    }
}

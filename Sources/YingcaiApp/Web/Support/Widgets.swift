/// An option of a `<select>`.
struct SelectOption: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// A tab of a page's tab bar (the workbench's, the payouts'), with its count when it has one.
struct TabLink: Sendable {
    let href: String
    let label: String
    let count: Int64?
    let current: Bool

    init(href: String, label: String, count: Int64? = nil, current: Bool) {
        self.href = href; self.label = label; self.count = count; self.current = current
    }
}

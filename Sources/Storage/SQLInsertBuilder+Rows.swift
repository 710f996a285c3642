import SQLKit

extension SQLInsertBuilder {
    /// Adds several rows to one multi-row INSERT.
    @discardableResult
    public func rows(_ rows: [[any SQLExpression]]) -> Self {
        for row in rows { _ = values(row) }
        return self
    }
}

import PersonalData
import YingcaiCore

/// The one rule for `?limit=` on every list (API.md): 50 when absent, a whole number from 1 to 500
/// otherwise, or a 422 naming the field. Never silently clamped: a client asking for 0 or 10,000
/// learns that it cannot.
enum Paging {
    static let defaultLimit = 50
    static let maxLimit = 500

    static func limit(_ raw: String?) throws -> Int {
        guard let raw, !raw.isEmpty else { return defaultLimit }
        guard let value = Int(raw), (1...maxLimit).contains(value) else {
            throw CoreError.invalid("limit", "limit 为 1–\(maxLimit) 的整数 / limit is a whole number from 1 to \(maxLimit)")
        }
        return value
    }

    /// The position a client's `?cursor=` names: nil when absent, a 422 naming the field when it
    /// was not made by this city's servers or was changed.
    static func position(_ raw: String?, _ seal: CursorSeal) throws -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let position = seal.open(raw) else { throw CoreError.invalid("cursor", "分页游标无效 / the cursor is not valid") }
        return position
    }

    /// A whole-number position (an id), for lists that page by id.
    static func id(_ raw: String?, _ seal: CursorSeal) throws -> Int64? {
        guard let position = try position(raw, seal) else { return nil }
        guard let id = Int64(position) else { throw CoreError.invalid("cursor", "分页游标无效 / the cursor is not valid") }
        return id
    }
}

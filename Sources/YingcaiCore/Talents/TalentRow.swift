import Foundation
import SQLKit
import WorkCalendar

/// How a talent is read from and written to the `talents` table.
enum TalentRow {
    /// The columns every read selects: never the sealed values, which only `reveal` opens.
    static let columns = """
        id, user_id, name, id_type, id_masked, gender, nationality, phone_masked, email, employer,
        district_code, education, title, field, categories, honors, arrival_date, tier, tier_valid_until,
        created_at, updated_at
        """

    static func talent(from row: any SQLRow, today: LocalDate) throws -> Talent {
        let validUntil = try row.decode(column: "tier_valid_until", as: String?.self).flatMap { LocalDate($0) }
        let storedTier = try row.decode(column: "tier", as: String?.self).flatMap(Tier.init(rawValue:))
        // A tier lapses at the end of its last valid day.
        let tier = (validUntil.map { $0 >= today } ?? false) ? storedTier : nil
        return Talent(
            id: try row.decode(column: "id", as: Int64.self),
            userId: try row.decode(column: "user_id", as: Int64?.self),
            name: try row.decode(column: "name", as: String.self),
            idType: IDType(rawValue: try row.decode(column: "id_type", as: String.self)) ?? .residentId,
            idNumber: try row.decode(column: "id_masked", as: String.self),
            gender: try row.decode(column: "gender", as: String?.self),
            nationality: try row.decode(column: "nationality", as: String?.self),
            phone: try row.decode(column: "phone_masked", as: String?.self),
            email: try row.decode(column: "email", as: String?.self),
            employer: try row.decode(column: "employer", as: String.self),
            districtCode: try row.decode(column: "district_code", as: String.self),
            education: Education(stored: try row.decode(column: "education", as: String.self)),
            title: try row.decode(column: "title", as: String.self),
            field: try row.decode(column: "field", as: String.self),
            categories: list(try row.decode(column: "categories", as: String.self)),
            honors: list(try row.decode(column: "honors", as: String.self)),
            arrivalDate: try row.decode(column: "arrival_date", as: String?.self).flatMap { LocalDate($0) },
            tier: tier,
            tierValidUntil: tier == nil ? nil : validUntil,
            createdAt: try row.decode(column: "created_at", as: Int64.self),
            updatedAt: try row.decode(column: "updated_at", as: Int64.self))
    }

    /// Lists (categories, honours) are stored as their items joined by the ASCII unit separator
    /// (U+001F), which no form or CSV cell can carry: cheap to write and to read for millions of rows.
    static let separator: Character = "\u{1F}"

    static func list(_ stored: String) -> [String] {
        stored.isEmpty ? [] : stored.split(separator: separator, omittingEmptySubsequences: true).map(String.init)
    }

    static func joined(_ list: [String]) -> String {
        list.joined(separator: String(separator))
    }

    /// The bound values of an insert, in the order of `insertColumns`.
    static let insertColumns = [
        "user_id", "name", "id_type", "id_hash", "id_sealed", "id_masked", "gender", "birth_date", "nationality",
        "phone_hash", "phone_sealed", "phone_masked", "email", "employer", "district_code", "education", "title",
        "field", "categories", "honors", "arrival_date", "created_at", "updated_at",
    ]

    static func insertValues(_ t: CheckedTalent, userId: Int64?, now: Int64) -> [any SQLExpression] {
        [SQLBind(userId), SQLBind(t.name), SQLBind(t.idType.rawValue), SQLBind(Data(t.idHash)), SQLBind(Data(t.idSealed)),
         SQLBind(t.idMasked), SQLBind(t.gender), SQLBind(t.birthDate?.description), SQLBind(t.nationality),
         SQLBind(t.phoneHash.map { Data($0) }), SQLBind(t.phoneSealed.map { Data($0) }), SQLBind(t.phoneMasked),
         SQLBind(t.email), SQLBind(t.employer), SQLBind(t.districtCode), SQLBind(t.education), SQLBind(t.title),
         SQLBind(t.field), SQLBind(joined(t.categories)), SQLBind(joined(t.honors)), SQLBind(t.arrivalDate?.description),
         SQLBind(now), SQLBind(now)]
    }
}

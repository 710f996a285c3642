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
            education: try row.decode(column: "education", as: String.self),
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

    /// Lists are stored as JSON arrays of strings.
    static func list(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }

    static func json(_ list: [String]) -> String {
        String(decoding: try! JSONEncoder().encode(list), as: UTF8.self)
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
         SQLBind(t.field), SQLBind(json(t.categories)), SQLBind(json(t.honors)), SQLBind(t.arrivalDate?.description),
         SQLBind(now), SQLBind(now)]
    }
}

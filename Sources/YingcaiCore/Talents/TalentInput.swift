import Identity
import Organisations
import PersonalData
import WorkCalendar

/// The fields of a talent as submitted (API, CSV row, demo generator), before checking.
public struct TalentInput: Sendable, Codable {
    public var name: String?
    public var idType: String?
    public var idNumber: String?
    public var nationality: String?
    public var phone: String?
    public var email: String?
    public var employer: String?
    public var districtCode: String?
    public var education: String?
    public var title: String?
    public var field: String?
    public var categories: [String]?
    public var honors: [String]?
    public var arrivalDate: String?

    public init(name: String? = nil, idType: String? = nil, idNumber: String? = nil, nationality: String? = nil,
                phone: String? = nil, email: String? = nil, employer: String? = nil, districtCode: String? = nil,
                education: String? = nil, title: String? = nil, field: String? = nil, categories: [String]? = nil,
                honors: [String]? = nil, arrivalDate: String? = nil) {
        self.name = name; self.idType = idType; self.idNumber = idNumber; self.nationality = nationality
        self.phone = phone; self.email = email; self.employer = employer; self.districtCode = districtCode
        self.education = education; self.title = title; self.field = field; self.categories = categories
        self.honors = honors; self.arrivalDate = arrivalDate
    }
}

extension TalentInput {
    /// The names of the fields given, for the audit log (names only, never values).
    var presentFields: [String] {
        let fields: [(String, Any?)] = [
            ("name", name), ("idType", idType), ("idNumber", idNumber), ("nationality", nationality), ("phone", phone),
            ("email", email), ("employer", employer), ("districtCode", districtCode), ("education", education),
            ("title", title), ("field", field), ("categories", categories), ("honors", honors), ("arrivalDate", arrivalDate),
        ]
        return fields.compactMap { $0.1 == nil ? nil : $0.0 }
    }
}

/// A talent that passed every check, with its personal data sealed: what is written to the database.
struct CheckedTalent: Sendable {
    var name: String
    var idType: IDType
    var idHash: [UInt8]
    var idSealed: [UInt8]
    var idMasked: String
    var gender: String?
    var birthDate: LocalDate?
    var nationality: String?
    var phoneHash: [UInt8]?
    var phoneSealed: [UInt8]?
    var phoneMasked: String?
    var email: String?
    var employer: String
    var districtCode: String
    var education: String
    var title: String
    var field: String
    var categories: [String]
    var honors: [String]
    var arrivalDate: LocalDate?
}

/// The checks of a talent record, shared by the API, the CSV import and the demo generator.
struct TalentChecker: Sendable {
    let vault: PersonalDataVault
    let tree: OrgTree
    let today: LocalDate

    func check(_ input: TalentInput) -> Result<CheckedTalent, CoreError> {
        var errors = FieldErrors()
        let name = (input.name ?? "").trimmed
        if name.isEmpty || name.count > 64 {
            errors.add("name", "姓名为 1–64 个字符 / a name has 1 to 64 characters")
        }
        let idType = IDType(rawValue: input.idType ?? "resident_id")
        if idType == nil {
            errors.add("idType", "证件类型应为 resident_id 或 passport / idType is resident_id or passport")
        }
        var normalisedID: String?
        var gender: String?
        var birthDate: LocalDate?
        let rawID = input.idNumber ?? ""
        switch idType {
        case .residentId?:
            do {
                let id = try ResidentIDNumber(rawID, today: today)
                normalisedID = id.value
                gender = id.gender.rawValue
                birthDate = id.birthDate
            } catch {
                errors.add("idNumber", error.description)
            }
        case .passport?:
            do {
                normalisedID = try PassportNumber(rawID).value
            } catch {
                errors.add("idNumber", error.description)
            }
            if (input.nationality ?? "").trimmed.isEmpty {
                errors.add("nationality", "护照持有人须填写国籍 / a passport holder's nationality is required")
            }
        case nil:
            break
        }
        var phone: String?
        if let raw = input.phone?.trimmed, !raw.isEmpty {
            do { phone = try PhoneNumber(raw).value } catch { errors.add("phone", error.description) }
        }
        var email: String?
        if let raw = input.email?.trimmed, !raw.isEmpty {
            let parts = raw.split(separator: "@")
            if parts.count == 2, parts[1].contains("."), raw.count <= 254, !raw.contains(" ") {
                email = raw
            } else {
                errors.add("email", "邮箱格式不正确 / not an e-mail address")
            }
        }
        let employer = (input.employer ?? "").trimmed
        if employer.isEmpty || employer.count > 128 {
            errors.add("employer", "工作单位为 1–128 个字符 / an employer has 1 to 128 characters")
        }
        let district = (input.districtCode ?? "").trimmed
        if let code = OrgCode(district), let node = tree[code], node.kind.isDistrictLevel {
            // fine
        } else {
            errors.add("districtCode", "区县代码不存在（应为区县或功能区代码，如 500112、X-GX）/ not a district, county or zone code such as 500112 or X-GX")
        }
        let education = Education(parsing: input.education ?? "")
        if education == nil {
            errors.add("education", "学历应为 \(Education.codes.joined(separator: "、"))（或：\(Education.allCases.map(\.label.chinese).joined(separator: "、"))）/ education is one of those codes")
        }
        let title = (input.title ?? "").trimmed
        let field = (input.field ?? "").trimmed
        if title.count > 64 { errors.add("title", "职称过长 / the title is too long") }
        if field.count > 64 { errors.add("field", "领域过长 / the field is too long") }
        let categories = Self.cleanList(input.categories)
        let honors = Self.cleanList(input.honors)
        if categories.count > 20 || categories.contains(where: { $0.count > 64 || $0.contains("|") || $0.contains("\u{1F}") }) {
            errors.add("categories", "人才类别至多 20 项，每项至多 64 字符且不含 | / at most 20 categories of 64 characters without |")
        }
        if honors.count > 50 || honors.contains(where: { $0.count > 128 || $0.contains("\u{1F}") }) {
            errors.add("honors", "荣誉至多 50 项，每项至多 128 字符 / at most 50 honours of 128 characters")
        }
        var arrival: LocalDate?
        if let raw = input.arrivalDate?.trimmed, !raw.isEmpty {
            if let d = LocalDate(raw) {
                if d > today { errors.add("arrivalDate", "来渝日期不能晚于今天 / the arrival date is in the future") }
                arrival = d
            } else {
                errors.add("arrivalDate", "日期格式应为 YYYY-MM-DD / a date is YYYY-MM-DD")
            }
        }
        if !errors.list.isEmpty { return .failure(.validation(errors.list)) }
        let id = normalisedID!
        return .success(CheckedTalent(
            name: name, idType: idType!,
            idHash: vault.index(id, field: .idNumber), idSealed: vault.seal(id, field: .idNumber),
            idMasked: Masking.idNumber(id), gender: gender, birthDate: birthDate,
            nationality: idType == .passport ? input.nationality?.trimmed : nil,
            phoneHash: phone.map { vault.index($0, field: .phone) },
            phoneSealed: phone.map { vault.seal($0, field: .phone) },
            phoneMasked: phone.map(Masking.phone),
            email: email, employer: employer, districtCode: district, education: education!.stored,
            title: title, field: field, categories: categories, honors: honors, arrivalDate: arrival))
    }

    static func cleanList(_ list: [String]?) -> [String] {
        var seen = Set<String>()
        return (list ?? []).map(\.trimmed).filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

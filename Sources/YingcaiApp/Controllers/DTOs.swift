import Organisations
import YingcaiCore

/// The shapes of the API's answers: the core's values with instants as RFC 3339 strings.
struct UserDTO: Encodable {
    let id: Int64
    let username: String
    let displayName: String?
    let roles: [String]
    let orgCode: String

    init(_ p: Principal) {
        id = p.userId; username = p.username; displayName = nil
        roles = p.roles.map(\.rawValue).sorted(); orgCode = p.org.rawValue
    }

    init(_ u: User) {
        id = u.id; username = u.username; displayName = u.displayName
        roles = u.roles.map(\.rawValue); orgCode = u.orgCode.rawValue
    }
}

struct TalentDTO: Encodable {
    let id: Int64
    let name: String
    let idType: String
    let idNumber: String
    let gender: String?
    let nationality: String?
    let phone: String?
    let email: String?
    let employer: String
    let districtCode: String
    let education: String
    let educationName: String
    let title: String
    let field: String
    let categories: [String]
    let honors: [String]
    let arrivalDate: String?
    let tier: String?
    let tierValidUntil: String?
    let createdAt: String
    let updatedAt: String

    init(_ t: Talent, revealed: (idNumber: String, phone: String?)? = nil) {
        id = t.id; name = t.name; idType = t.idType.rawValue
        idNumber = revealed?.idNumber ?? t.idNumber
        gender = t.gender; nationality = t.nationality
        phone = revealed.map { $0.phone } ?? t.phone
        email = t.email; employer = t.employer; districtCode = t.districtCode; education = t.education.rawValue; educationName = t.education.label.chinese
        title = t.title; field = t.field; categories = t.categories; honors = t.honors
        arrivalDate = t.arrivalDate?.description; tier = t.tier?.rawValue; tierValidUntil = t.tierValidUntil?.description
        createdAt = RFC3339.string(t.createdAt); updatedAt = RFC3339.string(t.updatedAt)
    }
}

extension TalentDTO {
    /// Absent values are written as `null`, so that clients see every field of the contract.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(name, forKey: .name); try c.encode(idType, forKey: .idType)
        try c.encode(idNumber, forKey: .idNumber); try c.encode(gender, forKey: .gender)
        try c.encode(nationality, forKey: .nationality); try c.encode(phone, forKey: .phone)
        try c.encode(email, forKey: .email); try c.encode(employer, forKey: .employer)
        try c.encode(districtCode, forKey: .districtCode); try c.encode(education, forKey: .education)
        try c.encode(educationName, forKey: .educationName)
        try c.encode(title, forKey: .title); try c.encode(field, forKey: .field)
        try c.encode(categories, forKey: .categories); try c.encode(honors, forKey: .honors)
        try c.encode(arrivalDate, forKey: .arrivalDate); try c.encode(tier, forKey: .tier)
        try c.encode(tierValidUntil, forKey: .tierValidUntil); try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, idType, idNumber, gender, nationality, phone, email, employer, districtCode, education, educationName
        case title, field, categories, honors, arrivalDate, tier, tierValidUntil, createdAt, updatedAt
    }
}

extension TalentDTO: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("arrivalDate"); json.string(arrivalDate)
        json.key("categories"); json.strings(categories)
        json.key("createdAt"); json.string(createdAt)
        json.key("districtCode"); json.string(districtCode)
        json.key("education"); json.string(education)
        json.key("educationName"); json.string(educationName)
        json.key("email"); json.string(email)
        json.key("employer"); json.string(employer)
        json.key("field"); json.string(field)
        json.key("gender"); json.string(gender)
        json.key("honors"); json.strings(honors)
        json.key("id"); json.int(id)
        json.key("idNumber"); json.string(idNumber)
        json.key("idType"); json.string(idType)
        json.key("name"); json.string(name)
        json.key("nationality"); json.string(nationality)
        json.key("phone"); json.string(phone)
        json.key("tier"); json.string(tier)
        json.key("tierValidUntil"); json.string(tierValidUntil)
        json.key("title"); json.string(title)
        json.key("updatedAt"); json.string(updatedAt)
        json.endObject()
    }
}

extension PageDTO: JSONWritable where Item: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("items")
        json.beginArray()
        for item in items { item.write(to: &json) }
        json.endArray()
        json.key("nextCursor"); json.string(nextCursor)
        json.endObject()
    }
}

struct CertificationDTO: Encodable {
    let id: Int64
    let talentId: Int64
    let tier: String
    let basis: String
    let validFrom: String
    let validUntil: String
    let certifiedBy: Int64?
    let createdAt: String

    init(_ c: Certification) {
        id = c.id; talentId = c.talentId; tier = c.tier.rawValue; basis = c.basis
        validFrom = c.validFrom.description; validUntil = c.validUntil.description
        certifiedBy = c.certifiedBy; createdAt = RFC3339.string(c.createdAt)
    }
}

struct PageDTO<Item: Encodable>: Encodable {
    let items: [Item]
    let nextCursor: String?
}

struct OrgDTO: Encodable {
    let code: String
    let parentCode: String?
    let name: String
    let nameEn: String
    let kind: String
    let children: [OrgDTO]?

    init(_ n: OrgNode, children: [OrgDTO]? = nil) {
        code = n.code.rawValue; parentCode = n.parent?.rawValue; name = n.name; nameEn = n.nameEn
        kind = n.kind.rawValue; self.children = children
    }
}

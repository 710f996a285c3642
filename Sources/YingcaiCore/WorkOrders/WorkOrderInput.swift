import Foundation
import Identity

/// A new work order as submitted (API, hotline intake, demo).
public struct NewWorkOrder: Sendable, Codable {
    public var channel: String?
    public var category: String?
    public var serviceItemCode: String?
    public var talentId: Int64?
    public var contact: Contact?
    public var title: String?
    public var content: String?
    public var districtCode: String?
    public var urgent: Bool?
    public var form: [String: FormValidation.Value]?
    public var materials: [String: String]?

    public struct Contact: Sendable, Codable {
        public var name: String?
        public var phone: String?
        public init(name: String? = nil, phone: String? = nil) { self.name = name; self.phone = phone }
    }

    public init(channel: String? = nil, category: String? = nil, serviceItemCode: String? = nil, talentId: Int64? = nil,
                contact: Contact? = nil, title: String? = nil, content: String? = nil, districtCode: String? = nil,
                urgent: Bool? = nil, form: [String: FormValidation.Value]? = nil, materials: [String: String]? = nil) {
        self.channel = channel; self.category = category; self.serviceItemCode = serviceItemCode; self.talentId = talentId
        self.contact = contact; self.title = title; self.content = content; self.districtCode = districtCode
        self.urgent = urgent; self.form = form; self.materials = materials
    }
}

/// The body of `POST /work-orders/{id}/{action}`: every action's fields, each optional.
public struct WorkOrderActionInput: Sendable, Codable {
    public var leadOrg: String?
    public var coOrgs: [String]?
    public var note: String?
    public var reason: String?
    public var text: String?
    public var result: String?
    public var score: Int?
    public var comment: String?
    public var workdays: Int?
    public var intoId: Int64?

    public init(leadOrg: String? = nil, coOrgs: [String]? = nil, note: String? = nil, reason: String? = nil, text: String? = nil,
                result: String? = nil, score: Int? = nil, comment: String? = nil, workdays: Int? = nil, intoId: Int64? = nil) {
        self.leadOrg = leadOrg; self.coOrgs = coOrgs; self.note = note; self.reason = reason; self.text = text
        self.result = result; self.score = score; self.comment = comment; self.workdays = workdays; self.intoId = intoId
    }
}

extension WorkOrderActionInput {
    /// The texts with every phone and ID number in them masked (`PersonalNumbers`).
    func maskingPersonalNumbers() -> WorkOrderActionInput {
        func m(_ s: String?) -> String? { s.map { PersonalNumbers.masked($0).text } }
        var out = self
        out.note = m(note); out.reason = m(reason); out.text = m(text); out.result = m(result); out.comment = m(comment)
        return out
    }
}

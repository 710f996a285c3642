import Foundation
import Identity

/// An application's personal data kept apart (个人信息保护): fields the catalog types as personal
/// (phone, ID number, e-mail, address, account) and phone or ID numbers written into free text are
/// stored and shown masked, and their values kept sealed beside the order, opened only by those who
/// handle it (`WorkOrderService.personalData`), each time recorded in the audit log.
public enum PersonalForm {
    public static let personalTypes: Set<String> = ["phone", "idNumber", "email", "address", "account"]

    /// What a value of `type` looks like where it is shown.
    public static func masked(_ value: String, type: String) -> String {
        switch type {
        case "phone": Masking.phone((try? PhoneNumber(value))?.value ?? value)
        case "idNumber": Masking.idNumber(value.uppercased())
        case "email": Masking.email(value)
        case "address": Masking.address(value)
        case "account": Masking.account(value)
        default: PersonalNumbers.masked(value).text
        }
    }

    /// The form as stored and shown, and the personal values it held (by field key), to be sealed.
    public static func split(_ form: [String: FormValidation.Value], fields: [ServiceItem.FormField])
        -> (shown: [String: FormValidation.Value], personal: [String: String]) {
        let types = Dictionary(fields.map { ($0.key, $0.type) }, uniquingKeysWith: { a, _ in a })
        var shown = form
        var personal: [String: String] = [:]
        for (key, value) in form {
            guard case .text(let text) = value else { continue }
            let type = types[key] ?? "text"
            let masked = personalTypes.contains(type) ? masked(text, type: type) : PersonalNumbers.masked(text).text
            if masked != text {
                shown[key] = .text(masked)
                personal["form.\(key)"] = text
            }
        }
        return (shown, personal)
    }

    /// Free text (a title, a description) as stored and shown, with what it held if anything.
    public static func text(_ value: String, field: String, into personal: inout [String: String]) -> String {
        let masked = PersonalNumbers.masked(value).text
        if masked != value { personal[field] = value }
        return masked
    }

    /// The sealed form of the personal values, as JSON with sorted keys (nil when there are none).
    static func encode(_ personal: [String: String]) -> String? {
        guard !personal.isEmpty else { return nil }
        let data = try! JSONSerialization.data(withJSONObject: personal, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) -> [String: String] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: String] ?? [:]
    }
}

import Identity
import WorkCalendar

/// Checks an application's form against the item's form definition: required fields present,
/// values of the right type, selections among the options, no fields the form does not have.
public enum FormValidation {
    public enum Value: Sendable, Equatable, Codable {
        case text(String), number(Double), bool(Bool), null

        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let n = try? c.decode(Double.self) { self = .number(n) }
            else if let s = try? c.decode(String.self) { self = .text(s) }
            else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "a form value is text, a number, true/false or null") }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let s): try c.encode(s)
            case .number(let n): try c.encode(n)
            case .bool(let b): try c.encode(b)
            case .null: try c.encodeNil()
            }
        }
    }

    /// An ID number's birth date is checked against the registry, not here: any date up to this one.
    static let anyDay = LocalDate(year: 2999, month: 12, day: 31)!

    public static func check(_ form: [String: Value], against fields: [ServiceItem.FormField]) -> [FieldError] {
        var errors: [FieldError] = []
        let known = Set(fields.map(\.key))
        for key in form.keys.sorted() where !known.contains(key) {
            errors.append(FieldError(field: "form.\(key)", message: "表单没有此项 / the form has no such field"))
        }
        for field in fields {
            let path = "form.\(field.key)"
            let value = form[field.key] ?? .null
            if case .null = value {
                if field.required { errors.append(FieldError(field: path, message: "「\(field.label)」为必填项 / required")) }
                continue
            }
            if case .text(let s) = value, s.trimmed.isEmpty {
                if field.required { errors.append(FieldError(field: path, message: "「\(field.label)」为必填项 / required")) }
                continue
            }
            switch (field.type, value) {
            case ("text", .text(let s)):
                if s.count > 2000 { errors.append(FieldError(field: path, message: "「\(field.label)」至多 2000 字 / at most 2000 characters")) }
            case ("select", .text(let s)):
                if let options = field.options, !options.contains(s) {
                    errors.append(FieldError(field: path, message: "「\(field.label)」应为：\(options.joined(separator: "、")) / one of the options"))
                }
            case ("date", .text(let s)):
                if LocalDate(s) == nil { errors.append(FieldError(field: path, message: "「\(field.label)」应为日期 YYYY-MM-DD / a date")) }
            case ("number", .number(let n)):
                if !n.isFinite || n < 0 || n > 1e12 { errors.append(FieldError(field: path, message: "「\(field.label)」应为非负数 / a number from 0")) }
            case ("boolean", .bool):
                break
            case ("phone", .text(let s)):
                do { _ = try PhoneNumber(s) } catch { errors.append(FieldError(field: path, message: "「\(field.label)」：\(error.description)")) }
            case ("idNumber", .text(let s)):
                if (try? ResidentIDNumber(s, today: Self.anyDay)) == nil && (try? PassportNumber(s)) == nil {
                    errors.append(FieldError(field: path, message: "「\(field.label)」应为有效的居民身份证号或护照号 / a valid ID or passport number"))
                }
            case ("email", .text(let s)):
                let parts = s.split(separator: "@")
                if parts.count != 2 || !parts[1].contains(".") || s.count > 254 || s.contains(" ") {
                    errors.append(FieldError(field: path, message: "「\(field.label)」邮箱格式不正确 / not an e-mail address"))
                }
            case ("address", .text(let s)):
                if s.count > 200 { errors.append(FieldError(field: path, message: "「\(field.label)」至多 200 字 / at most 200 characters")) }
            case ("account", .text(let s)):
                if !(4...40).contains(s.count) || !s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == " ") }) {
                    errors.append(FieldError(field: path, message: "「\(field.label)」应为 4–40 位字母或数字 / 4 to 40 letters or digits"))
                }
            default:
                errors.append(FieldError(field: path, message: "「\(field.label)」类型应为 \(field.type) / expected \(field.type)"))
            }
        }
        return errors
    }
}

/// Why an identity number is refused. Each message is Chinese first, then English, for the person
/// who typed it; none of them repeats the number.
public enum IdentityError: Error, Hashable, Sendable, CustomStringConvertible {
    case wrongLength(Int)
    case notDigits
    case unknownProvince(Int)
    case impossibleBirthDate
    case futureBirthDate
    case badCheckCharacter
    case badPassport

    public var description: String {
        switch self {
        case .wrongLength(let n):
            return "身份证号应为 18 位（当前 \(n) 位）/ a resident ID number has 18 characters (got \(n))"
        case .notDigits:
            return "身份证号前 17 位须为数字，末位为数字或 X / the first 17 characters must be digits and the last a digit or X"
        case .unknownProvince(let p):
            return "身份证号的省级行政区划代码 \(p) 不存在 / province code \(p) does not exist"
        case .impossibleBirthDate:
            return "身份证号中的出生日期不存在 / the birth date in the number does not exist"
        case .futureBirthDate:
            return "身份证号中的出生日期晚于今天 / the birth date in the number is in the future"
        case .badCheckCharacter:
            return "身份证号校验位错误，请核对 / the check character is wrong: please check the number"
        case .badPassport:
            return "护照号码应为 5–20 位字母或数字 / a passport number has 5 to 20 letters or digits"
        }
    }
}

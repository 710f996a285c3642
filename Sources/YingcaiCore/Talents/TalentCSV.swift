import Foundation
/// The CSV columns of the registry, each with the header names accepted on import (English and
/// Chinese) and the header written on export.
enum TalentColumn: String, CaseIterable, Sendable {
    case name, idType, idNumber, nationality, phone, email, employer, districtCode, education, title, field
    case categories, honors, arrivalDate, tier, tierValidUntil

    /// The Chinese header, written on export and accepted on import.
    var chinese: String {
        switch self {
        case .name: return "姓名"
        case .idType: return "证件类型"
        case .idNumber: return "证件号码"
        case .nationality: return "国籍"
        case .phone: return "手机号"
        case .email: return "邮箱"
        case .employer: return "工作单位"
        case .districtCode: return "区县代码"
        case .education: return "学历"
        case .title: return "职称"
        case .field: return "领域"
        case .categories: return "人才类别"
        case .honors: return "荣誉"
        case .arrivalDate: return "来渝日期"
        case .tier: return "层次"
        case .tierValidUntil: return "层次有效期至"
        }
    }

    /// Other spellings met in the spreadsheets talent offices keep.
    var aliases: [String] {
        switch self {
        case .idNumber: return ["身份证号", "身份证号码", "证件号"]
        case .phone: return ["手机号码", "联系电话", "电话"]
        case .email: return ["电子邮箱"]
        case .districtCode: return ["所在区县", "区县"]
        case .field: return ["专业领域"]
        case .arrivalDate: return ["到渝日期", "引进日期"]
        case .tier: return ["人才层次"]
        default: return []
        }
    }

    static func from(header: String) -> TalentColumn? {
        let h = header.trimmed.replacingOccurrences(of: "\u{FEFF}", with: "")
        let folded = h.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: " ", with: "")
        return allCases.first { c in
            c.rawValue.lowercased() == folded || c.chinese == h || c.aliases.contains(h)
        }
    }

    /// Lists in a cell are separated by `;`, `；`, `|` or `、`.
    static func splitList(_ cell: String) -> [String] {
        cell.split(whereSeparator: { ";；|、".contains($0) }).map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    static func idType(_ cell: String) -> String {
        switch cell.trimmed {
        case "", "身份证": return IDType.residentId.rawValue
        default: return IDType(parsing: cell)?.rawValue ?? cell.trimmed
        }
    }
}

/// Writes CSV that Excel opens cleanly: UTF-8 with a byte-order mark, CRLF line ends, every field
/// quoted where needed, and cells that Excel would run as formulas (`=`, `+`, `-`, `@`) prefixed
/// with an apostrophe (CSV injection).
public enum ExcelCSV {
    public static let byteOrderMark = "\u{FEFF}"

    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        var v = value
        if let first = v.first, "=+-@\t\r".contains(first) { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}

/// One problem in an imported arrangement table, with the physical line it was found on.
public struct ArrangementImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The file has no header line at all.
        case emptyFile
        /// The bytes are not UTF-8 (an export in GBK, say).
        case badEncoding
        /// The header lacks a required column (`date`/日期 or `kind`/类型).
        case missingColumn(String)
        /// The row has fewer fields than the header needs.
        case missingField(String)
        /// Not a real date in `YYYY-MM-DD` form.
        case badDate(String)
        /// Not one of holiday/休/假日 or workday/班/调休上班.
        case unknownKind(String)
        /// The date is not in the year being imported.
        case dateOutsideYear(LocalDate, year: Int)
        /// The date already appeared on `firstLine`.
        case duplicateDate(LocalDate, firstLine: Int)
        /// A 调休上班 day must be a weekend day: Mon–Fri is a working day anyway.
        case workdayNotOnWeekend(LocalDate)
        /// A header but no dates, so there is no year to replace.
        case noRows
    }

    public let line: Int
    public let reason: Reason

    public init(line: Int, reason: Reason) {
        self.line = line
        self.reason = reason
    }

    /// A message for the admin, in Chinese like the rest of the admin interface.
    public var description: String {
        "第\(line)行：" + {
            switch reason {
            case .emptyFile: return "文件为空，缺少表头 date,kind,name（或 日期,类型,名称）"
            case .badEncoding: return "文件不是 UTF-8 编码，请另存为 CSV UTF-8"
            case .missingColumn(let column): return "表头缺少“\(column)”列"
            case .missingField(let column): return "缺少“\(column)”字段"
            case .badDate(let text): return "日期“\(text)”无效，应为 YYYY-MM-DD"
            case .unknownKind(let text): return "类型“\(text)”无法识别，应为 holiday/休/假日 或 workday/班/调休上班"
            case .dateOutsideYear(let date, let year): return "日期 \(date) 不在导入的年份 \(year) 内，一次导入只能包含同一年"
            case .duplicateDate(let date, let firstLine): return "日期 \(date) 重复，已在第\(firstLine)行出现"
            case .workdayNotOnWeekend(let date): return "\(date) 是周一至周五，本来就是工作日，不能列为调休上班"
            case .noRows: return "没有任何日期"
            }
        }()
    }
}

/// Every problem found in an import, in line order; the import is all or nothing.
public struct ArrangementImportFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public let errors: [ArrangementImportError]

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

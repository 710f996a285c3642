import Foundation

extension TalentRegistry {
    /// The header line of an export.
    public static var exportHeader: String {
        ExcelCSV.byteOrderMark + ExcelCSV.line(
            ["编号"] + [TalentColumn.name, .idType, .idNumber, .nationality, .phone, .email, .employer, .districtCode,
                        .education, .title, .field, .categories, .honors, .arrivalDate, .tier, .tierValidUntil].map(\.chinese))
    }

    /// One talent as an export line: personal data masked, as in every list.
    public static func exportLine(_ t: Talent) -> String {
        ExcelCSV.line([
            String(t.id), t.name, t.idType.label.chinese, t.idNumber, t.nationality ?? "",
            t.phone ?? "", t.email ?? "", t.employer, t.districtCode, t.education.label.chinese, t.title, t.field,
            t.categories.joined(separator: ";"), t.honors.joined(separator: ";"), t.arrivalDate?.description ?? "",
            t.tier?.rawValue ?? "", t.tierValidUntil?.description ?? "",
        ])
    }

    /// Streams every talent matching `query` that the caller may see, page by page, to `write`.
    public func export(_ query: TalentQuery, by principal: Principal, write: (String) async throws -> Void) async throws -> Int {
        var q = query
        q.limit = 500
        q.cursor = nil
        var count = 0
        try await write(Self.exportHeader)
        while true {
            let page = try await search(q, by: principal)
            var chunk = ""
            for t in page.items { chunk += Self.exportLine(t) }
            if !chunk.isEmpty { try await write(chunk) }
            count += page.items.count
            guard let next = page.nextCursor else { return count }
            q.cursor = next
        }
    }
}

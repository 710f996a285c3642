import Foundation
import Organisations
import ProgrammeRules

extension Programme {
    /// A special's ranked list as CSV that Excel opens cleanly (BOM, CRLF, formula-safe fields): place,
    /// applicant, employer, district, project, field, the raw mean and the normalised score, the state,
    /// and whether the application is tied at the quota line. For the city talent office.
    public func rankingCSV(_ year: Int, special code: String, by p: Principal) async throws -> (text: String, rows: Int) {
        let view = try await ranking(year, special: code, by: p)
        let tree = try await orgs.tree()
        var text = ExcelCSV.byteOrderMark + ExcelCSV.line([
            "名次 place", "申报编号 application", "专项 special", "申报人 applicant", "工作单位 employer", "区县 district", "项目名称 project",
            "学科领域 field", "原始均分 raw mean", "标准化得分 normalised", "专家数 reviewers", "状态 state", "并列 tied",
        ])
        for row in view.rows {
            let a = row.application
            text += ExcelCSV.line([
                a.place.map(String.init) ?? "", String(a.id), a.special.chinese, a.applicantName, a.employer,
                tree[OrgCode(a.districtCode) ?? OrgCode("500000")!]?.name ?? a.districtCode, a.title,
                FieldTaxonomy.standard.field(a.field)?.chinese ?? a.field,
                a.rawScore.map { String(format: "%.4f", $0) } ?? "", a.score.map { String(format: "%.4f", $0) } ?? "",
                String(row.scores.count), a.state.chinese, a.tied ? "是" : "",
            ])
        }
        return (text, view.rows.count)
    }
}

import Foundation
import Organisations
import WorkCalendar
import YingcaiCore

/// How the pages write times, rates, money and organisations.
enum Formatting {
    /// Shown in Beijing time, as staff and talents read clocks.
    static func dateTime(_ millis: Int64) -> String { ShanghaiTime.minute(millis) }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.1f%%", value * 100)
    }

    static func yuan(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + String(out.reversed())
    }

    /// An organisation by name: a department with its node's name before it (渝北区人力社保局).
    static func orgName(_ code: String?, _ tree: OrgTree, english: Bool) -> String {
        guard let code, let node = OrgCode(code).flatMap({ tree[$0] }) else { return code ?? "—" }
        if node.kind == .department, let parent = node.parent, let p = tree[parent] {
            // District departments are often named with their district already (渝北区人力资源和社会保障局).
            if english { return node.nameEn.hasPrefix(p.nameEn) ? node.nameEn : "\(p.nameEn) \(node.nameEn)" }
            return node.name.hasPrefix(p.name) ? node.name : p.name + node.name
        }
        return english ? node.nameEn : node.name
    }
}

extension Visit {
    func orgName(_ code: String?, _ tree: OrgTree) -> String { Formatting.orgName(code, tree, english: english) }
}

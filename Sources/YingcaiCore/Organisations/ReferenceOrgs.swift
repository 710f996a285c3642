import Foundation
import Organisations

/// The reference organisations shipped with the product (`Resources/orgs.json`, copied from the
/// city's reference data): the city, its 41 districts, counties and functional zones, and the 20
/// departments, present at the city and at every district-level node.
public enum ReferenceOrgs {
    struct File: Decodable {
        struct Entry: Decodable {
            let code: String
            let name: String
            let nameEn: String
            let kind: String?
        }
        let city: Entry
        let districts: [Entry]
        let departments: [Entry]
    }

    public static let nodes: [OrgNode] = {
        let url = Bundle.module.url(forResource: "orgs", withExtension: "json", subdirectory: "Resources")!
        let file = try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        let city = OrgCode(file.city.code)!
        var nodes = [OrgNode(code: city, parent: nil, name: file.city.name, nameEn: file.city.nameEn, kind: .city)]
        var departmentParents = [city]
        for d in file.districts {
            let code = OrgCode(d.code)!
            nodes.append(OrgNode(code: code, parent: city, name: d.name, nameEn: d.nameEn,
                                 kind: OrgKind(rawValue: d.kind ?? "district") ?? .district))
            departmentParents.append(code)
        }
        for parent in departmentParents {
            let parentNode = nodes.first { $0.code == parent }!
            for dept in file.departments {
                nodes.append(OrgNode(
                    code: OrgCode("\(parent.rawValue):\(dept.code)")!, parent: parent,
                    name: parent == city ? "重庆市\(dept.name)" : "\(parentNode.name)\(dept.name)",
                    nameEn: "\(dept.nameEn), \(parentNode.nameEn)", kind: .department))
            }
        }
        return nodes
    }()

    /// The department codes (`HRSS`, `PSB`, …) with their names.
    public static let departments: [(code: String, name: String, nameEn: String)] = {
        let url = Bundle.module.url(forResource: "orgs", withExtension: "json", subdirectory: "Resources")!
        let file = try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        return file.departments.map { ($0.code, $0.name, $0.nameEn) }
    }()
}

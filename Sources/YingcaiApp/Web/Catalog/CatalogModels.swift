import Organisations
import YingcaiCore

/// 服务事项: the catalog with its search and filter.
struct CatalogPage: Sendable {
    struct Item: Sendable {
        let code: String
        let name: String
        let kindName: String
        let department: String
        let commitWorkdays: Int
        let tiers: String
    }

    let q: String
    let kinds: [SelectOption]
    let count: String
    let items: [Item]
}

/// One item: what it is, what it needs, and the application form for a talent of a tier it serves.
struct ItemPage: Sendable {
    struct Item: Sendable {
        let code: String
        let name: String
        let description: String
        let department: String
        let commitWorkdays: Int
        let tiers: String
        let materials: [Material]
    }

    struct Material: Sendable {
        let code: String
        let name: String
        let required: Bool
    }

    struct Field: Sendable {
        let key: String
        let label: String
        let required: Bool
        let options: [String]
        let isSelect: Bool
        let isBoolean: Bool
        let isInput: Bool
        let inputType: String
    }

    let item: Item
    let fields: [Field]
    let canApply: Bool
    /// A one-time key of the form, so that a form sent twice files one order.
    let once: String?
    let cannotApply: String?
    let error: String?
}

extension Visit {
    /// A department of the catalog (`HRSS`) by its name (人力社保局).
    func departmentName(_ code: String, _ tree: OrgTree) -> String {
        guard let node = OrgCode("500000:\(code)").flatMap({ tree[$0] }) else { return code }
        return english ? node.nameEn : node.name
    }
}

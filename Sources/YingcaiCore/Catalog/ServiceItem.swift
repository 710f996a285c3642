import Foundation

/// One of the 68 items of the one-stop catalog (渝快办 服务事项), as `service-catalog.json` gives it.
public struct ServiceItem: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var nameEn: String
    /// public 公共服务, policy 政策服务, market 市场服务
    public var kind: String
    /// The owning department (`HRSS`, `PSB`, …).
    public var department: String
    /// `city`: the city-level department handles it; `district`: its counterpart in the applicant's district.
    public var handledAt: String
    public var coDepartments: [String]
    public var eligibleTiers: [String]
    /// 承诺时限: the promised working days.
    public var commitWorkdays: Int
    /// 法定时限: the statutory working days.
    public var statutoryWorkdays: Int
    public var channels: [String]
    public var materials: [Material]
    public var form: [FormField]
    public var description: String
    public var descriptionEn: String

    public struct Material: Sendable, Codable, Equatable {
        public var code: String
        public var name: String
        public var required: Bool
    }

    public struct FormField: Sendable, Codable, Equatable {
        public var key: String
        public var label: String
        /// text, select, date, number or boolean; or a kind of personal data, kept sealed and shown
        /// masked (`PersonalForm`): phone, idNumber, email, address, account.
        public var type: String
        public var required: Bool
        public var options: [String]?

        public init(key: String, label: String, type: String, required: Bool, options: [String]? = nil) {
            self.key = key; self.label = label; self.type = type; self.required = required; self.options = options
        }
    }
}

/// The tiers of `service-catalog.json` (A 顶尖人才 … E).
public struct TierInfo: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var nameEn: String
    public var description: String
}

/// The catalog as shipped in `Resources/service-catalog.json`.
public enum ReferenceCatalog {
    struct File: Decodable {
        let version: String
        let tiers: [TierInfo]
        let items: [ServiceItem]
    }

    static let file: File = {
        let url = Bundle.module.url(forResource: "service-catalog", withExtension: "json", subdirectory: "Resources")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }()

    public static var items: [ServiceItem] { file.items }
    public static var tiers: [TierInfo] { file.tiers }
}

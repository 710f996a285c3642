import Organisations

/// The demo's users as the loader acts for them: real accounts where the demo has one (the
/// handlers of 渝北区人社局 and 市公安局 among them), and a department's name for the others.
struct DemoPeople: Sendable {
    let admin: Principal
    let dispatcher: Principal
    let supervisor: Principal
    let yubeiHRSS: Principal
    let cityPSB: Principal
    let talent1: Principal
    let talent2: Principal
    let verifier: Principal

    static let talent1Phone = "13800235678"
    /// A small PDF that stands for an applicant's scanned material.
    static let samplePDF = Array("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)

    static func load(from app: Yingcai) async throws -> DemoPeople {
        func principal(_ username: String) async throws -> Principal {
            guard let user = try await app.accounts.user(username: username), let p = try await app.accounts.principal(userId: user.id) else {
                throw DemoData.DemoError.missingUser(username)
            }
            return p
        }
        return DemoPeople(admin: try await principal("admin"), dispatcher: try await principal("dispatcher"),
                          supervisor: try await principal("supervisor"), yubeiHRSS: try await principal("handler-yubei-hrss"),
                          cityPSB: try await principal("handler-city-psb"), talent1: try await principal("talent1"),
                          talent2: try await principal("talent2"), verifier: try await principal("verifier"))
    }

    /// A handler of `org`: the demo user of that department, or someone acting under its name.
    func handler(_ org: String) -> Principal {
        if org == yubeiHRSS.org.rawValue { return yubeiHRSS }
        if org == cityPSB.org.rawValue { return cityPSB }
        if org == admin.org.rawValue { return admin }
        return Principal(userId: 0, username: "承办人@\(org)", roles: [.handler], org: OrgCode(org)!, talentId: nil)
    }
}

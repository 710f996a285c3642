import ArgumentParser
import Organisations
import YingcaiCore

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage user accounts.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user.")
        @OptionGroup var common: CommonOptions
        @Option var username: String
        @Option var password: String
        @Option(help: "A role (repeatable): \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: [String]
        @Option(help: "Organisation code, e.g. 500000, 500112 or 500112:HRSS.") var org: String
        @Option(help: "Display name.") var name: String?

        func run() async throws {
            let roles = try role.map { r -> Role in
                guard let role = Role(rawValue: r) else { throw ValidationError("unknown role \(r)") }
                return role
            }
            try await withCore(common) { core in
                do {
                    let user = try await core.accounts.create(.init(username: username, displayName: name, password: password, roles: roles, orgCode: org))
                    print("created user \(user.username) (id \(user.id)) with \(roles.map(\.rawValue).joined(separator: ",")) at \(user.orgCode)")
                } catch let CoreError.validation(errors) {
                    throw ValidationError(errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
                } catch let CoreError.conflict(message) {
                    throw ValidationError(message)
                }
            }
        }
    }
}

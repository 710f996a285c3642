import ArgumentParser
import Foundation
import Organisations
import ProgrammeRules
import YingcaiCore

struct ProgrammeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "programme", abstract: "The talent programme (重庆英才计划).",
                                                    subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a call's ranked list of one special as CSV that Excel opens cleanly (as the city talent office sees it).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The call's year, e.g. 2026.") var call: Int
        @Option(help: "The special: \(Special.allCases.map(\.rawValue).joined(separator: ", ")).") var special: String
        @Option(help: "Output file (standard output if omitted).") var out: String?

        func run() async throws {
            try await withCore(common) { core in
                let office = Principal(userId: 0, username: "cli", roles: [.admin], org: OrgCode(Programme.cityOffice)!, talentId: nil)
                let (text, rows) = try await core.programme.rankingCSV(call, special: special, by: office)
                if let out {
                    try text.write(toFile: out, atomically: true, encoding: .utf8)
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
                FileHandle.standardError.write(Data("exported \(rows) ranked applications of \(call) \(special)\n".utf8))
            }
        }
    }
}

import ArgumentParser
import Foundation
import Organisations
import YingcaiCore

struct KnowledgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kb", abstract: "The hotline knowledge base (热线知识库).",
                                                    subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import approved articles from CSV (header: title,body,category,keywords,items,scope,effectiveOn,expiresOn,orgCode; lists joined by |) or JSON lines; they are published at once.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The file: .csv, or .jsonl with one article a line.") var file: String

        func run() async throws {
            try await withCore(common) { core in
                let admin = Principal(userId: 0, username: "cli", roles: [.admin], org: OrgCode("500000:TALENT")!, talentId: nil)
                let bar = ProgressTotal(unit: "articles")
                let report = try await KnowledgeImport.run(path: file, into: core.knowledge, by: admin) { done, total in
                    bar.bar(total: total).update(done)
                }
                bar.finish(report.imported + report.errors.count)
                for e in report.errors.prefix(50) {
                    FileHandle.standardError.write(Data("line \(e.line): \(e.message)\n".utf8))
                }
                if report.errors.count > 50 { FileHandle.standardError.write(Data("… \(report.errors.count - 50) more\n".utf8)) }
                print("imported \(report.imported) articles, \(report.errors.count) rows refused")
                if !report.errors.isEmpty { throw ExitCode(1) }
            }
        }
    }
}

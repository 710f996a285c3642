import ArgumentParser
import Foundation
import Organisations
import YingcaiCore

struct PoliciesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policies", abstract: "Proactive payout (免申即享): check rule files, run the published policies.",
                                                    subcommands: [Check.self, Publish.self, Run.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Parse and type-check a policy file; on an error print line and column and exit 1.")
        @Argument(help: "The policy file (docs/policy-language.md).") var file: String

        func run() async throws {
            guard let source = try? String(contentsOfFile: file, encoding: .utf8) else { throw ValidationError("cannot read \(file) as UTF-8") }
            switch Policies.check(source) {
            case .success(let p):
                print("\(file): ok — \(p.name ?? "(unnamed)"), \(p.conditions.count) conditions, \(p.period.label.chinese) / \(p.period.label.english)")
            case .failure(let e):
                FileHandle.standardError.write(Data("\(file):\(e.line):\(e.column): \(e.chinese)\n\(file):\(e.line):\(e.column): \(e.english)\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Evaluate every published policy over every talent and write the payouts (once per policy, talent and period).")
        @OptionGroup var common: CommonOptions
        @Flag(help: "Evaluate and report only; write nothing.") var dryRun = false
        @Flag(help: "Print the report as JSON.") var json = false

        func run() async throws {
            try await withCore(common) { core in
                let progress = ProgressTotal()
                let report = try await core.policyEngine.run(dryRun: dryRun, by: nil) { done, total in
                    progress.bar(total: total).update(done)
                }
                progress.finish(report.talents)
                if json {
                    let e = JSONEncoder()
                    e.outputFormatting = [.prettyPrinted, .sortedKeys]
                    print(String(decoding: try e.encode(report), as: UTF8.self))
                    return
                }
                print("\(report.dryRun ? "试算 dry run" : "运行 run \(report.runId ?? 0)") \(report.evaluationDate): \(report.talents) talents")
                for p in report.policies {
                    print("  \(p.code) \(p.name) v\(p.version) [\(p.period)]: eligible \(p.eligible), \(report.dryRun ? "would propose" : "proposed") \(p.proposed) = \(p.amount) yuan; already had \(p.alreadyHad); not eligible \(p.notEligible); failed \(p.failed)"
                          + (p.stoppedAtBudget ? "; budget reached, \(p.leftForBudget) left (\(report.budgetOrder))" : ""))
                }
            }
        }
    }
}

/// A progress bar whose total is known only once the run has counted the talents.
final class ProgressTotal: @unchecked Sendable {
    private var current: ProgressBar?
    private let lock = NSLock()
    let unit: String

    init(unit: String = "talents") { self.unit = unit }

    func bar(total: Int) -> ProgressBar {
        lock.lock()
        defer { lock.unlock() }
        if let current, current.total == max(1, total) { return current }
        let made = ProgressBar(total: total, unit: unit)
        current = made
        return made
    }

    func finish(_ done: Int) {
        lock.lock()
        let bar = current
        lock.unlock()
        bar?.finish(done)
    }
}

extension PoliciesCommand {
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create (or revise) a policy from a rule file, check it and publish it, as the operator.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The policy file.") var file: String
        @Option(help: "Policy code, e.g. AJBT-2026.") var code: String
        @Option(help: "Name shown to talents.") var name: String
        @Option(help: "Issuing department, e.g. 500000:TALENT.") var department: String
        @Option(help: "Budget cap in yuan.") var budgetCap: Int64?
        @Option(help: "Effective from (YYYY-MM-DD; default today).") var effectiveFrom: String?

        func run() async throws {
            guard let source = try? String(contentsOfFile: file, encoding: .utf8) else { throw ValidationError("cannot read \(file) as UTF-8") }
            try await withCore(common) { core in
                let operatorPrincipal = Principal(userId: 0, username: "operator", roles: [.admin], org: OrgCode("500000")!, talentId: nil)
                let input = PolicyInput(code: code, name: name, department: department, source: source, effectiveFrom: effectiveFrom, budgetCap: budgetCap)
                do {
                    if (try? await core.policies.get(code)) != nil {
                        _ = try await core.policies.revise(code, input, by: operatorPrincipal)
                    } else {
                        _ = try await core.policies.create(input, by: operatorPrincipal)
                    }
                    _ = try await core.policies.check(code, by: operatorPrincipal)
                    let p = try await core.policies.publish(code, by: operatorPrincipal)
                    print("published \(p.code) version \(p.publishedVersion ?? 0)")
                } catch let CoreError.validation(errors) {
                    throw ValidationError(errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
                }
            }
        }
    }
}

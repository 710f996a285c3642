import YingcaiCore

/// 政策: the policies with their latest versions, a run's report, and the form of a new policy.
struct PoliciesPage: Sendable {
    struct Policy: Sendable {
        let code: String
        let name: String
        let department: String
        let latestVersion: Int
        let state: String
    }

    let policies: [Policy]
    let report: RunReport?
    let error: String?
}

/// One policy: its rule text with live checking, its budget cap, and check / dry-run / publish.
struct PolicyPage: Sendable {
    struct Policy: Sendable {
        let code: String
        let name: String
        let department: String
        let latestVersion: Int
        let state: String
        let source: String
        let cap: String
        let capValue: String
    }

    let policy: Policy
    let report: RunReport?
    let error: String?
}

/// What a run or a dry run did, in lines a person reads.
struct RunReport: Sendable {
    let heading: String
    let lines: [String]

    init(_ r: PolicyEngine.RunReport, _ v: Visit) {
        heading = r.dryRun ? v.pick("试算结果（未写入）", "Dry run (nothing written)") : v.pick("运行结果", "Run")
        lines = [v.pick("评估日期 \(r.evaluationDate)，人才 \(r.talents) 人", "Evaluated on \(r.evaluationDate), \(r.talents) talents")]
            + r.policies.map { p in
                v.pick("\(p.name)：\(r.dryRun ? "将发放" : "已生成") \(p.proposed) 笔，共 \(Formatting.yuan(p.amount)) 元"
                       + (p.stoppedAtBudget ? "；已达预算上限，另有 \(p.leftForBudget) 人待预算" : ""),
                       "\(p.name): \(p.proposed) payouts, \(Formatting.yuan(p.amount)) yuan"
                       + (p.stoppedAtBudget ? "; budget reached, \(p.leftForBudget) waiting" : ""))
            }
    }
}

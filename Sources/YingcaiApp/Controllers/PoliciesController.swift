import Foundation
import Hummingbird
import YingcaiCore

/// 免申即享 over HTTP: policies and their versions, dry runs and runs, the talent's view, and payouts.
struct PoliciesController {
    let app: Yingcai

    func code(_ context: AppContext) throws -> String {
        guard let code = context.parameters.get("code") else { throw Problem.notFound() }
        return code
    }

    func add(to api: APIRoutes) {
        api.get("/policies") { _, context in
            let user = try context.user()
            guard !user.isTalentOnly else { throw Problem.notFound() }
            return try JSON.response(["items": try await app.policies.list().map(PolicyDTO.init)])
        }
        api.post("/policies") { request, context in
            let user = try context.user()
            let bytes = try await request.bodyData(context)
            let input = try JSON.decode(PolicyInput.self, from: bytes)
            return try await idempotentCreate(app, request, context, body: bytes) { _ in
                try JSON.text(PolicyDTO(try await app.policies.create(input, by: user)))
            }
        }
        api.post("/policies/check-source") { request, context in
            struct Body: Decodable { let source: String }
            _ = try context.user()
            let body = try await JSON.decode(Body.self, from: request, context: context)
            switch Policies.check(body.source) {
            case .success(let p):
                return try JSON.response(SourceCheckDTO(ok: true, period: p.period.rawValue, conditions: p.conditions.count, error: nil))
            case .failure(let e):
                return try JSON.response(SourceCheckDTO(ok: false, period: nil, conditions: nil,
                                                        error: .init(line: e.line, column: e.column, message: e.chinese, messageEn: e.english)))
            }
        }
        api.get("/policies/{code}") { _, context in
            let user = try context.user()
            guard !user.isTalentOnly, let code = context.parameters.get("code") else { throw Problem.notFound() }
            return try JSON.response(PolicyDTO(try await app.policies.get(code)))
        }
        // One route per move: each has its own body (only a new version has one) and answer.
        api.post("/policies/{code}/versions") { request, context in
            let input = try await JSON.decode(PolicyInput.self, from: request, context: context)
            return try JSON.response(PolicyDTO(try await app.policies.revise(try code(context), input, by: try context.user())), status: .created)
        }
        api.post("/policies/{code}/check") { _, context in
            try JSON.response(PolicyDTO(try await app.policies.check(try code(context), by: try context.user())))
        }
        api.post("/policies/{code}/publish") { _, context in
            try JSON.response(PolicyDTO(try await app.policies.publish(try code(context), by: try context.user())))
        }
        api.post("/policies/{code}/dry-run") { _, context in
            let policy = try code(context)
            _ = try await app.policies.get(policy)
            return try JSON.response(try await app.policyEngine.run(dryRun: true, only: policy, latest: true, by: try context.user()))
        }
        api.post("/policy-runs") { request, context in
            struct Body: Decodable { let dryRun: Bool? }
            let user = try context.user()
            let bytes = try await request.bodyData(context)
            // A run that pays is asked for in writing: an empty body, or one without `dryRun`, runs nothing.
            let body = bytes.isEmpty ? Body(dryRun: nil) : try JSON.decode(Body.self, from: bytes)
            guard let dryRun = body.dryRun else {
                throw CoreError.validation([FieldError(field: "dryRun", message: "须写明 dryRun：true 只试算，false 生成发放 / say dryRun: true to simulate, false to propose payouts")])
            }
            let report = try await app.policyEngine.run(dryRun: dryRun, by: user)
            return try JSON.response(report, status: report.dryRun ? .ok : .created)
        }
        api.get("/me/policies") { _, context in
            let (met, missed) = try await app.policyEngine.forTalent(try context.user())
            return try JSON.response(MyPoliciesDTO(
                eligible: met.map { .init(policyCode: $0.code, name: $0.name, amount: $0.amount, period: $0.period, periodName: $0.periodLabel,
                                          payoutState: $0.payoutState, payoutId: $0.payoutId, reason: $0.reason) },
                notEligible: missed.map { .init(policyCode: $0.code, name: $0.name, missing: $0.missing, missingEn: $0.missingEn) }))
        }
        api.get("/payouts") { request, context in
            let q = request.uri.queryParameters
            let limit = try Paging.limit(q.get("limit"))
            let list = try await app.payouts.list(by: try context.user(), policy: q.get("policy"), state: q.get("state"), limit: limit,
                                                  after: try Paging.id(q.get("cursor"), app.cursors))
            return try JSON.response(PageDTO(items: list.map(PayoutDTO.init), nextCursor: list.count == limit ? list.last.map { app.cursors.seal(String($0.id)) } : nil))
        }
        api.post("/payouts/{id}/{action}") { request, context in
            let user = try context.user()
            guard let id = context.parameters.get("id", as: Int64.self), let action = context.parameters.get("action") else { throw Problem.notFound() }
            struct Body: Decodable { let reason: String?; let paymentReference: String? }
            let bytes = try await request.bodyData(context)
            let body = bytes.isEmpty ? Body(reason: nil, paymentReference: nil) : try JSON.decode(Body.self, from: bytes)
            let payout: Payout
            switch action {
            case "confirm": payout = try await app.payouts.confirm(id, by: user)
            case "approve": payout = try await app.payouts.approve(id, by: user)
            case "pay": payout = try await app.payouts.pay(id, reference: body.paymentReference, by: user)
            case "decline": payout = try await app.payouts.decline(id, reason: body.reason, by: user)
            default: throw Problem.notFound()
            }
            return try JSON.response(PayoutDTO(payout))
        }
    }
}

struct PolicyDTO: Encodable {
    struct Version: Encodable {
        let version: Int
        let state: String
        let source: String
        let period: String?
        let effectiveFrom: String
        let effectiveUntil: String?
        let budgetCap: Int64?
        let createdAt: String
        let publishedAt: String?
    }
    let code: String
    let name: String
    let department: String
    let latestVersion: Int
    let publishedVersion: Int?
    let state: String
    let versions: [Version]

    init(_ p: PolicyRecord) {
        code = p.code; name = p.name; department = p.department; latestVersion = p.latestVersion; publishedVersion = p.publishedVersion
        state = p.latest.state.rawValue
        versions = p.versions.map {
            Version(version: $0.version, state: $0.state.rawValue, source: $0.source, period: $0.period, effectiveFrom: $0.effectiveFrom.description,
                    effectiveUntil: $0.effectiveUntil?.description, budgetCap: $0.budgetCap, createdAt: RFC3339.string($0.createdAt),
                    publishedAt: $0.publishedAt.map(RFC3339.string))
        }
    }
}

struct SourceCheckDTO: Encodable {
    struct Failure: Encodable {
        let line: Int
        let column: Int
        let message: String
        let messageEn: String
    }
    let ok: Bool
    let period: String?
    let conditions: Int?
    let error: Failure?
}

struct MyPoliciesDTO: Encodable {
    struct Met: Encodable {
        let policyCode: String
        let name: String
        let amount: Int64
        let period: String
        let periodName: String
        let payoutState: String?
        let payoutId: Int64?
        let reason: String

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(policyCode, forKey: .policyCode); try c.encode(name, forKey: .name); try c.encode(amount, forKey: .amount)
            try c.encode(period, forKey: .period); try c.encode(periodName, forKey: .periodName)
            try c.encode(payoutState, forKey: .payoutState); try c.encode(payoutId, forKey: .payoutId); try c.encode(reason, forKey: .reason)
        }
        enum CodingKeys: String, CodingKey { case policyCode, name, amount, period, periodName, payoutState, payoutId, reason }
    }
    struct Missed: Encodable {
        let policyCode: String
        let name: String
        let missing: String
        let missingEn: String
    }
    let eligible: [Met]
    let notEligible: [Missed]
}

struct PayoutDTO: Encodable {
    let id: Int64
    let policyCode: String
    let policyName: String
    let department: String
    let talentId: Int64
    let period: String
    let amount: Int64
    let reason: String
    let state: String
    let stateName: String
    let workOrderId: Int64?
    let paymentReference: String?
    let declineReason: String?
    let createdAt: String
    let updatedAt: String

    init(_ p: Payout) {
        id = p.id; policyCode = p.policyCode; policyName = p.policyName; department = p.department; talentId = p.talentId
        period = p.period; amount = p.amount; reason = p.reason; state = p.state.rawValue; stateName = p.state.chinese
        workOrderId = p.workOrderId; paymentReference = p.paymentReference; declineReason = p.declineReason
        createdAt = RFC3339.string(p.createdAt); updatedAt = RFC3339.string(p.updatedAt)
    }
}

import Foundation
import Hummingbird
import YingcaiCore

/// 政策管理 (免申即享): write a policy as a rule with live checking, check it, dry-run it, publish it,
/// and run every published policy. Each step goes through the same use cases as the API.
struct PolicyPages {
    let web: Web
    var app: Yingcai { web.app }

    func add(to table: RouteTable) {
        table.page(.get, "/admin/policies") { request, _ in
            try await web.page(request) { v in try await listPage(v, report: nil, error: nil) }
        }
        table.page(.post, "/admin/policies") { request, _ in
            try await web.page(request) { v in
                try v.requireAdmin()
                let f = try await web.form(request, v)
                let input = PolicyInput(code: f["code"], name: f["name"], department: f["department"], source: f["source"],
                                        budgetCap: try Web.number(f, "budgetCap", as: Int64.self))
                return try await Web.redisplaying({ error, status in try await listPage(v, report: nil, error: error, status: status) }) {
                    let p = try await app.policies.create(input, by: v.user)
                    return Web.redirect("/admin/policies/\(p.code)")
                }
            }
        }
        table.page(.post, "/admin/policies/check") { request, _ in
            // Live checking while typing: JSON for the page's script, behind the session and CSRF token.
            try await web.page(request) { v in
                try v.requireAdmin()
                let f = try await web.form(request, v)
                let body: [String: Any]
                switch Policies.check(f["source"] ?? "") {
                case .success(let p):
                    body = ["ok": true, "message": v.pick("检查通过：\(p.conditions.count) 个条件，\(p.period.label.chinese)",
                                                          "Checks: \(p.conditions.count) conditions, \(p.period.label.english)")]
                case .failure(let e):
                    body = ["ok": false, "line": e.line, "column": e.column, "message": v.english ? e.english : e.chinese]
                }
                return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))))
            }
        }
        table.page(.post, "/admin/policies/run") { request, _ in
            try await web.page(request) { v in
                try v.requireAdmin()
                let f = try await web.form(request, v)
                let report = try await app.policyEngine.run(dryRun: f["dryRun"] == "1", by: v.user)
                return try await listPage(v, report: report, error: nil)
            }
        }
        table.page(.get, "/admin/policies/{code}") { request, context in
            try await web.page(request) { v in try await policyPage(v, code: context.parameters.get("code") ?? "", report: nil, error: nil) }
        }
        table.page(.post, "/admin/policies/{code}") { request, context in
            try await web.page(request) { v in try await change(request, v, code: context.parameters.get("code") ?? "") }
        }
    }

    func change(_ request: Request, _ v: Visit, code: String) async throws -> Response {
        try v.requireAdmin()
        let f = try await web.form(request, v)
        let p = v.user
        return try await Web.redisplaying({ error, status in try await policyPage(v, code: code, report: nil, error: error, status: status) }) {
            switch f["do"] ?? "save" {
            case "check":
                _ = try await saveIfChanged(code, f, by: p)
                _ = try await app.policies.check(code, by: p)
            case "dry-run":
                _ = try await saveIfChanged(code, f, by: p)
                let report = try await app.policyEngine.run(dryRun: true, only: code, latest: true, by: p)
                return try await policyPage(v, code: code, report: report, error: nil)
            case "publish":
                _ = try await app.policies.publish(code, by: p)
            default:
                _ = try await app.policies.revise(code, PolicyInput(source: f["source"], budgetCap: try Web.number(f, "budgetCap", as: Int64.self)), by: p)
            }
            return Web.redirect("/admin/policies/\(code)")
        }
    }

    /// Saves the text as a new version when it differs from the latest.
    func saveIfChanged(_ code: String, _ f: [String: String], by p: Principal) async throws -> PolicyRecord {
        let current = try await app.policies.get(code)
        let cap = try Web.number(f, "budgetCap", as: Int64.self)
        if let source = f["source"], source.replacingOccurrences(of: "\r\n", with: "\n") != current.latest.source || cap != current.latest.budgetCap {
            return try await app.policies.revise(code, PolicyInput(source: source.replacingOccurrences(of: "\r\n", with: "\n"), budgetCap: cap), by: p)
        }
        return current
    }

    func listPage(_ v: Visit, report: PolicyEngine.RunReport?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        try v.requireAdmin()
        let page = PoliciesPage(
            policies: try await app.policies.list().map {
                .init(code: $0.code, name: $0.name, department: $0.department, latestVersion: $0.latestVersion, state: v.label($0.latest.state))
            },
            report: report.map { RunReport($0, v) }, error: error)
        return web.render("policies", page, v, title: v.t("policies"), status: status)
    }

    func policyPage(_ v: Visit, code: String, report: PolicyEngine.RunReport?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        try v.requireAdmin()
        let p = try await app.policies.get(code)
        let page = PolicyPage(
            policy: .init(code: p.code, name: p.name, department: p.department, latestVersion: p.latestVersion,
                          state: v.label(p.latest.state), source: p.latest.source,
                          cap: p.latest.budgetCap.map(Formatting.yuan) ?? "—", capValue: p.latest.budgetCap.map(String.init) ?? ""),
            report: report.map { RunReport($0, v) }, error: error)
        return web.render("policy", page, v, title: p.name, status: status)
    }
}

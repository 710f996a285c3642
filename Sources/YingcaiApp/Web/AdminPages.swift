import Foundation
import Hummingbird
import Identity
import Organisations
import YingcaiCore

/// Admin pages: policies (edit with live checking, dry run, publish, run), the calendar (import a
/// year) and users. Each goes through the same use cases as the API.
struct AdminPages {
    let web: Web
    var app: Yingcai { web.app }

    func requireAdmin(_ v: Web.Visit) throws {
        guard v.principal!.has(.admin) else { throw CoreError.forbidden(v.t("forbidden")) }
    }

    func add(to table: RouteTable) {
        addTalents(table)
        addCatalog(table)
        table.page(.get, "/admin/policies") { request, _ in
            try await web.page(request) { v in try await listPage(v, report: nil, error: nil) }
        }
        table.page(.post, "/admin/policies") { request, _ in
            try await web.page(request) { v in
                try requireAdmin(v)
                let f = try await web.form(request, v)
                let input = PolicyInput(code: f["code"], name: f["name"], department: f["department"], source: f["source"],
                                        budgetCap: try Web.number(f, "budgetCap", as: Int64.self))
                return try await Web.redisplaying({ error, status in try await listPage(v, report: nil, error: error, status: status) }) {
                    let p = try await app.policies.create(input, by: v.principal!)
                    return Web.redirect("/admin/policies/\(p.code)")
                }
            }
        }
        table.page(.post, "/admin/policies/check") { request, _ in
            // Live checking while typing: JSON for the page's script, behind the session and CSRF token.
            try await web.page(request) { v in
                try requireAdmin(v)
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
                try requireAdmin(v)
                let f = try await web.form(request, v)
                let report = try await app.policyEngine.run(dryRun: f["dryRun"] == "1", by: v.principal!)
                return try await listPage(v, report: report, error: nil)
            }
        }
        table.page(.get, "/admin/policies/{code}") { request, context in
            try await web.page(request) { v in try await policyPage(v, code: context.parameters.get("code") ?? "", report: nil, error: nil) }
        }
        table.page(.post, "/admin/policies/{code}") { request, context in
            try await web.page(request) { v in
                try requireAdmin(v)
                let code = context.parameters.get("code") ?? ""
                let f = try await web.form(request, v)
                let p = v.principal!
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
        }
        table.page(.get, "/admin/calendar") { request, _ in
            try await web.page(request) { v in try await calendarPage(v, error: nil) }
        }
        table.page(.post, "/admin/calendar") { request, _ in
            try await web.page(request) { v in
                try requireAdmin(v)
                let (fields, files) = try await web.multipart(request, v)
                guard let file = files["file"] else { return try await calendarPage(v, error: v.pick("请选择文件", "Choose a file"), status: .unprocessableContent) }
                return try await Web.redisplaying({ error, status in try await calendarPage(v, error: error, status: status) }) {
                    _ = try await app.calendars.importYear(csv: String(decoding: file.bytes, as: UTF8.self),
                                                           year: try Web.number(fields, "year"), by: v.principal!)
                    return Web.redirect("/admin/calendar")
                }
            }
        }
        table.page(.get, "/admin/users") { request, _ in
            try await web.page(request) { v in try await usersPage(v, error: nil) }
        }
        table.page(.post, "/admin/users") { request, _ in
            try await web.page(request) { v in
                try requireAdmin(v)
                let f = try await web.form(request, v)
                guard let role = f["role"].flatMap(Role.init(rawValue:)) else { throw CoreError.invalid("role", "未知角色 / unknown role") }
                return try await Web.redisplaying({ error, status in try await usersPage(v, error: error, status: status) }) {
                    _ = try await app.accounts.create(.init(username: f["username"] ?? "", displayName: f["displayName"], password: f["password"] ?? "",
                                                            roles: [role], orgCode: f["orgCode"] ?? "", workPhone: f["workPhone"]), by: v.principal!)
                    return Web.redirect("/admin/users")
                }
            }
        }
        table.page(.get, "/admin/orgs") { request, _ in
            try await web.page(request) { v in try await orgsPage(v, code: request.uri.queryParameters.get("code"), error: nil) }
        }
        table.page(.post, "/admin/orgs") { request, _ in
            try await web.page(request) { v in
                try requireAdmin(v)
                let f = try await web.form(request, v)
                let parent = f["parentCode"] ?? ""
                guard let code = OrgCode((f["code"] ?? "").trimmingCharacters(in: .whitespaces)), let kind = f["kind"].flatMap(OrgKind.init(rawValue:)) else {
                    return try await orgsPage(v, code: parent, error: v.pick("机构代码或类型无效", "Invalid code or kind"), status: .unprocessableContent)
                }
                let name = (f["name"] ?? "").trimmingCharacters(in: .whitespaces)
                return try await Web.redisplaying({ error, status in try await orgsPage(v, code: parent, error: error, status: status) }) {
                    _ = try await app.orgs.add(OrgNode(code: code, parent: OrgCode(parent), name: name,
                                                       nameEn: (f["nameEn"] ?? "").isEmpty ? name : f["nameEn"]!, kind: kind), by: v.principal!)
                    return Web.redirect("/admin/orgs?code=\(parent)")
                }
            }
        }
    }

    func usersPage(_ v: Web.Visit, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        try requireAdmin(v)
        let users = try await app.accounts.list(by: v.principal!, limit: 500, after: nil)
        var ctx = web.base(v, title: v.t("users"))
        ctx["users"] = users.map { ["username": $0.username, "displayName": $0.displayName, "roles": $0.roles.map(\.rawValue).sorted().joined(separator: ", "),
                                    "org": $0.orgCode.rawValue] }
        ctx["roles"] = Role.allCases.map(\.rawValue)
        ctx["error"] = error as Any
        return web.render("users", ctx, status: status)
    }

    func orgsPage(_ v: Web.Visit, code: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        try requireAdmin(v)
        let tree = try await app.orgs.tree()
        let area = tree.area(of: v.principal!.org)
        let node = code.flatMap { OrgCode($0) }.flatMap { tree[$0] } ?? tree[area]!
        guard tree.isWithin(node.code, area) else { throw CoreError.notFound("org") }
        var ctx = web.base(v, title: v.t("orgs") + " · " + PagesController.orgName(node.code.rawValue, tree, v))
        ctx["code"] = node.code.rawValue
        if let parent = node.parent, tree.isWithin(parent, area) {
            ctx["parentCode"] = parent.rawValue
            ctx["parentName"] = PagesController.orgName(parent.rawValue, tree, v)
        }
        ctx["children"] = tree.children(of: node.code).map { ["code": $0.code.rawValue, "name": v.english ? $0.nameEn : $0.name, "kind": $0.kind.rawValue] }
        ctx["kinds"] = (node.kind.childKinds.map(\.rawValue).sorted() + (node.kind == .city || node.kind.isDistrictLevel ? ["department"] : []))
        ctx["error"] = error as Any
        return web.render("orgs", ctx, status: status)
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

    func reportContext(_ r: PolicyEngine.RunReport, _ v: Web.Visit) -> [String: Any] {
        ["heading": r.dryRun ? v.pick("试算结果（未写入）", "Dry run (nothing written)") : v.pick("运行结果", "Run"),
         "lines": [v.pick("评估日期 \(r.evaluationDate)，人才 \(r.talents) 人", "Evaluated on \(r.evaluationDate), \(r.talents) talents")]
            + r.policies.map { p in
                v.pick("\(p.name)：\(r.dryRun ? "将发放" : "已生成") \(p.proposed) 笔，共 \(Web.yuan(p.amount)) 元" + (p.stoppedAtBudget ? "；已达预算上限，另有 \(p.leftForBudget) 人待预算" : ""),
                       "\(p.name): \(p.proposed) payouts, \(Web.yuan(p.amount)) yuan" + (p.stoppedAtBudget ? "; budget reached, \(p.leftForBudget) waiting" : ""))
            }]
    }

    func listPage(_ v: Web.Visit, report: PolicyEngine.RunReport?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        try requireAdmin(v)
        var ctx = web.base(v, title: v.t("policies"))
        ctx["policies"] = try await app.policies.list().map {
            ["code": $0.code, "name": $0.name, "department": $0.department, "latestVersion": $0.latestVersion, "state": $0.latest.state.rawValue]
        }
        if let report { ctx["report"] = reportContext(report, v) }
        ctx["error"] = error as Any
        return web.render("policies", ctx, status: status)
    }

    func policyPage(_ v: Web.Visit, code: String, report: PolicyEngine.RunReport?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        try requireAdmin(v)
        let p = try await app.policies.get(code)
        var ctx = web.base(v, title: p.name)
        ctx["policy"] = ["code": p.code, "name": p.name, "department": p.department, "latestVersion": p.latestVersion,
                         "state": p.latest.state.rawValue, "source": p.latest.source,
                         "cap": p.latest.budgetCap.map(Web.yuan) ?? "—", "capValue": p.latest.budgetCap.map(String.init) ?? ""]
        if let report { ctx["report"] = reportContext(report, v) }
        ctx["error"] = error as Any
        return web.render("policy", ctx, status: status)
    }

    func calendarPage(_ v: Web.Visit, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        try requireAdmin(v)
        var ctx = web.base(v, title: v.t("calendar"))
        let rows = try await app.db.read { db in try await db.raw("SELECT year, imported_at FROM calendar_years ORDER BY year").all() }
        let imported = Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(column: "year", as: Int.self), try $0.decode(column: "imported_at", as: Int64.self)) })
        ctx["years"] = (2020...2027).map { year -> [String: Any] in
            ["year": year, "summary": imported[year].map { v.pick("已导入 \(Web.dateTime($0))", "imported \(Web.dateTime($0))") }
                ?? (year <= 2026 ? v.pick("随软件提供（国务院办公厅通知）", "shipped (State Council notices)") : v.pick("未导入：按周一至周五计", "not loaded: Monday–Friday assumed"))]
        }
        ctx["error"] = error as Any
        return web.render("calendar", ctx, status: status)
    }

    // MARK: Talents and their cards

    func addTalents(_ table: RouteTable) {
        table.page(.get, "/admin/talents") { request, _ in
            try await web.page(request) { v in
                let p = v.principal!
                guard p.hasAny(.admin, .butler) else { throw CoreError.forbidden(v.t("forbidden")) }
                let tree = try await app.orgs.tree()
                let q = (request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespaces)
                let page = try await app.talents.search(TalentQuery(q: q.isEmpty ? nil : q, limit: 50), by: p)
                var ctx = web.base(v, title: v.t("talents"))
                ctx["q"] = q
                ctx["talents"] = page.items.map { t -> [String: Any] in
                    ["id": t.id, "name": t.name, "idNumber": t.idNumber, "tier": t.tier?.rawValue ?? "—",
                     "district": PagesController.orgName(t.districtCode, tree, v), "phone": t.phone ?? "—"]
                }
                return web.render("talents", ctx)
            }
        }
        table.page(.get, "/admin/talents/{id}") { request, context in
            try await web.page(request) { v in try await talentPage(v, id: context.parameters.get("id", as: Int64.self) ?? 0, error: nil) }
        }
        table.page(.post, "/admin/talents/{id}/card") { request, context in
            try await web.page(request) { v in
                let id = context.parameters.get("id", as: Int64.self) ?? 0
                let f = try await web.form(request, v)
                guard let action = f["action"].flatMap(CardAction.init(rawValue:)) else { throw CoreError.notFound("action") }
                return try await Web.redisplaying({ error, status in try await talentPage(v, id: id, error: error, status: status) }) {
                    _ = try await app.cards.act(action, talentId: id, reason: f["reason"], by: v.principal!)
                    return Web.redirect("/admin/talents/\(id)")
                }
            }
        }
        table.page(.post, "/admin/talents/{id}/certify") { request, context in
            try await web.page(request) { v in
                let id = context.parameters.get("id", as: Int64.self) ?? 0
                let f = try await web.form(request, v)
                return try await Web.redisplaying({ error, status in try await talentPage(v, id: id, error: error, status: status) }) {
                    _ = try await app.db.transaction { db in
                        try await app.talents.certify(id, .init(tier: f["tier"], validUntil: f["validUntil"], basis: f["basis"]), by: v.principal!, on: db)
                    }
                    return Web.redirect("/admin/talents/\(id)")
                }
            }
        }
    }

    func talentPage(_ v: Web.Visit, id: Int64, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = v.principal!
        guard p.hasAny(.admin, .butler) else { throw CoreError.forbidden(v.t("forbidden")) }
        let talent = try await app.talents.talent(id, by: p)
        let tree = try await app.orgs.tree()
        var ctx = web.base(v, title: talent.name)
        ctx["talent"] = ["id": talent.id, "name": talent.name, "idNumber": talent.idNumber, "phone": talent.phone ?? "—",
                         "tier": talent.tier?.rawValue ?? "—", "tierValidUntil": talent.tierValidUntil?.description ?? "—",
                         "district": PagesController.orgName(talent.districtCode, tree, v), "employer": talent.employer]
        let card = try await app.cards.card(ofTalent: id, by: p)
        if let card {
            ctx["card"] = ["number": card.number, "status": card.status.rawValue, "statusName": v.english ? card.status.rawValue : card.status.chinese,
                           "validUntil": card.validUntil.description, "statusReason": card.statusReason as Any]
        }
        if p.has(.admin) {
            var actions: [(CardAction, String)] = []
            switch card?.status {
            case .active?: actions = [(.suspend, "cardSuspend"), (.revoke, "cardRevoke"), (.renew, "cardRenew")]
            case .suspended?: actions = [(.resume, "cardResume"), (.revoke, "cardRevoke")]
            case .expired?: actions = [(.revoke, "cardRevoke"), (.renew, "cardRenew")]
            case .revoked?, nil: actions = [(.renew, "cardRenew")]
            }
            ctx["cardActions"] = actions.map { ["name": $0.0.rawValue, "label": v.t($0.1), "needsReason": $0.0 == .suspend || $0.0 == .revoke] }
            ctx["tiers"] = ["A", "B", "C", "D", "E"]
        }
        ctx["certifications"] = try await app.talents.certifications(of: id, by: p).map {
            ["tier": $0.tier.rawValue, "validFrom": $0.validFrom.description, "validUntil": $0.validUntil.description, "basis": $0.basis]
        }
        ctx["verifications"] = try await app.codes.verifications(ofTalent: id, by: p, limit: 20).map {
            ["at": Web.dateTime($0.at), "org": PagesController.orgName($0.verifierOrg, tree, v),
             "result": $0.valid ? v.t("valid") : ($0.reason ?? "")]
        }
        ctx["error"] = error as Any
        return web.render("talent", ctx, status: status)
    }

    // MARK: Catalog

    func addCatalog(_ table: RouteTable) {
        table.page(.get, "/admin/catalog") { request, _ in
            try await web.page(request) { v in try await catalogPage(v, error: nil) }
        }
        table.page(.post, "/admin/catalog/{code}") { request, context in
            try await web.page(request) { v in
                try requireAdmin(v)
                let code = context.parameters.get("code") ?? ""
                let f = try await web.form(request, v)
                var patch = Catalog.ItemPatch()
                return try await Web.redisplaying({ error, status in try await catalogPage(v, error: "\(code)：" + error, status: status) }) {
                    patch.commitWorkdays = try Web.number(f, "commitWorkdays")
                    patch.statutoryWorkdays = try Web.number(f, "statutoryWorkdays")
                    patch.eligibleTiers = f["eligibleTiers"].map { $0.split(whereSeparator: { "/, ".contains($0) }).map(String.init) }
                    _ = try await app.catalog.update(code, patch, by: v.principal!)
                    return Web.redirect("/admin/catalog")
                }
            }
        }
    }

    func catalogPage(_ v: Web.Visit, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        try requireAdmin(v)
        var ctx = web.base(v, title: v.t("catalog"))
        ctx["items"] = try await app.catalog.list().map { i -> [String: Any] in
            ["code": i.code, "name": v.english ? i.nameEn : i.name, "department": i.department, "tiers": i.eligibleTiers.joined(separator: "/"),
             "commitWorkdays": i.commitWorkdays, "statutoryWorkdays": i.statutoryWorkdays]
        }
        ctx["error"] = error as Any
        return web.render("catalog-admin", ctx, status: status)
    }
}

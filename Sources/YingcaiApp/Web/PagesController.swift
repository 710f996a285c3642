import Foundation
import HTTPTypes
import Hummingbird
import Organisations
import QRCode
import WorkCalendar
import WorkOrderRules
import YingcaiCore

/// The web console: sign-in, the talent's portal, the catalog and applications, orders with their
/// actions, the staff workbench, the dispatcher's intake, the dashboard and the admin pages.
/// Every page reads through the same use cases as the API, so visibility and rules are the same.
struct PagesController {
    let web: Web
    var app: Yingcai { web.app }

    func add(to table: RouteTable) {
        addSession(table)
        addPortal(table)
        addOrders(table)
        addStaff(table)
        DashboardPage(web: web).add(to: table)
        AdminPages(web: web).add(to: table)
    }

    // MARK: Sign-in, language

    func addSession(_ table: RouteTable) {
        table.page(.get, "/") { request, _ in
            try await web.page(request, signedIn: false) { v in
                guard let p = v.principal else { return Web.redirect("/login") }
                return Web.redirect(Self.home(of: p))
            }
        }
        table.page(.get, "/login") { request, _ in
            try await web.page(request, signedIn: false) { v in
                loginPage(v, next: request.uri.queryParameters.get("next") ?? "", username: "", error: nil)
            }
        }
        table.page(.post, "/login") { request, _ in
            try await web.page(request, signedIn: false) { v in
                let body = try await request.body.collect(upTo: 64 * 1024)
                let fields = Web.decodeForm(String(buffer: body))
                let pre = request.cookies[Web.loginCookie]?.value
                let next = Self.safeNext(fields["next"])
                guard let pre, fields["_csrf"] == pre else {
                    return loginPage(v, next: next, username: fields["username"] ?? "",
                                     error: v.pick("表单已过期，请重试", "The form has expired; try again"))
                }
                do {
                    let session = try await app.accounts.login(username: fields["username"] ?? "", password: fields["password"] ?? "")
                    guard let principal = try await app.accounts.authenticate(token: session.token) else { throw CoreError.unauthenticated("") }
                    var response = Web.redirect(next.isEmpty ? Self.home(of: principal) : next)
                    response.setCookie(Cookie(name: Web.sessionCookie, value: session.token, maxAge: Int(app.config.tokenLifetimeSeconds),
                                              path: "/", secure: web.secureCookies, httpOnly: true, sameSite: .lax))
                    response.setCookie(Cookie(name: Web.loginCookie, value: "", maxAge: 0, path: "/", secure: web.secureCookies, httpOnly: true, sameSite: .strict))
                    return response
                } catch CoreError.tooManyAttempts {
                    return loginPage(v, next: next, username: fields["username"] ?? "", error: v.t("tooMany"), status: .tooManyRequests)
                } catch CoreError.unauthenticated, CoreError.validation {
                    return loginPage(v, next: next, username: fields["username"] ?? "", error: v.t("badLogin"), status: .unauthorized)
                }
            }
        }
        table.page(.post, "/logout") { request, _ in
            try await web.page(request) { v in
                _ = try await web.form(request, v)
                if let token = v.token { try await app.accounts.logout(token: token) }
                var response = Web.redirect("/login")
                response.setCookie(Cookie(name: Web.sessionCookie, value: "", maxAge: 0, path: "/", secure: web.secureCookies, httpOnly: true, sameSite: .lax))
                return response
            }
        }
        table.page(.get, "/lang") { request, _ in
            let to = request.uri.queryParameters.get("to") == "en" ? "en" : "zh"
            var response = Web.redirect(Self.safeNext(request.uri.queryParameters.get("back")).isEmpty ? "/" : Self.safeNext(request.uri.queryParameters.get("back")))
            response.setCookie(Cookie(name: Web.langCookie, value: to, maxAge: 365 * 86_400, path: "/", secure: web.secureCookies, httpOnly: false, sameSite: .lax))
            return response
        }
    }

    func loginPage(_ v: Web.Visit, next: String, username: String, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let pre = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        var ctx = web.base(v, title: v.t("signIn"))
        ctx["loginCsrf"] = pre
        ctx["next"] = Self.safeNext(next)
        ctx["username"] = username
        ctx["error"] = error as Any
        var response = web.render("login", ctx, status: status)
        response.setCookie(Cookie(name: Web.loginCookie, value: pre, maxAge: 3600, path: "/", secure: web.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// A local path only (never another site), for redirects after sign-in.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("\r"), !next.contains("\n") else { return "" }
        return next
    }

    static func home(of p: Principal) -> String {
        if p.isTalentOnly { return "/portal" }
        if p.has(.leader) { return "/dashboard" }
        if p.has(.verifier) && p.roles.count == 1 { return "/verify" }
        return "/workbench"
    }

    // MARK: Talent portal

    func addPortal(_ table: RouteTable) {
        table.page(.get, "/portal") { request, _ in
            try await web.page(request) { v in
                let p = v.principal!
                guard p.has(.talent), let talentId = p.talentId else { throw CoreError.notFound("portal") }
                let talent = try await app.talents.talent(talentId, by: p)
                let tree = try await app.orgs.tree()
                var ctx = web.base(v, title: v.pick("我的英才服务", "My talent services"))
                ctx["talent"] = ["tier": talent.tier?.rawValue ?? "-", "talentName": talent.name,
                                 "tierLabel": talent.tier.map { v.pick("\($0.rawValue) 类人才", "Tier \($0.rawValue)") } ?? v.pick("未认定", "Not certified"),
                                 "districtName": Self.orgName(talent.districtCode, tree, v)]
                if let card = try await app.cards.card(ofTalent: talentId, by: p) {
                    ctx["card"] = ["number": card.number, "statusName": v.english ? card.status.rawValue : card.status.chinese,
                                   "validUntil": card.validUntil.description]
                }
                do {
                    try await app.codes.checkCanShowCode(p)
                    ctx["codeAvailable"] = true
                } catch let CoreError.conflict(message) {
                    ctx["codeAvailable"] = false
                    ctx["codeReason"] = message
                }
                if let butler = try await app.talents.butlerOf(talentId) {
                    ctx["butler"] = ["name": butler.name, "phone": butler.phone as Any]
                }
                let open = try await app.workOrders.list(WorkOrderQuery(talentId: talentId, limit: 50), by: p).items
                    .filter { $0.record.rules.state.isOpen }
                ctx["orders"] = open.map { orderRow($0, tree, v) }
                let (met, missed) = try await app.policyEngine.forTalent(p)
                ctx["eligible"] = met.map { m -> [String: Any] in
                    ["name": m.name, "amount": Web.yuan(m.amount), "periodName": m.periodLabel,
                     "payoutStateName": m.payoutState.flatMap(PayoutState.init(rawValue:)).map { v.english ? $0.rawValue : $0.chinese } ?? "—",
                     "payoutId": m.payoutId as Any, "canConfirm": m.payoutState == "proposed", "csrf": v.csrf]
                }
                ctx["missed"] = missed.map { ["name": $0.name, "missing": v.english ? $0.missingEn : $0.missing] }
                return web.render("portal", ctx)
            }
        }
        table.page(.get, "/portal/code.svg") { request, _ in
            try await web.page(request) { v in
                let code = try await app.codes.issue(for: v.principal!)
                let svg = try QRCode(text: code.token).svg(moduleSize: 4, quietZone: 4, title: v.t("talentCode"))
                return Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: svg)))
            }
        }
        table.page(.post, "/portal/payouts/{id}/confirm") { request, context in
            try await web.page(request) { v in
                _ = try await web.form(request, v)
                guard let id = context.parameters.get("id", as: Int64.self) else { throw CoreError.notFound("payout") }
                let payout = try await app.payouts.confirm(id, by: v.principal!)
                return Web.redirect(payout.workOrderId.map { "/orders/\($0)" } ?? "/portal")
            }
        }
        table.page(.get, "/catalog") { request, _ in
            try await web.page(request) { v in
                let q = request.uri.queryParameters
                let kind = q.get("kind").flatMap { $0.isEmpty ? nil : $0 }
                let text = (q.get("q") ?? "").trimmingCharacters(in: .whitespaces)
                var items = try await app.catalog.list(kind: kind)
                if !text.isEmpty { items = items.filter { $0.name.contains(text) || $0.nameEn.localizedCaseInsensitiveContains(text) || $0.code == text } }
                var ctx = web.base(v, title: v.t("catalog"))
                ctx["q"] = text
                ctx["kinds"] = [("", v.t("all")), ("public", v.pick("公共服务", "Public services")), ("policy", v.pick("政策服务", "Policy services")),
                                ("market", v.pick("市场服务", "Market services"))].map { ["value": $0.0, "label": $0.1, "selected": $0.0 == (kind ?? "")] }
                ctx["count"] = v.pick("共 \(items.count) 项", "\(items.count) services")
                ctx["items"] = items.map { i -> [String: Any] in
                    ["code": i.code, "name": v.english ? i.nameEn : i.name, "kindName": i.kind, "department": i.department,
                     "commitWorkdays": i.commitWorkdays, "tiers": i.eligibleTiers.joined(separator: "/")]
                }
                return web.render("catalog", ctx)
            }
        }
        table.page(.get, "/catalog/{code}") { request, context in
            try await web.page(request) { v in
                try await itemPage(v, code: context.parameters.get("code") ?? "", error: nil)
            }
        }
        table.page(.post, "/catalog/{code}/apply") { request, context in
            try await web.page(request) { v in
                let code = context.parameters.get("code") ?? ""
                guard let item = try await app.catalog.item(code) else { throw CoreError.notFound("item \(code)") }
                let p = v.principal!
                let (fields, files) = try await web.multipart(request, v)
                var form: [String: FormValidation.Value] = [:]
                for f in item.form {
                    let raw = (fields["form.\(f.key)"] ?? "").trimmingCharacters(in: .whitespaces)
                    if raw.isEmpty { continue }
                    switch f.type {
                    case "number": form[f.key] = Double(raw).map { .number($0) } ?? .text(raw)
                    case "boolean": form[f.key] = raw == "true" ? .bool(true) : raw == "false" ? .bool(false) : .text(raw)
                    default: form[f.key] = .text(raw)
                    }
                }
                let once = fields["_once"].flatMap { $0.isEmpty ? nil : "page:" + $0 }
                let fingerprint = Array("apply:\(code)".utf8)
                // A form sent twice (a double click, a reload) is answered from the first, before its
                // files would be stored again.
                if let once, let earlier = try await app.idempotency.earlierAnswer(userId: p.userId, key: once, request: fingerprint) {
                    return Web.redirect("/orders/\(earlier.body)")
                }
                return try await Web.redisplaying({ error, status in try await itemPage(v, code: code, error: error, status: status) }) {
                    var materials: [String: String] = [:]
                    for m in item.materials {
                        if let file = files["material.\(m.code)"] {
                            materials[m.code] = try await app.uploads.store(file.bytes, filename: file.filename, by: p).id
                        }
                    }
                    let input = NewWorkOrder(channel: "web", category: "service", serviceItemCode: code, title: fields["title"],
                                             content: fields["content"], form: form, materials: materials)
                    let answer = try await app.idempotency.once(userId: p.userId, key: once, request: fingerprint,
                                                                writer: app.workOrders.filings) {
                        let (record, writes) = try await app.workOrders.plan(input, by: p)
                        return (201, String(record.id), writes)
                    }
                    return Web.redirect("/orders/\(answer.body)")
                }
            }
        }
    }

    func itemPage(_ v: Web.Visit, code: String, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let item = try await app.catalog.item(code) else { throw CoreError.notFound("item \(code)") }
        let p = v.principal!
        var ctx = web.base(v, title: v.english ? item.nameEn : item.name)
        ctx["item"] = ["code": item.code, "name": v.english ? item.nameEn : item.name,
                       "description": v.english ? item.descriptionEn : item.description, "department": item.department,
                       "commitWorkdays": item.commitWorkdays, "tiers": item.eligibleTiers.joined(separator: "/"),
                       "materials": item.materials.map { ["code": $0.code, "name": $0.name, "required": $0.required] }] as [String: Any]
        ctx["fields"] = item.form.map { f -> [String: Any] in
            ["key": f.key, "label": f.label, "required": f.required, "options": f.options ?? [],
             "isSelect": f.type == "select", "isBoolean": f.type == "boolean", "isInput": f.type != "select" && f.type != "boolean",
             "inputType": f.type == "number" ? "number" : f.type == "date" ? "date" : "text"]
        }
        if p.has(.talent), let talentId = p.talentId {
            let tier = try await app.talents.talent(talentId, by: p).tier
            if let tier, item.eligibleTiers.contains(tier.rawValue) {
                ctx["canApply"] = true
                ctx["once"] = UUID().uuidString
            } else {
                ctx["cannotApply"] = v.t("notYourTier")
            }
        }
        ctx["error"] = error as Any
        return web.render("item", ctx, status: status)
    }

    // MARK: Orders

    static func orgName(_ code: String?, _ tree: OrgTree, _ v: Web.Visit) -> String {
        guard let code, let node = OrgCode(code).flatMap({ tree[$0] }) else { return code ?? "—" }
        if node.kind == .department, let parent = node.parent, let p = tree[parent] {
            return v.english ? "\(p.nameEn) \(node.nameEn)" : p.name + node.name
        }
        return v.english ? node.nameEn : node.name
    }

    func orderRow(_ o: WorkOrderView, _ tree: OrgTree, _ v: Web.Visit) -> [String: Any] {
        let r = o.record.rules
        return ["id": o.record.id, "number": o.record.number, "title": o.record.title,
                "stateName": v.english ? r.state.english : r.state.chinese, "warning": o.warning.rawValue,
                "deadline": r.handlingDeadline.description, "leadOrg": Self.orgName(r.leadOrg, tree, v)]
    }

    func addOrders(_ table: RouteTable) {
        table.page(.get, "/orders") { request, _ in
            try await web.page(request) { v in
                let p = v.principal!
                let tree = try await app.orgs.tree()
                let items = try await app.workOrders.list(WorkOrderQuery(talentId: p.talentId, limit: 100), by: p).items
                var ctx = web.base(v, title: v.t("myOrders"))
                ctx["orders"] = items.map { orderRow($0, tree, v) }
                return web.render("orders", ctx)
            }
        }
        table.page(.get, "/orders/{id}") { request, context in
            try await web.page(request) { v in
                try await orderPage(v, id: context.parameters.get("id", as: Int64.self) ?? 0, error: nil)
            }
        }
        table.page(.post, "/orders/{id}/act") { request, context in
            try await web.page(request) { v in
                let id = context.parameters.get("id", as: Int64.self) ?? 0
                let f = try await web.form(request, v)
                let action = f["action"] ?? ""
                let input = WorkOrderActionInput(
                    leadOrg: f["leadOrg"], coOrgs: (f["coOrgs"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                    note: f["note"], reason: f["reason"], text: f["text"], result: f["result"], score: f["score"].flatMap { Int($0) },
                    comment: f["comment"], workdays: f["workdays"].flatMap { Int($0) },
                    intoId: f["intoId"].flatMap { Int64($0) ?? WorkOrderRecord.id(fromNumber: $0) })
                return try await Web.redisplaying({ error, status in try await orderPage(v, id: id, error: error, status: status) }) {
                    _ = try await app.workOrders.act(id, action: action, input, by: v.principal!)
                    return Web.redirect("/orders/\(id)")
                }
            }
        }
    }

    static let scoreWords = [(5, "非常满意", "Very satisfied"), (4, "满意", "Satisfied"), (3, "基本满意", "Fairly satisfied"),
                             (2, "不满意", "Dissatisfied"), (1, "非常不满意", "Very dissatisfied")]

    static let englishAction: [String: String] = [
        "receive": "received", "dispatch": "dispatched", "accept": "signed for", "return": "returned", "start": "started work",
        "opinion": "gave an opinion", "suspend": "suspended", "resume": "resumed", "resolve": "resolved", "rate": "rated",
        "reopen": "reopened", "close": "closed", "urge": "urged", "reject": "rejected", "withdraw": "withdrew",
        "request-extension": "asked for more time", "approve-extension": "approved more time", "refuse-extension": "refused more time",
        "callback": "called back", "merge": "merged", "auto-close": "closed automatically", "escalate": "escalated",
    ]

    func orderPage(_ v: Web.Visit, id: Int64, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = v.principal!
        let view = try await app.workOrders.view(id, by: p)
        let tree = try await app.orgs.tree()
        let r = view.record
        var ctx = web.base(v, title: r.title)
        ctx["order"] = ["id": r.id, "number": r.number, "title": r.title, "content": r.content, "state": r.rules.state.rawValue,
                        "stateName": v.english ? r.rules.state.english : r.rules.state.chinese, "warning": view.warning.rawValue,
                        "deadline": r.rules.handlingDeadline.description, "leadOrg": Self.orgName(r.rules.leadOrg, tree, v),
                        "receivedAt": Web.dateTime(r.rules.receivedAt),
                        "contact": r.contactName.map { $0 + (r.contactPhoneMasked.map { " \($0)" } ?? "") } as Any] as [String: Any]
        var suggestions: [String] = []
        if view.availableActions.contains("dispatch") { suggestions = try await suggestedOrgs(for: r) }
        ctx["actions"] = view.availableActions.map { name -> [String: Any] in
            let label = v.english ? (Self.englishAction[name].map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? name) : ActionWording.chinese(name)
            return ["name": name, "label": label,
                    "needsLead": name == "dispatch", "suggestedLead": suggestions.first ?? "", "suggestions": suggestions,
                    "needsReason": ["return", "suspend", "reopen", "reject", "withdraw", "request-extension", "refuse-extension"].contains(name),
                    "needsResult": name == "resolve", "needsText": name == "opinion",
                    "needsNote": ["dispatch", "urge", "callback"].contains(name), "needsWorkdays": name == "request-extension",
                    "needsScore": name == "rate", "needsInto": name == "merge",
                    "scores": Self.scoreWords.map { ["value": $0.0, "label": "\($0.0) \(v.english ? $0.2 : $0.1)"] }]
        }
        if view.availableActions.contains("dispatch") {
            // The departments an order of this district is dispatched to: the district's and the city's
            // (not every department of the tree: the list would be ~900 options on every order page).
            let nodes = [OrgCode("500000")!] + (OrgCode(r.districtCode).map { [$0] } ?? [])
            ctx["orgOptions"] = nodes.flatMap { tree.children(of: $0) }.filter { $0.kind == .department }.map {
                ["code": $0.code.rawValue, "name": Self.orgName($0.code.rawValue, tree, v)]
            }
        }
        ctx["timeline"] = (view.timeline ?? []).map { e -> [String: Any] in
            ["at": Web.dateTime(e.at), "who": e.actorId == nil ? v.pick("系统", "System") : e.actorName,
             "what": v.english ? (Self.englishAction[e.action] ?? e.action) : (e.action == "receive" ? "受理" : ActionWording.chinese(e.action)),
             "note": e.note as Any]
        }
        ctx["error"] = error as Any
        return web.render("order", ctx, status: status)
    }

    /// Where similar earlier orders went: the same district and category, most often first.
    func suggestedOrgs(for r: WorkOrderRecord) async throws -> [String] {
        if let code = r.serviceItemCode, let item = try await app.catalog.item(code) {
            return ["\(item.handledAt == "city" ? "500000" : r.districtCode):\(item.department)"]
        }
        return try await app.db.read { db in
            try await db.raw("""
                SELECT lead_org, count(*) AS n FROM work_orders
                WHERE district_code = \(bind: r.districtCode) AND category = \(bind: r.rules.category.rawValue)
                  AND lead_org IS NOT NULL AND id <> \(bind: r.id)
                GROUP BY lead_org ORDER BY n DESC, lead_org LIMIT 3
                """).all().map { try $0.decode(column: "lead_org", as: String.self) }
        }
    }

    // MARK: Workbench and intake

    func addStaff(_ table: RouteTable) {
        table.page(.get, "/workbench") { request, _ in
            try await web.page(request) { v in
                let p = v.principal!
                guard !p.isTalentOnly else { return Web.redirect("/portal") }
                let tree = try await app.orgs.tree()
                let tab = request.uri.queryParameters.get("tab") ?? (p.has(.dispatcher) ? "received" : p.has(.supervisor) ? "red" : "sign")
                var tabs: [(String, String)] = []
                if p.has(.dispatcher) { tabs.append(("received", "tabReceived")) }
                if p.hasAny(.handler, .admin) { tabs += [("sign", "tabSign"), ("progress", "tabProgress"), ("co", "tabCo")] }
                tabs += [("yellow", "tabYellow"), ("red", "tabRed")]
                if p.hasAny(.supervisor, .admin) { tabs.append(("ext", "tabExt")) }
                var query = WorkOrderQuery(limit: 100)
                let org = p.org.rawValue
                switch tab {
                case "received": query.state = "received"
                case "sign": query.state = "dispatched"; query.assignedOrg = org
                case "progress": query.state = "in_progress"; query.assignedOrg = org
                case "yellow": query.warning = "yellow"
                case "red": query.warning = "red"
                case "co": query.coHandledBy = org
                case "ext": query.pendingExtension = true
                default: break
                }
                let items = try await app.workOrders.list(query, by: p).items
                var ctx = web.base(v, title: v.t("workbench"))
                ctx["tabs"] = tabs.map { ["href": "/workbench?tab=\($0.0)", "label": v.t($0.1), "current": $0.0 == tab] }
                ctx["orders"] = items.map { orderRow($0, tree, v) }
                return web.render("orders", ctx)
            }
        }
        table.page(.get, "/intake") { request, _ in
            try await web.page(request) { v in try await intakePage(v, phone: nil, error: nil) }
        }
        // The caller's number is posted, never put in a URL (URLs end up in proxies' logs and histories).
        table.page(.post, "/intake/lookup") { request, _ in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                return try await intakePage(v, phone: f["phone"], error: nil)
            }
        }
        table.page(.post, "/intake") { request, _ in
            try await web.page(request) { v in
                let f = try await web.form(request, v)
                let p = v.principal!
                let input = NewWorkOrder(channel: "phone", category: f["category"], talentId: f["talentId"].flatMap { Int64($0) },
                                         contact: .init(name: f["contactName"], phone: f["contactPhone"]), title: f["title"], content: f["content"],
                                         districtCode: f["districtCode"], urgent: f["urgent"] == "1")
                return try await Web.redisplaying({ error, status in try await intakePage(v, phone: f["contactPhone"], error: error, status: status) }) {
                    let record = try await app.workOrders.file(input, by: p)
                    return Web.redirect("/orders/\(record.id)")
                }
            }
        }
    }

    func intakePage(_ v: Web.Visit, phone: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let p = v.principal!
        guard p.hasAny(.dispatcher, .butler, .admin) else { throw CoreError.forbidden(v.t("forbidden")) }
        let tree = try await app.orgs.tree()
        var ctx = web.base(v, title: v.t("intake"))
        let phone = (phone ?? "").trimmingCharacters(in: .whitespaces)
        ctx["phone"] = phone
        var district = "500112"
        if !phone.isEmpty {
            ctx["looked"] = true
            // A number that is not a phone number is said so on the page, not taken as "nobody found".
            let results: [Talent]
            do {
                results = try await app.talents.search(TalentQuery(q: phone, limit: 1), by: p).items
            } catch let CoreError.validation(list) {
                ctx["error"] = Web.describe(list)
                results = []
            }
            if let found = results.first {
                ctx["talent"] = ["id": found.id, "name": found.name, "tier": found.tier?.rawValue ?? "-",
                                 "district": Self.orgName(found.districtCode, tree, v), "phoneMasked": found.phone ?? ""]
                district = found.districtCode
            }
        }
        ctx["categories"] = [("help", "求助 help"), ("inquiry", "咨询 inquiry"), ("complaint", "投诉 complaint"), ("suggestion", "建议 suggestion")]
            .map { ["value": $0.0, "label": $0.1] }
        ctx["districts"] = tree.districts(within: OrgCode("500000")!).compactMap { tree[$0] }.map {
            ["code": $0.code.rawValue, "name": v.english ? $0.nameEn : $0.name, "selected": $0.code.rawValue == district]
        }
        if let error { ctx["error"] = error }
        return web.render("intake", ctx, status: status)
    }
}

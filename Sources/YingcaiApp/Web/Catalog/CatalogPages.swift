import Foundation
import Hummingbird
import WorkOrderRules
import YingcaiCore

/// 渝快办: the catalog, one item's page, and applying for it with its form and materials.
struct CatalogPages {
    let web: Web
    var app: Yingcai { web.app }

    func add(to table: RouteTable) {
        table.page(.get, "/catalog") { request, _ in
            try await web.page(request) { v in
                let q = request.uri.queryParameters
                let kind = q.get("kind").flatMap(ServiceKind.init(rawValue:))
                let text = (q.get("q") ?? "").trimmingCharacters(in: .whitespaces)
                let tree = try await app.orgs.tree()
                let items = try await app.catalog.search(text, kind: kind?.rawValue)
                let page = CatalogPage(
                    q: text,
                    kinds: [SelectOption(value: "", label: v.t("all"), selected: kind == nil)]
                        + ServiceKind.allCases.map { .init(value: $0.rawValue, label: v.label($0), selected: $0 == kind) },
                    count: v.pick("共 \(items.count) 项", "\(items.count) services"),
                    items: items.map { i in
                        .init(code: i.code, name: v.english ? i.nameEn : i.name,
                              kindName: ServiceKind(rawValue: i.kind).map(v.label) ?? i.kind,
                              department: v.departmentName(i.department, tree), commitWorkdays: i.commitWorkdays,
                              tiers: i.eligibleTiers.joined(separator: "/"))
                    })
                return web.render("catalog", page, v, title: v.t("catalog"))
            }
        }
        table.page(.get, "/catalog/{code}") { request, context in
            try await web.page(request) { v in
                try await itemPage(v, code: context.parameters.get("code") ?? "", error: nil)
            }
        }
        table.page(.post, "/catalog/{code}/apply") { request, context in
            try await web.page(request) { v in try await apply(request, v, code: context.parameters.get("code") ?? "") }
        }
    }

    func apply(_ request: Request, _ v: Visit, code: String) async throws -> Response {
        guard let item = try await app.catalog.item(code) else { throw CoreError.notFound("item \(code)") }
        let p = v.user
        let received = try await web.multipart(request, v)
        defer { received.discard() }
        let (fields, files) = (received.fields, received.files)
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
                    materials[m.code] = try await app.uploads.adopt(file, by: p).id
                }
            }
            let input = NewWorkOrder(channel: Channel.web.rawValue, category: WorkOrderCategory.service.rawValue, serviceItemCode: code,
                                     title: fields["title"], content: fields["content"], form: form, materials: materials)
            let filing = try await app.workOrders.file(input, by: p, idempotencyKey: once, request: fingerprint)
            return Web.redirect("/orders/\(filing.answer.body)")
        }
    }

    func itemPage(_ v: Visit, code: String, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let item = try await app.catalog.item(code) else { throw CoreError.notFound("item \(code)") }
        let p = v.user
        let tree = try await app.orgs.tree()
        var canApply = false
        var cannotApply: String?
        if p.has(.talent), let talentId = p.talentId {
            let tier = try await app.talents.talent(talentId, by: p).tier
            if let tier, item.eligibleTiers.contains(tier.rawValue) { canApply = true } else { cannotApply = v.t("notYourTier") }
        }
        let page = ItemPage(
            item: .init(code: item.code, name: v.english ? item.nameEn : item.name,
                        description: v.english ? item.descriptionEn : item.description, department: v.departmentName(item.department, tree),
                        commitWorkdays: item.commitWorkdays, tiers: item.eligibleTiers.joined(separator: "/"),
                        materials: item.materials.map { .init(code: $0.code, name: $0.name, required: $0.required) }),
            fields: item.form.map { f in
                .init(key: f.key, label: f.label, required: f.required, options: f.options ?? [],
                      isSelect: f.type == "select", isBoolean: f.type == "boolean", isInput: f.type != "select" && f.type != "boolean",
                      inputType: f.type == "number" ? "number" : f.type == "date" ? "date" : "text")
            },
            canApply: canApply, once: canApply ? UUID().uuidString : nil, cannotApply: cannotApply, error: error)
        return web.render("item", page, v, title: v.english ? item.nameEn : item.name, status: status)
    }
}

import Foundation
import ProgrammeRules
import WorkOrderRules
import YingcaiCore

/// How the document is written: the schemas of parameters and the helpers of the schemas, and the
/// document itself with every status an operation can answer.
extension OpenAPIDocument {
    /// A query parameter's schema where it depends on the operation (`state` of an order or a payout).
    static func querySchema(_ name: String, of op: Operation) -> [String: Any] {
        switch (op.path, name) {
        case ("/api/v1/work-orders", "state"): return ["type": "string", "enum": WorkOrderState.allCases.map(\.rawValue)]
        case ("/api/v1/work-orders", "queue"): return ["type": "string", "enum": WorkbenchQueue.allCases.map(\.rawValue)]
        case ("/api/v1/payouts", "state"): return ["type": "string", "enum": ["proposed", "confirmed", "approved", "paid", "declined"]]
        case ("/api/v1/programme/applications", "state"): return ["type": "string", "enum": ApplicationState.allCases.map(\.rawValue)]
        case (_, "special"): return ["type": "string", "enum": Special.allCases.map(\.rawValue)]
        case ("/api/v1/service-items", "kind"): return ["type": "string", "enum": ["public", "policy", "market"]]
        case (_, "line"): return ["type": "string", "pattern": "^[0-9]{1,12}$"]
        case (_, "outcome"): return ["type": "string", "enum": CallOutcome.allCases.map(\.rawValue)]
        case (_, "dispatcherId"): return ["type": "integer", "minimum": 1]
        case ("/api/v1/kb/search", "q"):
            return ["type": "string", "maxLength": 200, "pattern": "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"]
        case ("/api/v1/kb/search", "category"): return ["type": "string", "enum": KnowledgeBase.categories]
        case ("/api/v1/kb/articles", "state"): return ["type": "string", "enum": ArticleState.allCases.map(\.rawValue)]
        default: return querySchema(name)
        }
    }

    /// Routes that answer without asking the database.
    static let withoutDatabase: Set<String> = ["/healthz", "/metrics", "/openapi.json", "/assets/{name}", "/.well-known/yingcai-keys.json"]

    /// What each query parameter accepts: the rules the server enforces, written where clients can read them.
    static func querySchema(_ name: String) -> [String: Any] {
        switch name {
        case "limit": return ["type": "integer", "minimum": 1, "maximum": 500, "default": 50]
        case "cursor": return ["type": "string", "minLength": 1, "description": "nextCursor of the previous page (opaque)"]
        case "tier": return ["type": "string", "enum": ["A", "B", "C", "D", "E"]]
        case "reveal", "departments", "pendingExtension": return ["type": "boolean"]
        case "talentId": return ["type": "integer", "minimum": 1]
        case "year": return ["type": "integer", "minimum": 2000, "maximum": 2100]
        case "scale": return ["type": "integer", "minimum": 1, "maximum": 16]
        case "date", "from", "to": return ["type": "string", "format": "date"]
        case "days": return ["type": "integer", "minimum": 1, "maximum": 3650]
        case "warning": return ["type": "string", "enum": ["none", "yellow", "red"]]
        default: return ["type": "string"]
        }
    }

    /// What each path parameter accepts.
    static func pathSchema(_ name: String, in path: String) -> [String: Any] {
        switch name {
        case "id" where path.hasPrefix("/api/v1/work-orders/"):
            return ["type": "string", "pattern": "^([1-9][0-9]{0,17}|YC[0-9]{14,20})$", "description": "id or number (YC20261125000123)"]
        case "id" where path.hasPrefix("/api/v1/uploads/"): return ["type": "string", "pattern": "^up_[A-Za-z0-9_-]{1,64}$"]
        case "code" where path.hasPrefix("/api/v1/hotline/lines/"): return ["type": "string", "pattern": "^[0-9]{1,12}$"]
        case "id": return ["type": "integer", "minimum": 1]
        case "year": return ["type": "integer", "minimum": 2000, "maximum": 2100]
        default: return ["type": "string", "minLength": 1]
        }
    }

    static func string(_ s: String) -> [String: Any] { ["type": "string", "description": s] }
    /// Text a person types: `min`–`max` characters with at least one that is not a space (the server
    /// trims), and no control characters but line breaks and tabs.
    static func typed(_ s: String, _ min: Int = 1, _ max: Int, allowsControls: Bool = true) -> [String: Any] {
        guard !allowsControls else {
            // Where the server does not refuse control characters, only "not blank" is stated.
            var schema: [String: Any] = ["type": "string", "description": s, "minLength": min, "maxLength": max]
            if min > 0 { schema["pattern"] = "\\S" }
            return schema
        }
        return ["type": "string", "description": s, "minLength": min, "maxLength": max,
         "pattern": min > 0 ? "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*[^\\s\\u0000-\\u001f\\u007f-\\u009f][^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"
                                 : "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"]
    }
    /// The district, county and zone codes (reference data: `POST /orgs` cannot add districts).
    static var districtCodes: [String] {
        ReferenceOrgs.nodes.filter { $0.parent?.rawValue == "500000" && $0.kind != .department }.map(\.code.rawValue)
    }
    static let roleCodes = ["talent", "butler", "dispatcher", "handler", "supervisor", "reviewer", "admin", "leader", "verifier", "editor"]
    static var dateType: [String: Any] { ["type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"] }
    static var timeType: [String: Any] { ["type": "string", "format": "date-time"] }
    static func list(_ item: [String: Any]) -> [String: Any] { ["type": "array", "items": item] }
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func object(_ props: [String: Any], required: [String] = []) -> [String: Any] {
        var o: [String: Any] = ["type": "object", "properties": props]
        if !required.isEmpty { o["required"] = required }
        return o
    }

    static func document() -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for op in operations {
            var o: [String: Any] = ["summary": op.summary, "operationId": op.method + op.path.replacingOccurrences(of: "/", with: "_")]
            var params: [[String: Any]] = op.query.map {
                ["name": $0, "in": "query", "required": op.requiredQuery.contains($0), "schema": querySchema($0, of: op)]
            }
            for part in op.path.split(separator: "/") where part.hasPrefix("{") {
                let name = String(part.dropFirst().dropLast())
                params.append(["name": name, "in": "path", "required": true, "schema": pathSchema(name, in: op.path)])
            }
            if op.idempotent {
                params.append(["name": "Idempotency-Key", "in": "header", "required": false, "schema": ["type": "string", "minLength": 1, "maxLength": 255],
                               "description": "同一键与请求体在 24 小时内只创建一次 / the same key and body create once within 24 hours"])
            }
            if !params.isEmpty { o["parameters"] = params }
            if let r = op.request {
                o["requestBody"] = ["required": true, "content": ["application/json": ["schema": ref(r + "Body")]]]
            } else if op.path == "/api/v1/uploads" {
                o["requestBody"] = ["required": true, "content": ["multipart/form-data": ["schema": object(
                    ["file": ["type": "string", "format": "binary", "minLength": 1, "description": "PDF, JPEG or PNG, at most 10 MB"]], required: ["file"])]]]
            } else if op.path == "/api/v1/calendar/years" {
                o["requestBody"] = ["required": true, "content": ["text/csv": ["schema": ["type": "string", "description": "date,kind,name — one row per day off or working weekend"]]]]
            }
            if op.path == "/assets/{name}" {
                o["responses"] = ["200": ["description": "the file", "content": [
                    "text/javascript": ["schema": ["type": "string"]], "text/css": ["schema": ["type": "string"]],
                    "image/svg+xml": ["schema": ["type": "string"]]]], "404": ["description": "no such asset"]]
                paths[op.path, default: [:]][op.method] = o
                continue
            }
            var ok: [String: Any] = ["description": "OK"]
            if let r = op.response { ok["content"] = [op.contentType: ["schema": ref(r)]] }
            else if op.contentType == "application/octet-stream" {
                // A material: what was uploaded (PDF, JPEG, PNG).
                ok["content"] = Dictionary(uniqueKeysWithValues: ["application/pdf", "image/jpeg", "image/png", "application/octet-stream"].map {
                    ($0, ["schema": ["type": "string", "format": "binary"]] as [String: Any])
                })
            }
            else if op.status != "204" {
                let json = op.contentType == "application/json" || op.contentType.hasSuffix("+json")
                ok["content"] = [op.contentType: ["schema": ["type": json ? "object" : "string"]]]
            }
            let problem: [String: Any] = ["description": "problem details", "content": ["application/problem+json": ["schema": ref("Problem")]]]
            let retryAfter: [String: Any] = ["Retry-After": ["description": "seconds to wait / 等待秒数", "schema": ["type": "integer", "minimum": 1]]]
            var responses: [String: Any] = [op.status: ok, "400": problem, "422": problem]
            for also in op.alsoAnswers { responses[also] = ok }
            for status in op.problems { responses[status] = problem }
            if op.auth {
                o["security"] = [["bearer": [String]()]]
                responses["401"] = problem
                responses["403"] = problem
                responses["404"] = problem
            } else if op.path.contains("{") {
                responses["404"] = problem
            }
            if op.method != "get" {
                // A move the current state does not allow, or a record that exists already.
                responses["409"] = problem
            }
            if op.request != nil || op.path == "/api/v1/uploads" {
                responses["413"] = problem
                responses["415"] = problem
            }
            if op.path == "/api/v1/auth/login" {
                responses["401"] = problem
                responses["429"] = ["description": "too many failed sign-ins from this address / 尝试过多",
                                    "headers": retryAfter, "content": problem["content"]!]
            }
            if !Self.withoutDatabase.contains(op.path) {
                // The database is down, restarting, failing over, or a lock passed its limit: retry
                // after Retry-After (a create with the same Idempotency-Key).
                responses["503"] = ["description": "database unavailable; retry / 数据库暂不可用，请稍后重试",
                                    "headers": retryAfter, "content": problem["content"]!]
            }
            o["responses"] = responses
            paths[op.path, default: [:]][op.method] = o
        }
        paths.merge(open311Paths) { a, _ in a }
        paths.merge(wechatPaths) { a, _ in a }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Yingcai 英才服务港 API", "version": "1.0.0",
                     "description": "重庆英才·渝快办式人才服务平台的接口 / the API of the Yingcai talent service platform"],
            "servers": [["url": "/"]],
            "tags": [["name": "Open311", "description": "Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): XML and JSON, "
                        + "form-encoded POST with an api_key issued by a city admin; the spec's error lists / Open311 接口"],
                     ["name": "WeChat", "description": "微信公众号消息推送（服务器地址 /wechat/mp；YINGCAI_WECHAT_* 配置）/ the WeChat official account's push"]],
            "paths": paths,
            "components": ["schemas": bounded(schemas.merging(requestSchemas) { a, _ in a }), "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
        ]
    }

    /// The request bodies as the server reads them: an optional property given as null is absent.
    static var requestSchemas: [String: Any] {
        var out: [String: Any] = [:]
        let all = schemas
        for name in Set(operations.compactMap(\.request)) { out[name + "Body"] = nullableOptionals(all[name]!) }
        return out
    }

    static func nullableOptionals(_ value: Any) -> Any {
        if let a = value as? [Any] { return a.map(nullableOptionals) }
        guard var o = value as? [String: Any] else { return value }
        for key in ["items", "additionalProperties"] where o[key] is [String: Any] { o[key] = nullableOptionals(o[key]!) }
        if var props = o["properties"] as? [String: Any] {
            let required = Set(o["required"] as? [String] ?? [])
            for (name, schema) in props {
                var s = nullableOptionals(schema) as! [String: Any]
                if !required.contains(name) {
                    if let t = s["type"] as? String { s["type"] = [t, "null"] }
                    if var e = s["enum"] as? [Any], !e.contains(where: { $0 is NSNull }) { e.append(NSNull()); s["enum"] = e }
                }
                props[name] = s
            }
            o["properties"] = props
        }
        return o
    }

    /// Every integer without bounds gets those of a 64-bit integer, what the server decodes.
    static func bounded(_ value: Any) -> Any {
        if var o = value as? [String: Any] {
            for (k, v) in o { o[k] = bounded(v) }
            let types = (o["type"] as? String).map { [$0] } ?? (o["type"] as? [String]) ?? []
            if types.contains("integer") {
                if o["minimum"] == nil { o["minimum"] = Int64.min }
                if o["maximum"] == nil { o["maximum"] = Int64.max }
            }
            return o
        }
        if let a = value as? [Any] { return a.map(bounded) }
        return value
    }
}

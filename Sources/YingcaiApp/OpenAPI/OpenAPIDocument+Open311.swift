import Foundation
import Open311
import YingcaiCore

/// Open311 GeoReport v2 as its own section of the OpenAPI document (tag `Open311`): the spec's
/// resources in XML and JSON at `/open311/v2/`, and the admin's API keys under `/api/v1/open311`.
extension OpenAPIDocument {
    static let open311Operations: [Operation] = [
        .init(method: "get", path: "/api/v1/open311/clients", summary: "Open311 客户端及其密钥尾号（管理员）/ the Open311 clients", response: "Open311ClientList"),
        .init(method: "post", path: "/api/v1/open311/clients", summary: "签发 Open311 API 密钥（市级管理员；密钥只显示这一次）/ issue an API key, shown once",
              request: "Open311ClientInput", response: "Open311IssuedKey", status: "201"),
        .init(method: "post", path: "/api/v1/open311/clients/{id}/revoke", summary: "吊销密钥（市级管理员）/ revoke a key", response: "Open311Client"),
    ]

    static var open311Schemas: [String: Any] {
        let client = object(["id": ["type": "integer"], "name": string("客户端名称"), "keyHint": string("密钥末四位 / the key's last four characters"),
                             "ratePerMinute": ["type": "integer"], "createdAt": timeType, "revokedAt": ["type": ["string", "null"], "format": "date-time"]])
        return [
            "Open311Client": client,
            "Open311ClientList": object(["items": list(ref("Open311Client"))]),
            "Open311ClientInput": object(["name": typed("客户端名称 / the client's name", 1, 64),
                                          "ratePerMinute": ["type": "integer", "minimum": 1, "maximum": 100_000, "description": "每分钟请求上限（默认 600）"]],
                                         required: ["name"]),
            "Open311IssuedKey": object(["client": ref("Open311Client"), "apiKey": string("API 密钥，只显示这一次 / the key, shown this once")]),
        ]
    }

    /// The GeoReport v2 paths, each in both formats; their bodies are the spec's, described by the
    /// schemas of the open311 schema-validation project (JSON) and the spec's XML.
    static var open311Paths: [String: [String: Any]] {
        let base = "/open311/v2"
        func body(_ description: String, json: [String: Any]) -> [String: Any] {
            ["description": description, "content": [
                "text/xml": ["schema": ["type": "string", "description": "GeoReport v2 XML"]],
                "application/json": ["schema": json]]]
        }
        let errors = body("the spec's error list / 错误列表", json: list(object(["code": ["type": "integer"], "description": ["type": "string"]])))
        let retryAfter: [String: Any] = ["Retry-After": ["description": "seconds to wait / 等待秒数", "schema": ["type": "integer", "minimum": 1]]]
        let unavailable: [String: Any] = ["description": "database unavailable; retry / 数据库暂不可用", "headers": retryAfter,
                                          "content": ["application/problem+json": ["schema": ref("Problem")]]]
        let any: [String: Any] = ["type": ["object", "array"]]
        func op(_ summary: String, _ ok: String = "200", parameters: [[String: Any]] = [], post: Bool = false) -> [String: Any] {
            // 404 everywhere: a jurisdiction_id other than this deployment's is "not found".
            var responses: [String: Any] = [ok: body("OK", json: any), "400": errors, "404": errors, "503": unavailable]
            if post {
                responses["403"] = errors
                responses["404"] = errors
                responses["429"] = ["description": "too many requests for this key / 超出密钥的每分钟上限", "headers": retryAfter,
                                    "content": (errors["content"] as? [String: Any]) ?? [:]]
                responses["413"] = ["description": "body too large", "content": ["application/problem+json": ["schema": ref("Problem")]]]
            }
            var o: [String: Any] = ["summary": summary, "tags": ["Open311"], "responses": responses]
            if !parameters.isEmpty { o["parameters"] = parameters }
            if post {
                o["requestBody"] = ["required": true, "content": ["application/x-www-form-urlencoded": ["schema": object([
                    "api_key": string("API 密钥"), "service_code": string("服务代码"), "jurisdiction_id": string("辖区"),
                    "lat": string("纬度"), "long": string("经度"), "address_string": string("地址"), "address_id": string("地址编号"),
                    "email": string("邮箱"), "device_id": string("设备"), "account_id": string("账号"), "first_name": string("名"),
                    "last_name": string("姓"), "phone": string("电话"), "description": string("描述，至多 4000 字"), "media_url": string("图片地址"),
                ], required: ["api_key", "service_code"])]]]
            }
            return o
        }
        func query(_ name: String, _ description: String, _ schema: [String: Any] = ["type": "string"]) -> [String: Any] {
            ["name": name, "in": "query", "required": false, "schema": schema, "description": description]
        }
        // A date-time, or empty as some clients send an unset filter (read as absent).
        let dateTime: [String: Any] = ["type": "string", "anyOf": [["format": "date-time"], ["maxLength": 0]]]
        // true or false (1 or 0, any case), or empty (absent).
        let flag: [String: Any] = ["type": "string", "pattern": "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|1|0)?$"]
        let count: [String: Any] = ["type": "string", "anyOf": [["pattern": "^[1-9][0-9]{0,5}$"], ["maxLength": 0]]]
        func path(_ name: String, _ description: String) -> [String: Any] {
            ["name": name, "in": "path", "required": true, "schema": ["type": "string", "pattern": "^[^/]+\\.(xml|json)$"], "description": description]
        }
        let jurisdiction = query("jurisdiction_id", "辖区（可省）/ the jurisdiction, optional")
        var paths: [String: [String: Any]] = [:]
        for format in ResponseFormat.allCases {
            let ext = "." + format.rawValue
            paths[base + "/discovery" + ext] = ["get": op("服务发现 / service discovery")]
            paths[base + "/services" + ext] = ["get": op("服务列表：68 项服务事项与热线诉求类别 / the services", parameters: [jurisdiction])]
            paths[base + "/requests" + ext] = [
                "get": op("诉求列表（90 天内，至多 1000 条，可分页）/ requests: 90-day window, 1,000 at most, paged", parameters: [
                    jurisdiction, query("service_request_id", "逗号分隔的编号；不存在的编号不列出 / ids, comma-separated; an id that does not exist lists nothing"),
                    query("service_code", "服务代码，可逗号分隔 / service codes, comma-separated"),
                    query("start_date", "W3C 时间（与 end_date 相距不超过 90 天）", dateTime), query("end_date", "W3C 时间", dateTime),
                    query("status", "open 或 closed", ["type": "string", "enum": ["", "open", "closed", "open,closed"]]),
                    query("page", "页码（扩展）", count), query("page_size", "每页条数（扩展，至多 1000）", count),
                    query("extensions", "true: 详细状态与处理记录", flag),
                ]),
                "post": op("提交诉求（表单编码，需 api_key）：生成 open311 渠道工单 / file a request: a work order of channel open311", "201", post: true),
            ]
            paths[base + "/servicerequestupdates" + ext] = ["get": op("诉求进展（FixMyStreet 扩展）/ request updates (FixMyStreet)", parameters: [
                jurisdiction, query("start_date", "W3C 时间（与 end_date 相距不超过 90 天）", dateTime), query("end_date", "W3C 时间", dateTime)])]
        }
        paths[base + "/services/{serviceCode}"] = ["get": op("服务定义（表单字段）/ a service definition", parameters: [path("serviceCode", "如 YC-P-001.xml")])]
        paths[base + "/requests/{serviceRequestId}"] = ["get": op("一条诉求 / one request", parameters: [path("serviceRequestId", "如 7.json"),
                                                                                                  query("extensions", "true: 详细状态与处理记录", flag)])]
        paths[base + "/tokens/{token}"] = ["get": op("以令牌换编号 / the id for a token", parameters: [path("token", "如 500112.abc.xml")])]
        return paths
    }
}

import Foundation
import ProgrammeRules
import WorkOrderRules
import YingcaiCore

/// The OpenAPI 3.1 document of every endpoint, served at `/openapi.json`. A test compares its
/// operations with the routes the server registers, so neither can drift from the other.
enum OpenAPIDocument {
    struct Operation {
        let method: String
        let path: String
        let summary: String
        var request: String? = nil
        var response: String? = nil
        var status = "200"
        var query: [String] = []
        var auth = true
        var idempotent = false
        var contentType = "application/json"
        /// Other success statuses with the same body (a dry run's 200 beside a real run's 201).
        var alsoAnswers: [String] = []
        /// Query parameters without which the operation cannot answer.
        var requiredQuery: Set<String> = []
        /// Problem statuses beyond the ones every operation of its kind has.
        var problems: [String] = []
    }

    /// A query parameter's schema where it depends on the operation (`state` of an order or a payout).
    static func querySchema(_ name: String, of op: Operation) -> [String: Any] {
        switch (op.path, name) {
        case ("/api/v1/work-orders", "state"): return ["type": "string", "enum": WorkOrderState.allCases.map(\.rawValue)]
        case ("/api/v1/work-orders", "queue"): return ["type": "string", "enum": WorkbenchQueue.allCases.map(\.rawValue)]
        case ("/api/v1/payouts", "state"): return ["type": "string", "enum": ["proposed", "confirmed", "approved", "paid", "declined"]]
        case ("/api/v1/programme/applications", "state"): return ["type": "string", "enum": ApplicationState.allCases.map(\.rawValue)]
        case (_, "special"): return ["type": "string", "enum": Special.allCases.map(\.rawValue)]
        case ("/api/v1/service-items", "kind"): return ["type": "string", "enum": ["public", "policy", "market"]]
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
        case "id": return ["type": "integer", "minimum": 1]
        case "year": return ["type": "integer", "minimum": 2000, "maximum": 2100]
        default: return ["type": "string", "minLength": 1]
        }
    }

    static let operations: [Operation] = coreOperations + programmeOperations

    static let coreOperations: [Operation] = [
        .init(method: "get", path: "/healthz", summary: "进程存活 / the process runs", auth: false),
        .init(method: "get", path: "/readyz", summary: "数据库可用 / the database answers", auth: false),
        .init(method: "get", path: "/metrics", summary: "Prometheus 指标（运维令牌或本机）/ Prometheus metrics: the operator token, or this machine", auth: false, contentType: "text/plain", problems: ["403"]),
        .init(method: "get", path: "/openapi.json", summary: "本文档 / this document", auth: false),
        .init(method: "post", path: "/api/v1/auth/login", summary: "登录 / sign in", request: "Login", response: "LoginAnswer", auth: false),
        .init(method: "post", path: "/api/v1/auth/logout", summary: "退出并吊销令牌 / sign out, revoking the token", status: "204"),
        .init(method: "get", path: "/api/v1/sign-in/throttled", summary: "被限制的登录尝试（管理员，按用户名与来源地址）/ throttled sign-in attempts, by username and address",
              response: "ThrottledSignInList", query: ["limit"]),
        .init(method: "get", path: "/api/v1/me", summary: "当前用户及其人才档案 / the signed-in user and their talent record", response: "Me"),
        .init(method: "get", path: "/api/v1/orgs", summary: "组织机构树 / the organisation tree", response: "Org", query: ["departments"]),
        .init(method: "get", path: "/api/v1/orgs/{code}", summary: "一个机构及其下级 / one organisation and its children", response: "Org"),
        .init(method: "post", path: "/api/v1/orgs", summary: "新增街道、社区、网格或部门 / add a street, community, grid or department", request: "NewOrg", response: "Org", status: "201"),
        .init(method: "post", path: "/api/v1/users", summary: "创建用户 / create a user", request: "NewUser", response: "User", status: "201", idempotent: true),
        .init(method: "get", path: "/api/v1/users", summary: "本辖区用户 / users of your area", response: "UserPage", query: ["limit", "cursor"]),
        .init(method: "post", path: "/api/v1/talents", summary: "登记人才 / register a talent", request: "TalentInput", response: "Talent", status: "201", idempotent: true),
        .init(method: "get", path: "/api/v1/talents", summary: "查询人才（姓名前缀、证件号或手机号）/ search talents", response: "TalentPage",
              query: ["q", "tier", "districtCode", "category", "limit", "cursor"]),
        .init(method: "get", path: "/api/v1/talents/{id}", summary: "一位人才；管理员可 reveal=true 查看完整证件号（记入审计）/ one talent", response: "Talent", query: ["reveal"]),
        .init(method: "patch", path: "/api/v1/talents/{id}", summary: "修改人才信息（只需所改字段；不接受 GET 返回的脱敏号码）/ change a talent: only the fields changed",
              request: "TalentPatch", response: "Talent"),
        .init(method: "post", path: "/api/v1/talents/{id}/certifications", summary: "人才认定 / certify into a tier", request: "CertificationInput", response: "Certification", status: "201", idempotent: true),
        .init(method: "post", path: "/api/v1/talents/{id}/butler", summary: "指定人才管家（管理员；butler 为用户名或 null）/ assign the talent's butler",
              request: "ButlerAssignment"),
        .init(method: "get", path: "/api/v1/talents/{id}/certifications", summary: "认定记录 / certification history", response: "CertificationList"),
        .init(method: "get", path: "/api/v1/calendar/add-workdays", summary: "N 个工作日后的日期（受理当日不计）/ the date N working days after a date",
              response: "AddWorkdays", query: ["date", "days"], requiredQuery: ["date", "days"]),
        .init(method: "get", path: "/api/v1/calendar/workdays-between", summary: "(from, to] 内的工作日数 / working days in (from, to]", query: ["from", "to"], requiredQuery: ["from", "to"]),
        .init(method: "post", path: "/api/v1/calendar/years", summary: "导入一年的放假调休安排（CSV：date,kind,name）/ load a year's arrangement",
              status: "201", query: ["year"]),
        .init(method: "get", path: "/api/v1/service-items", summary: "服务事项目录 / the catalog", response: "ServiceItemList", query: ["kind", "department", "tier"]),
        .init(method: "get", path: "/api/v1/service-items/{code}", summary: "一个服务事项 / one item", response: "ServiceItem"),
        .init(method: "patch", path: "/api/v1/service-items/{code}", summary: "修改服务事项（管理员）/ edit an item", request: "ServiceItemPatch", response: "ServiceItem"),
        .init(method: "get", path: "/api/v1/tiers", summary: "人才层次 A–E / the tiers"),
        .init(method: "post", path: "/api/v1/work-orders", summary: "提交工单：服务申请即时分派，其余待派单 / file a work order", request: "NewWorkOrder",
              response: "WorkOrder", status: "201", idempotent: true),
        .init(method: "get", path: "/api/v1/work-orders", summary: "工单列表 / work orders you may see", response: "WorkOrderPage",
              query: ["state", "warning", "districtCode", "assignedOrg", "leadOrg", "queue", "q", "talentId", "pendingExtension", "coHandledBy", "limit", "cursor"]),
        .init(method: "get", path: "/api/v1/workbench", summary: "工作台：各标签及待办数量 / your workbench tabs with their counts", response: "WorkbenchTabs"),
        .init(method: "get", path: "/api/v1/workbench/{tab}", summary: "工作台一个标签的工单（按期限）/ the orders of one tab, most urgent first",
              response: "WorkOrderPage", query: ["limit", "cursor"]),
        .init(method: "get", path: "/api/v1/work-orders/{id}", summary: "一张工单及其时间线（id 或编号）/ one order with its timeline", response: "WorkOrder"),
        .init(method: "get", path: "/api/v1/work-orders/{id}/personal-data",
              summary: "工单的完整个人信息（办理人员；记入审计）/ the order's personal data in full, for those who handle it (audited)",
              response: "OrderPersonalData"),
        .init(method: "get", path: "/api/v1/work-orders/{id}/verify", summary: "校验时间线哈希链 / check the timeline's hash chain", response: "ChainReport"),
        .init(method: "post", path: "/api/v1/work-orders/{id}/{action}",
              summary: "办理：dispatch accept return start opinion suspend resume resolve rate reopen close urge reject withdraw request-extension approve-extension refuse-extension callback merge",
              request: "WorkOrderAction", response: "WorkOrder"),
        .init(method: "get", path: "/api/v1/metrics/work-orders", summary: "工单指标与晾晒排名 / figures and rankings", response: "Figures", query: ["org", "from", "to"]),
        .init(method: "get", path: "/api/v1/me/notifications", summary: "站内通知 / your inbox", query: ["limit", "cursor"]),
        .init(method: "post", path: "/api/v1/webhooks", summary: "订阅 Webhook（HMAC-SHA256 签名）/ subscribe a webhook", request: "NewWebhook", status: "201"),
        .init(method: "post", path: "/api/v1/uploads", summary: "上传申请材料（multipart，file 部分；PDF/JPEG/PNG，≤10 MB）/ upload a material",
              response: "Upload", status: "201", contentType: "application/json"),
        .init(method: "get", path: "/api/v1/uploads/{id}", summary: "下载材料（上传者或可见该工单者）/ download a material", contentType: "application/octet-stream"),
        .init(method: "get", path: "/api/v1/me/card", summary: "我的英才卡 / your talent card (404 if none)", response: "Card"),
        .init(method: "get", path: "/api/v1/me/code", summary: "我的人才码（120 秒有效，60 秒刷新）/ your live talent code", response: "Code"),
        .init(method: "get", path: "/api/v1/me/code.svg", summary: "人才码二维码 SVG / the code as a QR code (SVG)", contentType: "image/svg+xml"),
        .init(method: "get", path: "/api/v1/me/code.png", summary: "人才码二维码 PNG / the code as a QR code (PNG)", query: ["scale"], contentType: "image/png"),
        .init(method: "get", path: "/api/v1/me/verifications", summary: "我的验码记录 / where your code was checked", response: "VerificationList"),
        .init(method: "post", path: "/api/v1/codes/verify", summary: "验码（核验点）/ verify a talent code (a verifier)", request: "VerifyCode", response: "CodeCheck"),
        .init(method: "get", path: "/api/v1/codes/partners", summary: "互认城市 / partner cities whose codes verify here", response: "PartnerList"),
        .init(method: "put", path: "/api/v1/codes/partners", summary: "载入互认城市文件（管理员，整体替换）/ load the partner file (an admin)",
              request: "PartnerFile", response: "PartnerList"),
        .init(method: "get", path: "/api/v1/talents/{id}/card", summary: "人才的英才卡 / a talent's card", response: "Card"),
        .init(method: "post", path: "/api/v1/talents/{id}/card/{action}", summary: "英才卡 suspend resume revoke renew（管理员）/ change a card (an admin)",
              request: "CardAction", response: "Card"),
        .init(method: "get", path: "/api/v1/talents/{id}/verifications", summary: "人才的验码记录 / where a talent's code was checked", response: "VerificationList"),
        .init(method: "get", path: "/.well-known/yingcai-keys.json", summary: "验码公钥（JWK Set，OKP/Ed25519）/ the public keys", response: "JWKSet",
              auth: false, contentType: "application/jwk-set+json"),
        .init(method: "get", path: "/.well-known/yingcai-revocations", summary: "签名的英才卡注销名单（每行一城）/ signed revocation lists, one city per line",
              auth: false, contentType: "text/plain"),
        .init(method: "get", path: "/.well-known/yingcai-partners.json", summary: "本市与互认城市及其公钥 / this city and the partner cities with their keys",
              auth: false),
        .init(method: "get", path: "/api/v1/policies", summary: "免申即享政策 / the policies", response: "PolicyList"),
        .init(method: "post", path: "/api/v1/policies", summary: "新建政策（管理员；首个版本为草稿）/ create a policy (an admin)", request: "PolicyInput",
              response: "Policy", status: "201", idempotent: true),
        .init(method: "post", path: "/api/v1/policies/check-source", summary: "检查规则文本（编辑时实时检查）/ check a rule text as it is typed",
              request: "PolicySource", response: "SourceCheck"),
        .init(method: "get", path: "/api/v1/policies/{code}", summary: "一项政策及其各版本 / one policy with its versions", response: "Policy"),
        .init(method: "post", path: "/api/v1/policies/{code}/versions", summary: "新草稿版本（只需所改字段）/ a new draft version: only what changes",
              request: "PolicyRevision", response: "Policy", status: "201"),
        .init(method: "post", path: "/api/v1/policies/{code}/check", summary: "检查草稿 / check the draft", response: "Policy"),
        .init(method: "post", path: "/api/v1/policies/{code}/dry-run", summary: "试算草稿，不写入 / dry-run the draft, writing nothing", response: "RunReport"),
        .init(method: "post", path: "/api/v1/policies/{code}/publish", summary: "发布已检查的草稿 / publish the checked draft", response: "Policy"),
        .init(method: "post", path: "/api/v1/policy-runs", summary: "对全库人才运行已发布政策（dryRun 试算）/ run the published policies over the registry",
              request: "PolicyRun", response: "RunReport", status: "201", alsoAnswers: ["200"]),
        .init(method: "get", path: "/api/v1/me/policies", summary: "我符合与不符合的政策 / the policies you meet and those you miss", response: "MyPolicies"),
        .init(method: "get", path: "/api/v1/payouts", summary: "发放记录（本人或发文部门）/ payouts: yours, or your department's", response: "PayoutList",
              query: ["policy", "state", "limit", "cursor"]),
        .init(method: "post", path: "/api/v1/payouts/{id}/{action}",
              summary: "confirm（人才意愿确认）approve（部门审核）pay（发放，paymentReference）decline（不予发放，reason）/ move a payout",
              request: "PayoutAction", response: "Payout"),
        .init(method: "get", path: "/verify", summary: "验码页（浏览器内离线验码）/ the verifier page, checks codes in the browser, offline once loaded",
              auth: false, contentType: "text/html"),
        .init(method: "get", path: "/verifier-sw.js", summary: "验码页的离线缓存 Service Worker / the verifier page's service worker", auth: false,
              contentType: "text/javascript"),
        .init(method: "get", path: "/assets/{name}", summary: "页面的脚本、样式和图标 / scripts, styles and icons of the pages", auth: false,
              contentType: "application/octet-stream"),
        .init(method: "get", path: "/api/v1/exports/talents.csv", summary: "导出人才（Excel 可直接打开的 CSV）/ export talents as CSV", query: ["q", "tier", "districtCode", "category"], contentType: "text/csv"),
    ]

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
    static let roleCodes = ["talent", "butler", "dispatcher", "handler", "supervisor", "reviewer", "admin", "leader", "verifier"]
    static var dateType: [String: Any] { ["type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"] }
    static var timeType: [String: Any] { ["type": "string", "format": "date-time"] }
    static func list(_ item: [String: Any]) -> [String: Any] { ["type": "array", "items": item] }
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func object(_ props: [String: Any], required: [String] = []) -> [String: Any] {
        var o: [String: Any] = ["type": "object", "properties": props]
        if !required.isEmpty { o["required"] = required }
        return o
    }

    static var schemas: [String: Any] { coreSchemas.merging(programmeSchemas) { a, _ in a } }

    static var talentFields: [String: Any] { [
        "name": typed("姓名", 1, 64), "idType": ["type": "string", "enum": ["resident_id", "passport"]],
        "idNumber": ["type": "string", "pattern": "^([0-9]{17}[0-9X]|[A-Z0-9]{5,20})$", "description": "居民身份证号（GB 11643 校验）或护照号"],
        "nationality": ["type": "string", "maxLength": 64, "description": "国籍（护照必填）"],
        "phone": ["type": "string", "pattern": "^1[3-9][0-9]{9}$", "description": "手机号"], "email": ["type": "string", "format": "email", "maxLength": 254],
        "employer": typed("工作单位", 1, 128), "districtCode": ["type": "string", "enum": districtCodes],
        "education": ["type": "string", "enum": Education.codes + Education.allCases.map(\.label.chinese),
                      "description": "doctorate, master, bachelor, associate, secondary, other (也接受中文：博士、硕士、本科、专科、高中及以下、其他)"],
        "title": ["type": "string", "maxLength": 64], "field": ["type": "string", "maxLength": 64],
        // The unit separator (U+001F) joins the lists where they are stored; a category may not hold `|` either.
        "categories": ["type": "array", "maxItems": 20, "items": ["type": "string", "maxLength": 64, "pattern": "^[^|\\u001f]*$"]],
        "honors": ["type": "array", "maxItems": 50, "items": ["type": "string", "maxLength": 128, "pattern": "^[^\\u001f]*$"]],
        "arrivalDate": dateType,
    ] }

    static var coreSchemas: [String: Any] { [
        "Problem": object(["type": string("problem type URI"), "title": string("title"), "status": ["type": "integer"],
                           "detail": string("what went wrong"),
                           "errors": list(object(["field": string("field"), "message": string("reason")]))]),
        "Login": object(["username": string("username"), "password": string("password")], required: ["username", "password"]),
        "User": object(["id": ["type": "integer"], "username": string("username"), "displayName": string("name"),
                        "roles": list(["type": "string", "enum": ["talent", "butler", "dispatcher", "handler", "supervisor", "reviewer", "admin", "leader", "verifier"]]),
                        "orgCode": string("organisation code, e.g. 500112:HRSS")]),
        "UserPage": object(["items": list(ref("User")), "nextCursor": ["type": ["string", "null"]]]),
        "NewUser": object(["username": ["type": "string", "pattern": "^[A-Za-z0-9._-]{3,64}$"], "displayName": string("name"),
                           "password": ["type": "string", "minLength": 8, "maxLength": 72, "description": "at least 8 characters"],
                           "roles": ["type": "array", "minItems": 1, "items": ["type": "string", "enum": roleCodes]],
                           "orgCode": ["type": "string", "pattern": "^[0-9A-Za-z_-]+(:[A-Z_]+)?$"],
                           "workPhone": ["type": "string", "pattern": "^[0-9 ()+-]{5,20}$", "description": "office telephone (a butler's is shown to their talents)"]],
                          required: ["username", "password", "roles", "orgCode"]),
        "JWKSet": object(["keys": list(object(["kty": string("OKP"), "crv": string("Ed25519"), "x": string("public key, base64url"),
                                                 "kid": string("key id"), "use": string("sig"), "alg": string("EdDSA"), "iss": string("issuing city")]))],
                         required: ["keys"]),
        "ThrottledSignInList": object(["items": list(object(["username": string("tried username (may not exist)"), "address": string("client address"),
                                                               "firstAt": timeType, "lastAt": timeType, "attempts": ["type": "integer"],
                                                               "longestWaitSeconds": ["type": "integer"]]))]),
        "LoginAnswer": object(["token": string("bearer token"), "expiresAt": timeType, "user": ref("User")]),
        "Me": object(["user": ref("User"), "talent": ["oneOf": [ref("Talent"), ["type": "null"]]]]),
        "Org": object(["code": string("code"), "parentCode": ["type": ["string", "null"]], "name": string("中文名"), "nameEn": string("English name"),
                       "kind": ["type": "string", "enum": ["city", "district", "county", "functional_zone", "street", "community", "grid", "department"]],
                       "children": list(ref("Org"))]),
        "NewOrg": object(["code": string("code"), "parentCode": string("parent code"), "name": string("中文名"), "nameEn": string("English name"),
                          "kind": string("street, community, grid or department")], required: ["code", "parentCode", "name", "kind"]),
        "TalentInput": object(talentFields, required: ["name", "idNumber", "employer", "districtCode", "education"]),
        "TalentPatch": object(talentFields),
        "Talent": object([
            "id": ["type": "integer"], "name": string("姓名"), "idType": string("resident_id or passport"),
            "idNumber": string("masked: 500103********123X"), "gender": ["type": ["string", "null"]], "nationality": ["type": ["string", "null"]],
            "phone": ["type": ["string", "null"], "description": "masked: 138****5678"], "email": ["type": ["string", "null"]], "employer": string("工作单位"),
            "districtCode": string("区县代码"), "education": ["type": "string", "enum": Education.codes], "educationName": string("学历（中文）"), "title": string("职称"), "field": string("领域"),
            "categories": list(["type": "string"]), "honors": list(["type": "string"]), "arrivalDate": ["type": ["string", "null"], "format": "date"],
            "tier": ["type": ["string", "null"], "enum": ["A", "B", "C", "D", "E", NSNull()]], "tierValidUntil": ["type": ["string", "null"], "format": "date"],
            "createdAt": timeType, "updatedAt": timeType,
        ]),
        "TalentPage": object(["items": list(ref("Talent")), "nextCursor": ["type": ["string", "null"]]]),
        "CertificationInput": object(["tier": ["type": "string", "enum": ["A", "B", "C", "D", "E"]], "validFrom": dateType, "validUntil": dateType,
                                      "basis": typed("认定依据", 1, 500)], required: ["tier", "validUntil", "basis"]),
        "Certification": object(["id": ["type": "integer"], "talentId": ["type": "integer"], "tier": string("A–E"), "basis": string("认定依据"),
                                 "validFrom": dateType, "validUntil": dateType, "certifiedBy": ["type": ["integer", "null"]], "createdAt": timeType]),
        "CertificationList": object(["items": list(ref("Certification"))]),
        "AddWorkdays": object(["date": dateType, "calendarComplete": ["type": "boolean"]]),
        "ServiceItem": object(["code": string("YC-P-001"), "name": string("名称"), "nameEn": string("name"), "kind": string("public/policy/market"),
                               "department": string("HRSS…"), "handledAt": string("city or district"), "coDepartments": list(["type": "string"]),
                               "eligibleTiers": list(["type": "string"]), "commitWorkdays": ["type": "integer"], "statutoryWorkdays": ["type": "integer"],
                               "channels": list(["type": "string"]), "materials": list(["type": "object"]), "form": list(["type": "object"]),
                               "description": string("说明"), "descriptionEn": string("description")]),
        "ServiceItemList": object(["items": list(ref("ServiceItem"))]),
        "ServiceItemPatch": object(["name": typed("名称", 1, 100), "commitWorkdays": ["type": "integer", "minimum": 1, "maximum": 365],
                                    "statutoryWorkdays": ["type": "integer", "minimum": 1, "maximum": 365],
                                    "eligibleTiers": ["type": "array", "minItems": 1, "items": ["type": "string", "enum": ["A", "B", "C", "D", "E"]]],
                                    "channels": ["type": "array", "minItems": 1, "items": ["type": "string", "enum": Channel.applicationChannels.map(\.rawValue)]],
                                    "form": list(object(["key": ["type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_]{0,39}$"],
                                                         "label": typed("中文名", 1, 60),
                                                         "type": ["type": "string", "enum": ["text", "date", "number", "boolean"] + PersonalForm.personalTypes.sorted(),
                                                                  "description": "select needs options; phone, idNumber, email, address, account are personal data, sealed and masked"],
                                                         "required": ["type": "boolean"], "options": list(["type": "string"])],
                                                        required: ["key", "label", "type", "required"]))]),
        "NewWorkOrder": object([
            "channel": ["type": "string", "enum": Channel.codes, "description": "也接受中文名 / Chinese labels are accepted too"],
            "category": ["type": "string", "enum": ["service", "inquiry", "help", "complaint", "suggestion"]],
            "serviceItemCode": string("for service applications"), "talentId": ["type": "integer", "minimum": 1],
            "contact": object(["name": typed("name", 1, 64, allowsControls: false), "phone": ["type": "string", "pattern": "^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$"]]),
            "title": typed("标题", 1, 200, allowsControls: false), "content": typed("内容", 1, 5000, allowsControls: false),
            "districtCode": ["type": "string", "enum": districtCodes], "urgent": ["type": "boolean"],
            "form": ["type": "object", "maxProperties": 50, "additionalProperties": ["type": ["string", "number", "boolean", "null"]]],
            "materials": ["type": "object", "additionalProperties": ["type": "string"], "description": "MATERIAL_CODE → uploadId"],
        ], required: ["channel", "category", "title", "content"]),
        "WorkOrder": object([
            "id": ["type": "integer"], "number": string("YC20261125000123"), "state": string("received…closed"), "stateName": string("已受理…"),
            "channel": string("channel"), "category": string("category"), "leadOrg": ["type": ["string", "null"]], "coOrgs": list(["type": "string"]),
            "receivedAt": timeType, "handlingDeadline": timeType, "deadlines": ["type": "object"], "warning": ["type": "string", "enum": ["none", "yellow", "red"]],
            "onTime": ["type": ["boolean", "null"]], "rating": ["type": ["integer", "null"]], "availableActions": list(["type": "string"]),
            "timeline": list(object(["seq": ["type": "integer"], "at": timeType, "actor": string("who"), "action": string("what"),
                                     "from": ["type": ["string", "null"]], "to": string("state"), "note": ["type": ["string", "null"]], "hash": string("SHA-256 hex")])),
        ]),
        "WorkOrderPage": object(["items": list(ref("WorkOrder")), "nextCursor": ["type": ["string", "null"]]]),
        "WorkbenchTabs": object(["items": list(object(["id": string("sign, accepted, progress, … (the workbench queues) or co, ext, review, talents, yellow, red"),
                                                       "name": string("中文名"), "nameEn": string("English name"), "count": ["type": "integer"]]))]),
        "WorkOrderAction": object(["leadOrg": string("dispatch"), "coOrgs": list(["type": "string"]), "note": typed("urge, callback", 0, 2000, allowsControls: false),
                                   "reason": typed("return, suspend, reopen, reject, withdraw, request-extension, refuse-extension", 0, 2000, allowsControls: false),
                                   "text": typed("opinion", 0, 2000, allowsControls: false), "result": typed("resolve", 0, 2000, allowsControls: false), "score": ["type": "integer", "minimum": 1, "maximum": 5],
                                   "comment": typed("rate", 0, 1000, allowsControls: false), "workdays": ["type": "integer", "minimum": 1, "maximum": 3], "intoId": ["type": "integer"]]),
        "OrderPersonalData": object(["contactPhone": ["type": ["string", "null"]],
                                     "values": ["type": "object", "additionalProperties": ["type": "string"],
                                                "description": "form.<key>, title, content → the value in full"]]),
        "ChainReport": object(["intact": ["type": "boolean"], "events": ["type": "integer"], "brokenAt": ["type": ["integer", "null"]]]),
        "Figures": object(["total": ["type": "integer"], "byState": ["type": "object"], "byChannel": ["type": "object"], "byCategory": ["type": "object"],
                           "resolved": ["type": "integer"], "onTimeRate": ["type": ["number", "null"]], "avgHandlingWorkdays": ["type": ["number", "null"]],
                           "signForRate": ["type": ["number", "null"]], "satisfactionRate": ["type": ["number", "null"]],
                           "resolutionRate": ["type": ["number", "null"]], "overdue": ["type": "integer"], "yellow": ["type": "integer"],
                           "rankings": ["type": "object"]]),
        "ButlerAssignment": object(["butler": ["type": ["string", "null"], "description": "the butler's username"]]),
        "Upload": object(["uploadId": string("up_…"), "sha256": string("hex"), "size": ["type": "integer"], "contentType": string("type"),
                          "filename": string("name")]),
        "Card": object(["number": string("YC2026000123 + 校验码"), "tier": string("A–C"),
                        "status": ["type": "string", "enum": ["active", "suspended", "revoked", "expired"]], "statusName": string("有效…"),
                        "statusReason": ["type": ["string", "null"]], "validFrom": dateType, "validUntil": dateType, "issuedAt": timeType]),
        "CardAction": object(["reason": string("suspend, revoke: required")]),
        "Code": object(["token": string("YC1.<payload>.<signature>"), "issuedAt": timeType, "expiresAt": timeType, "refreshAfter": timeType,
                        "tier": string("A–E"), "cardNumber": ["type": ["string", "null"]]]),
        "VerifyCode": object(["token": string("the scanned code")], required: ["token"]),
        "CodeCheck": object(["valid": ["type": "boolean"],
                             "reason": ["type": ["string", "null"], "enum": ["malformed", "unknownIssuer", "unknownKey", "badSignature", "expired",
                                                                            "notYetValid", "revokedCard", "replayed", NSNull()]],
                             "reasonText": ["type": ["string", "null"]],
                             "talent": ["oneOf": [object(["name": ["type": ["string", "null"]], "tier": string("A–E"), "cardNumber": ["type": ["string", "null"]],
                                                          "entitlements": list(["type": "string"]), "entitlementsEn": list(["type": "string"])]),
                                                  ["type": "null"]]],
                             "issuer": ["type": ["string", "null"], "description": "issuing city, e.g. 重庆市"], "issuerCode": ["type": ["string", "null"]],
                             "expiresAt": ["type": ["string", "null"], "format": "date-time"]]),
        "VerificationList": object(["items": list(object(["at": timeType, "verifierOrg": string("org"), "valid": ["type": "boolean"],
                                                          "reason": ["type": ["string", "null"]], "cardNumber": ["type": ["string", "null"]]]))]),
        "PartnerFile": object(["partners": list(object(["cityCode": ["type": "string", "pattern": "^[!-~]{1,12}$"], "name": typed("成都市", 1, 50),
                                                        "keys": object(["keys": list(["type": "object"])]), "revocations": string("YCRL1.…")],
                                                       required: ["cityCode", "name", "keys"]))], required: ["partners"]),
        "PartnerList": object(["items": list(object(["cityCode": string("code"), "name": string("name"), "keys": ["type": "object"],
                                                     "hasRevocations": ["type": "boolean"], "loadedAt": timeType]))]),
        "PolicyInput": object(["code": ["type": "string", "pattern": "^[A-Za-z0-9_-]{1,40}$"], "name": typed("安家补贴", 1, 100),
                               "department": ["type": "string", "pattern": "^[0-9A-Za-z_-]+:[A-Z_]+$", "description": "500000:TALENT"],
                               "source": ["type": "string", "maxLength": 5000, "description": "the rule text (docs/policy-language.md); at most 20,000 bytes"],
                               "effectiveFrom": dateType, "effectiveUntil": dateType,
                               "budgetCap": ["type": ["integer", "null"], "minimum": 1, "maximum": 1_000_000_000_000, "description": "yuan"]],
                              required: ["code", "name", "department", "source"]),
        "Policy": object(["code": string("code"), "name": string("name"), "department": string("issuing department"),
                          "latestVersion": ["type": "integer"], "publishedVersion": ["type": ["integer", "null"]],
                          "state": ["type": "string", "enum": ["draft", "checked", "published", "superseded"]],
                          "versions": list(["type": "object"])]),
        "PolicyList": object(["items": list(ref("Policy"))]),
        "PolicySource": object(["source": string("rule text")], required: ["source"]),
        "SourceCheck": object(["ok": ["type": "boolean"], "period": ["type": ["string", "null"]], "conditions": ["type": ["integer", "null"]],
                               "error": ["oneOf": [object(["line": ["type": "integer"], "column": ["type": "integer"], "message": string("中文"),
                                                           "messageEn": string("English")]), ["type": "null"]]]]),
        "PolicyRevision": object(["source": ["type": "string", "maxLength": 5000, "description": "the rule text (docs/policy-language.md)"],
                                  "effectiveFrom": dateType, "effectiveUntil": dateType,
                                  "budgetCap": ["type": ["integer", "null"], "minimum": 1, "maximum": 1_000_000_000_000, "description": "yuan"]]),
        "PolicyRun": object(["dryRun": ["type": "boolean", "description": "true: simulate (200); false: propose payouts (201). Required: an empty body runs nothing"]],
                            required: ["dryRun"]),
        "RunReport": object(["runId": ["type": ["integer", "null"]], "dryRun": ["type": "boolean"], "evaluationDate": dateType,
                             "talents": ["type": "integer"], "budgetOrder": string("the stated order a cap is applied in"),
                             "policies": list(object(["code": string("code"), "eligible": ["type": "integer"], "proposed": ["type": "integer"],
                                                      "amount": ["type": "integer"], "alreadyHad": ["type": "integer"],
                                                      "stoppedAtBudget": ["type": "boolean"], "leftForBudget": ["type": "integer"],
                                                      "byDistrict": ["type": "object"], "byTier": ["type": "object"], "sample": list(["type": "object"])]))]),
        "MyPolicies": object(["eligible": list(object(["policyCode": string("code"), "name": string("name"), "amount": ["type": "integer"],
                                                       "period": string("once, monthly, yearly"), "payoutState": ["type": ["string", "null"]]])),
                              "notEligible": list(object(["policyCode": string("code"), "name": string("name"), "missing": string("the first condition missed")]))]),
        "Payout": object(["id": ["type": "integer"], "policyCode": string("code"), "talentId": ["type": "integer"], "period": string("once, 2026-11, 2026"),
                          "amount": ["type": "integer"], "reason": string("the conditions that held"),
                          "state": ["type": "string", "enum": ["proposed", "confirmed", "approved", "paid", "declined"]],
                          "workOrderId": ["type": ["integer", "null"]], "paymentReference": ["type": ["string", "null"]]]),
        "PayoutList": object(["items": list(ref("Payout")), "nextCursor": ["type": ["string", "null"]]]),
        "PayoutAction": object(["reason": string("decline"), "paymentReference": string("pay")]),
        "NewWebhook": object(["url": ["type": "string", "format": "uri", "maxLength": 2000, "pattern": "^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?$"],
                              "secret": ["type": "string", "minLength": 16, "maxLength": 200],
                              "events": ["type": "array", "minItems": 1, "items": ["type": "string", "pattern": "^(\\*|[a-z_]+\\.(\\*|[a-z_]+))$"]]],
                             required: ["url", "secret", "events"]),
    ] }

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
        return [
            "openapi": "3.1.0",
            "info": ["title": "Yingcai 英才服务港 API", "version": "1.0.0",
                     "description": "重庆英才·渝快办式人才服务平台的接口 / the API of the Yingcai talent service platform"],
            "servers": [["url": "/"]],
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

    static let json: Data = try! JSONSerialization.data(withJSONObject: document(), options: [.sortedKeys, .withoutEscapingSlashes])
}

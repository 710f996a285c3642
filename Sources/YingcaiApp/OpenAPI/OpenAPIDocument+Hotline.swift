import Foundation
import YingcaiCore

/// The hotline desk's and the knowledge base's part of the OpenAPI document (热线受理台、热线知识库).
extension OpenAPIDocument {
    static let hotlineOperations: [Operation] = [
        .init(method: "get", path: "/api/v1/hotline/lines", summary: "热线（12345、12351）及其受理机构 / the hotline lines", response: "HotlineLineList"),
        .init(method: "put", path: "/api/v1/hotline/lines/{code}", summary: "新增或修改热线（市级管理员）/ add or change a line",
              request: "HotlineLineInput", response: "HotlineLine"),
        .init(method: "post", path: "/api/v1/calls", summary: "登记来电（受理员）/ record a call as it comes in",
              request: "NewCall", response: "Call", status: "201", idempotent: true),
        .init(method: "get", path: "/api/v1/calls", summary: "来电记录 / the call log", response: "CallPage",
              query: ["line", "outcome", "dispatcherId", "from", "to", "limit", "cursor"]),
        .init(method: "get", path: "/api/v1/calls/figures", summary: "来电量、转工单率、一次办结率（按热线、受理员、期间）/ the desk's figures",
              response: "CallFigures", query: ["line", "outcome", "dispatcherId", "from", "to"]),
        .init(method: "get", path: "/api/v1/calls/{id}", summary: "一次来电及所用知识 / one call with the articles used", response: "Call"),
        .init(method: "post", path: "/api/v1/calls/{id}/articles", summary: "记录解答所用的知识 / record an article used on the call",
              request: "CallArticleUse", response: "Call"),
        .init(method: "post", path: "/api/v1/calls/{id}/close", summary: "结束来电：当场解答、转接或中断 / close the call: answered, transferred, dropped",
              request: "CallClosing", response: "Call"),
        .init(method: "post", path: "/api/v1/calls/{id}/order", summary: "由来电生成工单（同一受理路径）/ file a work order from the call",
              request: "CallOrder", response: "CallOrderAnswer", status: "201", idempotent: true),
        .init(method: "get", path: "/api/v1/kb/search", summary: "检索知识库（已发布、在有效期内）/ search the published articles",
              response: "KnowledgeHits", query: ["q", "category", "item", "districtCode", "limit"]),
        .init(method: "get", path: "/api/v1/kb/articles", summary: "本部门的知识（编辑）/ the articles you edit", response: "ArticlePage",
              query: ["state", "limit", "cursor"]),
        .init(method: "post", path: "/api/v1/kb/articles", summary: "新建知识（草稿）/ write a new article (a draft)",
              request: "ArticleInput", response: "Article", status: "201", idempotent: true),
        .init(method: "get", path: "/api/v1/kb/articles/{id}", summary: "一条知识 / one article", response: "Article"),
        .init(method: "put", path: "/api/v1/kb/articles/{id}", summary: "修改知识（新版本草稿）/ change an article (a new draft version)",
              request: "ArticleInput", response: "Article"),
        .init(method: "get", path: "/api/v1/kb/articles/{id}/versions", summary: "全部版本（编辑）/ every version", response: "ArticleVersionList"),
        .init(method: "post", path: "/api/v1/kb/articles/{id}/rating", summary: "评价：有用或没用 / rate it helpful or not",
              request: "ArticleRating", response: "Article"),
        .init(method: "post", path: "/api/v1/kb/articles/{id}/{action}", summary: "review（他人审核）publish（发布）expire（失效）/ review, publish, expire",
              response: "Article"),
        .init(method: "get", path: "/api/v1/kb/warnings", summary: "30 天内到期的知识（本部门）/ articles expiring within 30 days", response: "ArticleList"),
        .init(method: "get", path: "/api/v1/kb/gaps", summary: "知识缺口：未用知识即解答或转接的来电 / calls answered without an article",
              response: "KnowledgeGapPage", query: ["limit", "cursor"]),
        .init(method: "post", path: "/api/v1/kb/gaps/{id}/close", summary: "处理知识缺口 / mark a gap dealt with", request: "GapClosing", status: "204"),
        .init(method: "get", path: "/api/v1/kb/synonyms", summary: "同义词表 / the synonym table", response: "SynonymTable"),
        .init(method: "put", path: "/api/v1/kb/synonyms", summary: "替换同义词表（编辑）/ replace the synonym table", request: "SynonymTable", response: "SynonymTable"),
    ]

    static var hotlineSchemas: [String: Any] {
        let int: [String: Any] = ["type": "integer"]
        let nullableText: [String: Any] = ["type": ["string", "null"]]
        let outcome: [String: Any] = ["type": "string", "enum": CallOutcome.allCases.map(\.rawValue)]
        let category: [String: Any] = ["type": "string", "enum": KnowledgeBase.categories]
        let line: [String: Any] = ["type": "string", "pattern": "^[0-9]{1,12}$", "description": "热线号码 / the line, e.g. 12345"]
        let segments = list(object(["text": string("text"), "match": ["type": "boolean"]]))
        let counts = object(["calls": int, "answered": int, "orders": int, "transferred": int, "dropped": int, "open": int,
                             "answeredFromKnowledgeBase": int, "ordersPerCall": ["type": "number"], "firstCallResolution": ["type": "number"]])
        let version = object([
            "version": int, "title": string("标题"), "body": string("正文"), "category": category, "keywords": list(["type": "string"]),
            "items": list(["type": "string"]), "scope": string("500000 或区县代码"), "effectiveOn": dateType,
            "expiresOn": ["type": ["string", "null"], "format": "date"], "state": ["type": "string", "enum": ArticleState.allCases.map(\.rawValue)],
            "writtenBy": string("编写人"), "writtenAt": timeType, "reviewedBy": nullableText, "publishedAt": ["type": ["string", "null"], "format": "date-time"],
        ])
        let article = object(["id": int, "orgCode": string("发布部门"), "publishedVersion": ["type": ["integer", "null"]], "latest": version,
                              "published": ["oneOf": [version, ["type": "null"]]], "helpful": int, "unhelpful": int])
        let call = object([
            "id": int, "line": line, "districtCode": string("区县"), "callerPhone": ["type": ["string", "null"], "description": "来电号码（脱敏）/ masked"],
            "talentId": ["type": ["integer", "null"]], "startedAt": timeType, "durationSeconds": ["type": ["integer", "null"]],
            "dispatcherId": int, "dispatcherName": string("受理员"), "question": string("来电诉求"), "outcome": outcome,
            "orderId": ["type": ["integer", "null"]], "orderNumber": nullableText, "transferredTo": nullableText, "note": nullableText,
            "closedAt": ["type": ["string", "null"], "format": "date-time"],
            "articles": list(object(["articleId": int, "version": int, "title": string("标题"), "at": timeType])),
        ])
        let hotlineLine = object(["code": line, "name": string("名称"), "nameEn": string("name"), "orgCode": string("受理机构")])
        return [
            "HotlineLine": hotlineLine,
            "HotlineLineList": object(["items": list(hotlineLine)]),
            "HotlineLineInput": object(["name": typed("12345 政务服务便民热线", 1, 60, allowsControls: false), "nameEn": typed("hotline", 0, 80, allowsControls: false),
                                        "orgCode": ["type": "string", "pattern": "^[0-9A-Za-z_-]+(:[A-Z_]+)?$"]], required: ["name", "nameEn", "orgCode"]),
            "NewCall": object(["line": line, "callerPhone": ["type": "string", "pattern": "^(1[0-9]{10}|\\+[0-9]{8,16}|0[0-9-]{9,12})$"],
                               "districtCode": ["type": "string", "enum": districtCodes], "question": typed("咨询人才公寓申请条件", 0, 2000, allowsControls: false),
                               "startedAt": ["type": "integer", "description": "ms since the epoch; now when absent"]]),
            "Call": call,
            "CallPage": object(["items": list(call), "nextCursor": nullableText]),
            "CallArticleUse": object(["articleId": ["type": "integer", "minimum": 1]], required: ["articleId"]),
            "CallClosing": object(["outcome": ["type": "string", "enum": ["answered", "transferred", "dropped"]],
                                   "durationSeconds": ["type": "integer", "minimum": 0, "maximum": 86_400],
                                   "transferredTo": typed("转 12333", 1, 100, allowsControls: false), "note": typed("备注", 0, 2000, allowsControls: false),
                                   "question": typed("来电诉求", 0, 2000, allowsControls: false)], required: ["outcome"]),
            "CallOrder": object(["order": ["$ref": "#/components/schemas/NewWorkOrderBody"], "durationSeconds": ["type": "integer", "minimum": 0, "maximum": 86_400]]),
            "CallOrderAnswer": object(["call": call, "orderId": int, "orderNumber": string("工单编号")]),
            "CallFigures": object(["from": dateType, "to": dateType, "total": counts,
                                   "byLine": ["type": "object", "additionalProperties": counts], "byDispatcher": ["type": "object", "additionalProperties": counts],
                                   "ordersByLine": ["type": "object", "additionalProperties": int]]),
            "KnowledgeHits": object(["items": list(object(["id": int, "title": string("标题"), "category": category, "scope": string("范围"),
                                                           "orgCode": string("发布部门"), "items": list(["type": "string"]),
                                                           "expiresOn": ["type": ["string", "null"], "format": "date"],
                                                           "titleSegments": segments, "snippet": segments]))]),
            "Article": article,
            "ArticleList": object(["items": list(article)]),
            "ArticlePage": object(["items": list(article), "nextCursor": nullableText]),
            "ArticleVersionList": object(["items": list(version)]),
            "ArticleInput": object([
                "title": typed("人才公寓申请条件", 1, KnowledgeBase.titleMax, allowsControls: false),
                "body": typed("正文", 1, KnowledgeBase.bodyMax, allowsControls: false), "category": category,
                "keywords": ["type": "array", "maxItems": 20, "items": ["type": "string", "maxLength": 20, "pattern": "^[^|\\u0000-\\u001f\\u007f-\\u009f]*$"]],
                "items": ["type": "array", "maxItems": 10, "items": ["type": "string", "description": "服务事项代码 / a catalog item's code"]],
                "scope": ["type": "string", "enum": ["500000"] + districtCodes], "effectiveOn": dateType, "expiresOn": dateType,
                "orgCode": ["type": "string", "pattern": "^[0-9A-Za-z_-]+(:[A-Z_]+)?$"],
            ], required: ["title", "body", "category"]),
            "ArticleRating": object(["helpful": ["type": "boolean"]], required: ["helpful"]),
            "KnowledgeGapPage": object(["items": list(object(["callId": int, "line": line, "question": string("来电诉求"), "outcome": outcome,
                                                              "closedAt": timeType, "dispatcherName": string("受理员")])), "nextCursor": nullableText]),
            "GapClosing": object(["articleId": ["type": "integer", "minimum": 1]]),
            "SynonymTable": object(["groups": ["type": "array", "maxItems": 2000,
                                               "items": ["type": "array", "minItems": 1, "maxItems": 12,
                                                         "items": ["type": "string", "minLength": 1, "maxLength": 20, "pattern": "^[^,\\u0000-\\u001f\\u007f-\\u009f]*[^,\\s\\u0000-\\u001f\\u007f-\\u009f][^,\\u0000-\\u001f\\u007f-\\u009f]*$"]]]],
                                   required: ["groups"]),
        ]
    }
}

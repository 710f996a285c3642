import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A decoded answer: status, headers and the JSON body as a dictionary (or raw text).
struct Answer {
    let status: Int
    let headers: HTTPFields
    let body: Data

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    var text: String { String(decoding: body, as: UTF8.self) }
    var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
    subscript(key: String) -> Any? { json[key] }
    var fieldErrors: [String] { (json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String } }
}

extension TestClientProtocol {
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: Any? = nil, raw: String? = nil,
              headers extra: [String: String] = [:]) async throws -> Answer {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        } else if let raw {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: raw)
        }
        for (k, v) in extra { headers[HTTPField.Name(k)!] = v }
        return try await execute(uri: uri, method: method, headers: headers, body: body) { response in
            Answer(status: Int(response.status.code), headers: response.headers, body: Data(buffer: response.body))
        }
    }

    /// Signs in and returns the token.
    func login(_ username: String, password: String? = nil) async throws -> String {
        let answer = try await call(.post, "/api/v1/auth/login", json: ["username": username, "password": password ?? "password-\(username)"])
        try #require(answer.status == 200, "login of \(username): \(answer.text)")
        return answer["token"] as! String
    }
}

/// Valid identity numbers for tests: region, birth date and sequence, with the check character computed.
func residentID(_ first17: String) -> String {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let map = Array("10X98765432")
    let sum = zip(first17.map { Int(String($0))! }, weights).map(*).reduce(0, +)
    return first17 + String(map[sum % 11])
}

func talentBody(name: String = "张三", id: String = residentID("50011219880808123"), district: String = "500112",
                phone: String? = "13812345678", categories: [String] = ["青年拔尖人才"]) -> [String: Any] {
    var body: [String: Any] = [
        "name": name, "idType": "resident_id", "idNumber": id, "email": "zhang@example.cn",
        "employer": "重庆大学", "districtCode": district, "education": "博士", "title": "副高级", "field": "人工智能",
        "categories": categories, "honors": ["国家级荣誉"], "arrivalDate": "2022-03-01",
    ]
    if let phone { body["phone"] = phone }
    return body
}

extension TestClientProtocol {
    /// The status alone (Swift Testing cannot expand `try await x.status` inside `#expect`).
    func code(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: Any? = nil, raw: String? = nil,
              headers: [String: String] = [:]) async throws -> Int {
        try await call(method, uri, token: token, json: json, raw: raw, headers: headers).status
    }

    func fields(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: Any? = nil,
                headers: [String: String] = [:]) async throws -> [String] {
        try await call(method, uri, token: token, json: json, headers: headers).fieldErrors
    }

    func list(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil) async throws -> [[String: Any]] {
        try await call(method, uri, token: token).items
    }
}

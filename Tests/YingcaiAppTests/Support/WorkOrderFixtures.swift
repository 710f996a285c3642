import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

extension TestClientProtocol {
    /// talent-a registers in Yubei and the admin certifies them into `tier`; returns (token, talentId).
    func certifiedTalent(_ user: String = "talent-a", tier: String = "C", district: String = "500112",
                         id: String = residentID("50011219880808123")) async throws -> (token: String, talentId: Int) {
        let token = try await login(user)
        let created = try await call(.post, "/api/v1/talents", token: token, json: talentBody(id: id, district: district))
        try #require(created.status == 201, "\(created.text)")
        let talentId = created["id"] as! Int
        let admin = try await login("admin")
        let cert = try await call(.post, "/api/v1/talents/\(talentId)/certifications", token: admin,
                                  json: ["tier": tier, "validUntil": "2035-12-31", "basis": "认定"])
        try #require(cert.status == 201, "\(cert.text)")
        return (token, talentId)
    }

    /// Moves an order and requires success.
    @discardableResult
    func act(_ id: Int, _ action: String, as token: String, _ body: [String: Any] = [:], expect status: Int = 200) async throws -> Answer {
        let answer = try await call(.post, "/api/v1/work-orders/\(id)/\(action)", token: token, json: body)
        try #require(answer.status == status, "\(action): \(answer.text)")
        return answer
    }

    /// A hotline inquiry filed by the dispatcher for a caller.
    func hotlineCall(category: String = "inquiry", district: String = "500112", title: String = "咨询落户政策",
                     urgent: Bool = false, as token: String) async throws -> Answer {
        let answer = try await call(.post, "/api/v1/work-orders", token: token, json: [
            "channel": "phone", "category": category, "title": title, "content": "来电人询问人才落户所需材料。",
            "districtCode": district, "urgent": urgent, "contact": ["name": "王先生", "phone": "13700001111"],
        ])
        try #require(answer.status == 201, "\(answer.text)")
        return answer
    }

    /// Uploads bytes as multipart/form-data in the part `file`.
    func upload(_ bytes: [UInt8], filename: String = "id.pdf", token: String) async throws -> Answer {
        let boundary = "yc-test-boundary"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
        body += bytes
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "multipart/form-data; boundary=\(boundary)"]
        headers[.contentLength] = String(body.count)
        return try await execute(uri: "/api/v1/uploads", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { r in
            Answer(status: Int(r.status.code), headers: r.headers, body: Data(buffer: r.body))
        }
    }
}

let samplePDF = Array("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)

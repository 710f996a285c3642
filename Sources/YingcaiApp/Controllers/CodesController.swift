import HTTPTypes
import Foundation
import Hummingbird
import Identity
import QRCode
import TalentCode
import YingcaiCore

/// 英才卡 and 人才码 over HTTP: the talent's card and live code (JSON, SVG, PNG), online
/// verification for verifiers, card changes for the talent office, the published keys, the
/// signed revocation list and the partner cities.
struct CodesController {
    let app: Yingcai

    /// Public: what an offline verifier (the browser page, `yingcai codes verify`) downloads.
    func addPublic(to table: RouteTable) {
        table.add(.get, "/.well-known/yingcai-keys.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/jwk-set+json", .cacheControl: "public, max-age=300",
                                            .accessControlAllowOrigin: "*"],
                     body: .init(byteBuffer: ByteBuffer(string: app.codes.publishedKeys().json)))
        }
        table.add(.get, "/.well-known/yingcai-revocations") { _, _ in
            var lines = [try await app.codes.signedRevocationList()]
            lines += try await app.codes.partners().compactMap(\.revocations)
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "public, max-age=60",
                                                   .accessControlAllowOrigin: "*"],
                            body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\n") + "\n")))
        }
        table.add(.get, "/.well-known/yingcai-partners.json") { _, _ in
            let partners = try await app.codes.partners()
            let body = PartnersDTO(self: .init(cityCode: app.codes.cityCode, name: app.codes.cityName, keys: KeySetDTO(app.codes.publishedKeys())),
                                   partners: partners.map { PartnersDTO.City(cityCode: $0.cityCode, name: $0.name, keys: KeySetDTO($0.keys)) })
            var response = try JSON.response(body)
            response.headers[.cacheControl] = "public, max-age=300"
            response.headers[.accessControlAllowOrigin] = "*"
            return response
        }
    }

    func add(to api: APIRoutes) {
        api.get("/me/card") { _, context in
            let user = try context.user()
            guard let talentId = user.talentId, let card = try await app.cards.card(ofTalent: talentId, by: user) else {
                throw Problem.notFound()
            }
            return try JSON.response(CardDTO(card))
        }
        api.get("/me/code") { _, context in
            let code = try await app.codes.issue(for: try context.user())
            var response = try JSON.response(CodeDTO(code))
            response.headers[.cacheControl] = "no-store"
            return response
        }
        api.get("/me/code.svg") { _, context in
            let code = try await app.codes.issue(for: try context.user())
            let svg = try QRCode(text: code.token).svg(moduleSize: 4, quietZone: 4, title: "人才码 Talent code")
            return Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-store",
                                                   HTTPField.Name("X-Code-Expires-At")!: RFC3339.string(Int64(code.expiresAt) * 1000)],
                            body: .init(byteBuffer: ByteBuffer(string: svg)))
        }
        api.get("/me/code.png") { request, context in
            let code = try await app.codes.issue(for: try context.user())
            var scale = 4
            if let raw = request.uri.queryParameters.get("scale") {
                guard let s = Int(raw), (1...16).contains(s) else { throw CoreError.invalid("scale", "scale 为 1–16 / scale is 1 to 16") }
                scale = s
            }
            let png = try QRCode(text: code.token).png(scale: scale, quietZone: 4)
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "no-store",
                                                   HTTPField.Name("X-Code-Expires-At")!: RFC3339.string(Int64(code.expiresAt) * 1000)],
                            body: .init(byteBuffer: ByteBuffer(bytes: png)))
        }
        api.get("/me/verifications") { request, context in
            let user = try context.user()
            guard let talentId = user.talentId else { throw Problem.notFound() }
            return try await verifications(talentId, request, by: user)
        }
        api.post("/codes/verify") { request, context in
            struct Body: Decodable { let token: String }
            let body = try await JSON.decode(Body.self, from: request, context: context)
            return try JSON.response(CheckDTO(try await app.codes.verify(body.token, by: try context.user())))
        }
        api.get("/codes/partners") { _, context in
            _ = try context.user()
            return try JSON.response(["items": try await app.codes.partners().map(PartnerDTO.init)])
        }
        api.put("/codes/partners") { request, context in
            let bytes = try await request.bodyData(context)
            let partners = try await app.codes.loadPartners(bytes, by: try context.user())
            return try JSON.response(["items": partners.map(PartnerDTO.init)])
        }
        api.get("/talents/{id}/card") { _, context in
            guard let id = context.parameters.get("id", as: Int64.self),
                  let card = try await app.cards.card(ofTalent: id, by: try context.user()) else { throw Problem.notFound() }
            return try JSON.response(CardDTO(card))
        }
        api.post("/talents/{id}/card/{action}") { request, context in
            guard let id = context.parameters.get("id", as: Int64.self) else { throw Problem.notFound() }
            guard let action = context.parameters.get("action").flatMap(CardAction.init(rawValue:)) else { throw Problem.notFound() }
            struct Body: Decodable { let reason: String? }
            let bytes = try await request.bodyData(context)
            let body = bytes.isEmpty ? Body(reason: nil) : try JSON.decode(Body.self, from: bytes)
            return try JSON.response(CardDTO(try await app.cards.act(action, talentId: id, reason: body.reason, by: try context.user())))
        }
        api.get("/talents/{id}/verifications") { request, context in
            guard let id = context.parameters.get("id", as: Int64.self) else { throw Problem.notFound() }
            return try await verifications(id, request, by: try context.user())
        }
    }

    /// A page of a talent's verifications, newest first.
    func verifications(_ talentId: Int64, _ request: Request, by user: Principal) async throws -> Response {
        let q = request.uri.queryParameters
        let limit = try Paging.limit(q.get("limit"))
        let list = try await app.codes.verifications(ofTalent: talentId, by: user, limit: limit, after: try Paging.id(q.get("cursor"), app.cursors))
        return try JSON.response(PageDTO(items: list.map(VerificationDTO.init), nextCursor: list.count == limit ? list.last.map { app.cursors.seal(String($0.id)) } : nil))
    }
}

struct CardDTO: Encodable {
    let number: String
    let tier: String
    let status: String
    let statusName: String
    let statusReason: String?
    let validFrom: String
    let validUntil: String
    let issuedAt: String

    init(_ c: Card) {
        number = c.number; tier = c.tier.rawValue; status = c.status.rawValue; statusName = c.status.chinese
        statusReason = c.statusReason; validFrom = c.validFrom.description; validUntil = c.validUntil.description
        issuedAt = RFC3339.string(c.issuedAt)
    }
}

struct CodeDTO: Encodable {
    let token: String
    let issuedAt: String
    let expiresAt: String
    /// When the app should fetch a fresh code (half the lifetime).
    let refreshAfter: String
    let tier: String
    let cardNumber: String?

    init(_ c: TalentCodes.IssuedCode) {
        token = c.token
        issuedAt = RFC3339.string(Int64(c.issuedAt) * 1000)
        expiresAt = RFC3339.string(Int64(c.expiresAt) * 1000)
        refreshAfter = RFC3339.string(Int64(c.refreshAfter) * 1000)
        tier = c.tier.rawValue
        cardNumber = c.cardNumber
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(token, forKey: .token); try c.encode(issuedAt, forKey: .issuedAt); try c.encode(expiresAt, forKey: .expiresAt)
        try c.encode(refreshAfter, forKey: .refreshAfter); try c.encode(tier, forKey: .tier); try c.encode(cardNumber, forKey: .cardNumber)
    }
    enum CodingKeys: String, CodingKey { case token, issuedAt, expiresAt, refreshAfter, tier, cardNumber }
}

struct CheckDTO: Encodable {
    struct TalentPart: Encodable {
        /// Known for this city's codes; a partner city's code names no one (it is pseudonymous).
        let name: String?
        let tier: String
        let cardNumber: String?
        let entitlements: [String]
        let entitlementsEn: [String]

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name); try c.encode(tier, forKey: .tier); try c.encode(cardNumber, forKey: .cardNumber)
            try c.encode(entitlements, forKey: .entitlements); try c.encode(entitlementsEn, forKey: .entitlementsEn)
        }
        enum CodingKeys: String, CodingKey { case name, tier, cardNumber, entitlements, entitlementsEn }
    }
    let valid: Bool
    let reason: String?
    let reasonText: String?
    let talent: TalentPart?
    /// The issuing city's name, e.g. 重庆市 or 成都市.
    let issuer: String?
    let issuerCode: String?
    let expiresAt: String?

    init(_ c: TalentCodes.Check) {
        valid = c.valid
        reason = c.reason?.rawValue
        reasonText = c.reason.map { "\($0.chinese) / \($0.english)" }
        issuer = c.issuerName
        issuerCode = c.issuerCode
        expiresAt = c.expiresAt.map { RFC3339.string(Int64($0) * 1000) }
        if c.valid, let tier = c.tier, let e = c.entitlements {
            talent = TalentPart(name: c.talentName, tier: tier, cardNumber: c.cardNumber, entitlements: e.chineseNames,
                                entitlementsEn: e.englishNames)
        } else {
            talent = nil
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(valid, forKey: .valid)
        try c.encode(reason, forKey: .reason)
        try c.encode(reasonText, forKey: .reasonText)
        try c.encode(talent, forKey: .talent)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(issuerCode, forKey: .issuerCode)
        try c.encode(expiresAt, forKey: .expiresAt)
    }
    enum CodingKeys: String, CodingKey { case valid, reason, reasonText, talent, issuer, issuerCode, expiresAt }
}

struct VerificationDTO: Encodable {
    let at: String
    let verifierOrg: String
    let valid: Bool
    let reason: String?
    let cardNumber: String?

    init(_ v: TalentCodes.Verification) {
        at = RFC3339.string(v.at); verifierOrg = v.verifierOrg; valid = v.valid; reason = v.reason; cardNumber = v.cardNumber
    }
}

/// A JWK set as JSON members, for embedding in other answers (members as `PublicJWK` spells them).
struct KeySetDTO: Encodable {
    let keys: [[String: String]]

    init(_ set: JWKSet) {
        keys = set.keys.map { Dictionary(uniqueKeysWithValues: $0.members.map { ($0.name, $0.value) }) }
    }
}

struct PartnerDTO: Encodable {
    let cityCode: String
    let name: String
    let keys: KeySetDTO
    let hasRevocations: Bool
    let loadedAt: String

    init(_ p: TalentCodes.Partner) {
        cityCode = p.cityCode; name = p.name; keys = KeySetDTO(p.keys); hasRevocations = p.revocations != nil
        loadedAt = RFC3339.string(p.loadedAt)
    }
}

struct PartnersDTO: Encodable {
    struct City: Encodable {
        let cityCode: String
        let name: String
        let keys: KeySetDTO?
    }
    let `self`: City
    let partners: [City]
}


import Foundation
import HTTPTypes
import Hummingbird
import SQLKit
import TalentCode
import Storage
import YingcaiCore

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}

/// Runs a create under the request's `Idempotency-Key`: the record and the remembered answer are
/// written in one transaction, and a retry gets the first answer back.
/// `create` returns the answer's JSON text (see `JSON.text`).
func idempotentCreate(
    _ app: Yingcai, _ request: Request, _ context: AppContext, body bytes: Data,
    _ create: @escaping @Sendable (any SQLDatabase) async throws -> String
) async throws -> Response {
    let user = try context.user()
    let key = request.headers[.idempotencyKey]
    let answer = try await app.idempotency.once(userId: user.userId, key: key, request: fingerprint(request, bytes, key)) { db in
        (201, try await create(db))
    }
    return respond(answer)
}

/// What identifies a request under its key: the path and the body in canonical form. Computed only
/// when a key is given.
func fingerprint(_ request: Request, _ bytes: Data, _ key: String?) -> [UInt8] {
    key == nil ? [] : Array(request.uri.path.utf8) + canonical(bytes)
}

func respond(_ answer: Idempotency.Answer) -> Response {
    var response = JSON.raw(Array(answer.body.utf8), status: .init(code: answer.status))
    if answer.replayed { response.headers[.idempotentReplayed] = "true" }
    return response
}

/// The body in a canonical form (`CanonicalJSON`), or as sent when it is not JSON.
func canonical(_ bytes: Data) -> [UInt8] {
    let raw = Array(bytes)
    return CanonicalJSON.text(of: raw).map { Array($0.utf8) } ?? raw
}

extension Request {
    func bodyData(_ context: AppContext) async throws -> Data {
        Data(buffer: try await body.collect(upTo: context.maxUploadSize))
    }
}

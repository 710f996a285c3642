import Foundation
import Hummingbird

/// JSON in and out: one encoder configuration for every answer.
enum JSON {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return raw(data, status: status)
    }

    static func raw(_ data: some Collection<UInt8>, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a request body, answering 400 for malformed JSON and for a wrong type, with the field.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return try decode(type, from: Data(buffer: buffer))
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if data.isEmpty { throw Problem.badRequest("请求体为空，应为 JSON / the body is empty; JSON expected") }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.typeMismatch(_, context) {
            let field = path(context.codingPath)
            throw Problem.badRequest("字段类型错误 / wrong type for \(field)", field: field)
        } catch let DecodingError.valueNotFound(_, context) {
            let field = path(context.codingPath)
            throw Problem.badRequest("字段不能为 null / \(field) cannot be null", field: field)
        } catch let DecodingError.keyNotFound(key, context) {
            let field = path(context.codingPath + [key])
            throw Problem.badRequest("缺少字段 / \(field) is missing", field: field)
        } catch let DecodingError.dataCorrupted(context) {
            let field = path(context.codingPath)
            throw Problem.badRequest(field.isEmpty ? "请求体不是有效的 JSON / the body is not valid JSON" : "\(field): \(context.debugDescription)",
                                     field: field.isEmpty ? nil : field)
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// RFC 3339 in UTC, from the stored milliseconds.
enum RFC3339 {
    static func string(_ millis: Int64) -> String {
        let seconds = millis / 1000
        let ms = Int(millis % 1000)
        var t = time_t(seconds)
        var tm = tm()
        gmtime_r(&t, &tm)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(tm.tm_year) + 1900, Int(tm.tm_mon) + 1,
                      Int(tm.tm_mday), Int(tm.tm_hour), Int(tm.tm_min), Int(tm.tm_sec), ms)
    }
}

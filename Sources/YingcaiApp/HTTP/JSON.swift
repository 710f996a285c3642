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

/// RFC 3339 in UTC, from the stored milliseconds (`2026-11-25T01:59:21.858Z`), written by hand:
/// `String(format:)` cost a tenth of a list request.
enum RFC3339 {
    static func string(_ millis: Int64) -> String {
        let days = Int(millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000)
        let msOfDay = Int(millis - Int64(days) * 86_400_000)
        let date = LocalDate(dayNumber: days)
        var out = [UInt8]()
        out.reserveCapacity(24)
        func put(_ v: Int, _ width: Int) {
            var digits = [UInt8](repeating: 48, count: width)
            var x = v
            for i in stride(from: width - 1, through: 0, by: -1) { digits[i] = UInt8(48 + x % 10); x /= 10 }
            out.append(contentsOf: digits)
        }
        put(date.year, 4); out.append(45); put(date.month, 2); out.append(45); put(date.day, 2)
        out.append(84); put(msOfDay / 3_600_000, 2); out.append(58); put(msOfDay / 60_000 % 60, 2)
        out.append(58); put(msOfDay / 1000 % 60, 2); out.append(46); put(msOfDay % 1000, 3); out.append(90)
        return String(decoding: out, as: UTF8.self)
    }
}

import WorkCalendar

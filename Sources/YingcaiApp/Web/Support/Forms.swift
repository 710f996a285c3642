import Foundation
import HTTPTypes
import Hummingbird
import YingcaiCore

/// Forms of the pages: url-encoded and multipart bodies, checked against the visit's CSRF token;
/// numbers typed into fields; refusals shown on the form that caused them.
/// The largest bodies the pages' forms take: a form of fields, and one with up to four files.
enum Forms {
    static let maxFormBytes = 1 << 20
    static let maxFiles = 8  // the catalog's items ask for up to 7 materials
    static let maxMultipartBytes = maxFiles * (UploadStore.maxBytes + 64 * 1024)
}

extension Web {
    /// An `application/x-www-form-urlencoded` body, checked against the visit's CSRF token.
    func form(_ request: Request, _ v: Visit) async throws -> [String: String] {
        let body = try await request.body.collect(upTo: Forms.maxFormBytes)
        let fields = Self.decodeForm(String(buffer: body))
        try checkCSRF(fields["_csrf"], v)
        return fields
    }

    func checkCSRF(_ given: String?, _ v: Visit) throws {
        guard let given, !v.csrf.isEmpty, given == v.csrf else {
            throw PageError(status: .forbidden, message: v.pick("表单已过期，请返回刷新后重试", "The form has expired; go back, reload and try again"))
        }
    }

    static func decodeForm(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { (String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding) ?? "" }
            let key = decode(kv[0])
            let value = kv.count > 1 ? decode(kv[1]) : ""
            if let existing = out[key] { out[key] = existing + "," + value } else { out[key] = value }
        }
        return out
    }

    /// A `multipart/form-data` body: text fields and files (streamed to the uploads' incoming
    /// folder), checked against the CSRF token. The caller adopts the files it keeps and discards the form.
    func multipart(_ request: Request, _ v: Visit) async throws -> ReceivedForm {
        guard let type = request.headers[.contentType], let boundary = UploadsController.boundary(type) else {
            throw PageError(status: .badRequest, message: "multipart/form-data expected")
        }
        let form = try await MultipartReceiver.receive(request.body, boundary: boundary, incoming: app.uploads.incoming, maxFiles: Forms.maxFiles)
        do {
            try checkCSRF(form.fields["_csrf"], v)
        } catch {
            form.discard()
            throw error
        }
        return form
    }

    /// A whole number typed into a form field: nil when left empty, a clear 422 when it is not a number.
    static func number<T: FixedWidthInteger>(_ f: [String: String], _ field: String, as: T.Type = T.self) throws -> T? {
        guard let raw = f[field]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let value = T(raw) else { throw CoreError.invalid(field, "应为整数 / a whole number is expected") }
        return value
    }

    /// Field errors as one line for a page: "field：reason；field：reason".
    static func describe(_ errors: [FieldError]) -> String {
        errors.map { "\($0.field)：\($0.message)" }.joined(separator: "；")
    }

    /// Runs a form's action; when it is refused (422 with the fields' reasons, or 409), `page` shows
    /// the form again with the reason and that status instead of an error page.
    static func redisplaying(_ page: (_ error: String, _ status: HTTPResponse.Status) async throws -> Response,
                             _ action: () async throws -> Response) async throws -> Response {
        do {
            return try await action()
        } catch let CoreError.validation(list) {
            return try await page(describe(list), .unprocessableContent)
        } catch let CoreError.conflict(message) {
            return try await page(message, .conflict)
        }
    }
}

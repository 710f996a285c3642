import Foundation
import HTTPTypes
import Hummingbird
import MultipartKit
import YingcaiCore

/// `POST /api/v1/uploads` (multipart/form-data, one file in the part `file`) and reading an upload back.
struct UploadsController {
    let app: Yingcai

    struct Answer: Encodable {
        let uploadId: String
        let sha256: String
        let size: Int
        let contentType: String
        let filename: String
    }

    func add(to api: APIRoutes) {
        api.post("/uploads") { request, context in
            let user = try context.user()
            guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
                  let boundary = Self.boundary(type) else {
                throw Problem(.unsupportedMediaType, type: "/problems/unsupported-media-type", title: "应为 multipart/form-data / multipart expected",
                              detail: "以 multipart/form-data 上传，文件放在 file 部分 / upload as multipart/form-data with the file in the part `file`")
            }
            let body = try await request.body.collect(upTo: UploadStore.maxBytes + 64 * 1024)
            let (file, filename) = try Self.filePart(body, boundary: boundary)
            let upload = try await app.uploads.store(file, filename: filename, by: user)
            return try JSON.response(Answer(uploadId: upload.id, sha256: upload.sha256, size: upload.size,
                                            contentType: upload.contentType, filename: upload.filename), status: .created)
        }
        api.get("/uploads/{id}") { _, context in
            let (upload, data) = try await app.uploads.read(context.parameters.get("id") ?? "", by: try context.user(), orders: app.workOrders)
            return Self.download(upload, data)
        }
    }

    /// A stored file as an attachment, named by its id (the uploader's file name may carry personal data).
    static func download(_ upload: UploadStore.Upload, _ data: Data) -> Response {
        Response(status: .ok, headers: [
            .contentType: upload.contentType,
            .contentDisposition: "attachment; filename=\"\(upload.id)\"",
            HTTPField.Name("X-Content-SHA256")!: upload.sha256,
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func boundary(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";") {
            let kv = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].lowercased() == "boundary" {
                return kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// The bytes and file name of the part named `file`.
    static func filePart(_ body: ByteBuffer, boundary: String) throws -> ([UInt8], String) {
        guard let found = try MultipartForm.parse(body, boundary: boundary).files["file"] else {
            throw CoreError.invalid("file", "缺少 file 部分 / no part named file")
        }
        return (found.bytes, found.filename)
    }
}

/// A `multipart/form-data` body: its text fields and its files (the first part of each name).
enum MultipartForm {
    struct Parts {
        var fields: [String: String] = [:]
        var files: [String: (bytes: [UInt8], filename: String)] = [:]
    }

    static func parse(_ body: ByteBuffer, boundary: String) throws -> Parts {
        let parser = MultipartParser(boundary: boundary)
        final class State { var headers: [String: String] = [:]; var body: [UInt8] = []; var parts = Parts() }
        let state = State()
        parser.onHeader = { name, value in state.headers[name.lowercased()] = value }
        parser.onBody = { buffer in state.body += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            let disposition = state.headers["content-disposition"] ?? ""
            func attribute(_ name: String) -> String? {
                guard let range = disposition.range(of: " \(name)=\"") ?? disposition.range(of: ";\(name)=\"") else { return nil }
                return String(disposition[range.upperBound...].prefix { $0 != "\"" })
            }
            if let name = attribute("name") {
                if let filename = attribute("filename") {
                    if state.parts.files[name] == nil { state.parts.files[name] = (state.body, filename.isEmpty ? "upload" : filename) }
                } else if state.parts.fields[name] == nil {
                    state.parts.fields[name] = String(decoding: state.body, as: UTF8.self)
                }
            }
            state.headers = [:]
            state.body = []
        }
        do {
            try parser.execute(body)
        } catch {
            throw Problem.badRequest("multipart 格式错误 / malformed multipart body", field: "file")
        }
        return state.parts
    }
}

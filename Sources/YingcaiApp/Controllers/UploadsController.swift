import Foundation
import HTTPTypes
import Hummingbird
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
            // Streamed to disk as it arrives: a file over the limit is stopped at its first byte too many.
            let form = try await MultipartReceiver.receive(request.body, boundary: boundary, incoming: app.uploads.incoming, maxFiles: 1)
            defer { form.discard() }
            guard let file = form.files["file"] else { throw CoreError.invalid("file", "缺少 file 部分 / no part named file") }
            let upload = try await app.uploads.adopt(file, by: user)
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
                // RFC 2046: 1 to 70 characters (an empty one would stop the parser).
                let value = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return (1...70).contains(value.count) ? value : nil
            }
        }
        return nil
    }
}

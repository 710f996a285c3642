import Foundation
import Hummingbird
import YingcaiCore

/// A `multipart/form-data` body read as it arrives: text fields kept in memory (each at most
/// 64 KiB), files written to the uploads' incoming folder through `UploadSpool` (each at most its
/// limit, at most `maxFiles` of them). A file or a field over its limit stops the read with 413;
/// a malformed or cut-off body is a 400. The caller adopts the files it keeps; `discard` removes the rest.
struct ReceivedForm {
    var fields: [String: String] = [:]
    var files: [String: IncomingFile] = [:]

    func discard() {
        for file in files.values { file.discard() }
    }
}

enum MultipartReceiver {
    static let maxFieldBytes = 64 * 1024
    static let maxParts = 256

    static func receive(_ body: RequestBody, boundary: String, incoming: String,
                        fileLimit: Int = UploadStore.maxBytes, maxFiles: Int = 8) async throws -> ReceivedForm {
        var scanner = MultipartScanner(boundary: boundary)
        var part = Part(incoming: incoming, fileLimit: fileLimit)
        var form = ReceivedForm()
        var parts = 0
        do {
            for try await chunk in body {
                do {
                    try scanner.feed(chunk.readableBytesView) { event in
                        switch event {
                        case .headers(let headers):
                            parts += 1
                            if parts > maxParts { throw Problem.badRequest("部分过多 / too many parts", field: "file") }
                            try part.begin(headers, filesSoFar: form.files.count, maxFiles: maxFiles)
                        case .body(let bytes):
                            try part.take(bytes)
                        case .partEnd:
                            try part.end(into: &form)
                        }
                    }
                } catch is MultipartScanner.Failure {
                    throw Problem.badRequest("multipart 格式错误 / malformed multipart body", field: "file")
                }
            }
            guard scanner.complete else { throw Problem.badRequest("multipart 正文不完整 / the multipart body is cut off", field: "file") }
        } catch {
            part.spool?.discard()
            form.discard()
            throw error
        }
        return form
    }

    /// The part being read: a field's bytes, or a file's spool.
    private struct Part {
        let incoming: String
        let fileLimit: Int
        var name = ""
        var filename: String?
        var field: [UInt8] = []
        var spool: UploadSpool?

        init(incoming: String, fileLimit: Int) {
            self.incoming = incoming
            self.fileLimit = fileLimit
        }

        static func tooLarge(_ limit: Int, file: Bool) -> Problem {
            Problem(.contentTooLarge, type: "/problems/too-large", title: "请求体过大 / Content too large",
                    detail: file ? "文件最多 \(limit) 字节 / a file takes at most \(limit) bytes"
                                 : "字段最多 \(limit) 字节 / a field takes at most \(limit) bytes")
        }

        /// The part's name and file name, from its `Content-Disposition`.
        mutating func begin(_ headers: [String: String], filesSoFar: Int, maxFiles: Int) throws {
            let disposition = headers["content-disposition"] ?? ""
            func attribute(_ key: String) -> String? {
                guard let range = disposition.range(of: " \(key)=\"") ?? disposition.range(of: ";\(key)=\"") else { return nil }
                return String(disposition[range.upperBound...].prefix { $0 != "\"" })
            }
            name = attribute("name") ?? ""
            filename = attribute("filename")
            field = []
            if filename != nil {
                guard filesSoFar < maxFiles else { throw Problem.badRequest("文件过多 / too many files", field: name) }
                spool = try UploadSpool(incoming: incoming, limit: fileLimit)
            }
        }

        mutating func take(_ bytes: ArraySlice<UInt8>) throws {
            if let spool {
                try bytes.withUnsafeBytes { try spool.write($0) }
                if spool.overLimit { throw Self.tooLarge(fileLimit, file: true) }
            } else {
                field += bytes
                if field.count > MultipartReceiver.maxFieldBytes { throw Self.tooLarge(MultipartReceiver.maxFieldBytes, file: false) }
            }
        }

        /// The first part of each name is kept; an empty file input (no bytes) is no file.
        mutating func end(into form: inout ReceivedForm) throws {
            defer { spool = nil; field = [] }
            if let spool {
                if !name.isEmpty, form.files[name] == nil, spool.size > 0 {
                    form.files[name] = try spool.finish(filename: (filename ?? "").isEmpty ? "upload" : filename!)
                } else {
                    spool.discard()
                }
            } else if !name.isEmpty, form.fields[name] == nil {
                form.fields[name] = String(decoding: field, as: UTF8.self)
            }
        }
    }
}

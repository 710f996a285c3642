import Crypto
import Foundation
import SQLKit
import Storage

/// Materials uploaded for an application: checked by size and by their first bytes (not only the
/// declared type), stored under the data folder with their SHA-256 recorded, usable by their
/// uploader in one work order within 24 hours, and readable only by those who may see that order.
public struct UploadStore: Sendable {
    let db: Database
    let directory: String
    let clock: Clockwork
    public static let maxBytes = 10 * 1024 * 1024

    public init(db: Database, directory: String, clock: Clockwork) {
        self.db = db
        self.directory = directory
        self.clock = clock
    }

    public struct Upload: Sendable, Equatable {
        public let id: String
        public let sha256: String
        public let size: Int
        public let contentType: String
        public let filename: String
    }

    /// The kinds accepted, recognised by their signature bytes.
    static func sniff(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return "application/pdf" }  // %PDF-
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }

    public func store(_ bytes: [UInt8], filename: String, by principal: Principal) async throws -> Upload {
        guard !bytes.isEmpty else { throw CoreError.invalid("file", "文件为空 / the file is empty") }
        guard bytes.count <= Self.maxBytes else { throw CoreError.invalid("file", "文件不能超过 10 MB / at most 10 MB") }
        guard let type = Self.sniff(bytes) else {
            throw CoreError.invalid("file", "只接受 PDF、JPEG、PNG 文件 / only PDF, JPEG and PNG files")
        }
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        var raw = [UInt8](repeating: 0, count: 16)
        for i in raw.indices { raw[i] = UInt8.random(in: 0...255) }
        let id = "up_" + Base64URL.encode(raw)
        let name = String(filename.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_").prefix(200))
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + id
        // Written and flushed before the row commits: an answered upload is on disk.
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw CoreError.conflict("无法保存文件 / cannot store the file")
        }
        if let handle = FileHandle(forUpdatingAtPath: path) { try? handle.synchronize(); try? handle.close() }
        let now = clock.nowMillis()
        try await db.transaction { db in
            try await db.raw("""
                INSERT INTO uploads (id, user_id, sha256, size, content_type, filename, stored_path, created_at)
                VALUES (\(bind: id), \(bind: principal.userId), \(bind: digest), \(bind: bytes.count), \(bind: type), \(bind: name), \(bind: path), \(bind: now))
                """).run()
        }
        return Upload(id: id, sha256: digest, size: bytes.count, contentType: type, filename: name)
    }

    /// The file, for its uploader or anyone who may see the order it belongs to.
    public func read(_ id: String, by principal: Principal, orders: WorkOrderService) async throws -> (upload: Upload, bytes: Data) {
        let row = try await db.read { db in
            try await db.raw("SELECT id, user_id, sha256, size, content_type, filename, stored_path, order_id FROM uploads WHERE id = \(bind: id)").first()
        }
        guard let row else { throw CoreError.notFound("upload") }
        let owner = try row.decode(column: "user_id", as: Int64.self)
        if owner != principal.userId {
            guard let order = try row.decode(column: "order_id", as: Int64?.self) else { throw CoreError.notFound("upload") }
            _ = try await orders.view(order, by: principal, timeline: false)  // 404 unless the order is visible
        }
        return try file(row)
    }

    /// A stored file, for a caller that has checked who may read it (a programme's material).
    func file(_ id: String) async throws -> (upload: Upload, bytes: Data) {
        let row = try await db.read { db in
            try await db.raw("SELECT id, user_id, sha256, size, content_type, filename, stored_path, order_id FROM uploads WHERE id = \(bind: id)").first()
        }
        guard let row else { throw CoreError.notFound("upload") }
        return try file(row)
    }

    func file(_ row: any SQLRow) throws -> (upload: Upload, bytes: Data) {
        let path = try row.decode(column: "stored_path", as: String.self)
        guard let data = FileManager.default.contents(atPath: path) else { throw CoreError.notFound("upload") }
        return (Upload(id: try row.decode(column: "id", as: String.self), sha256: try row.decode(column: "sha256", as: String.self),
                       size: try row.decode(column: "size", as: Int.self), contentType: try row.decode(column: "content_type", as: String.self),
                       filename: try row.decode(column: "filename", as: String.self)), data)
    }
}

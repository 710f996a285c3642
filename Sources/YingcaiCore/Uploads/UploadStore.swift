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

    /// Where files wait while they arrive.
    public var incoming: String { directory + "/incoming" }

    /// Bytes already in memory (the demo's materials), stored through the same path as a streamed file.
    public func store(_ bytes: [UInt8], filename: String, by principal: Principal) async throws -> Upload {
        let spool = try UploadSpool(incoming: incoming, limit: Int.max)
        do {
            try spool.write(bytes)
            return try await adopt(try spool.finish(filename: filename), by: principal)
        } catch {
            spool.discard()
            throw error
        }
    }

    /// A received file checked (size, kind by its first bytes) and moved into the store, then
    /// recorded; refused, it is removed.
    public func adopt(_ file: IncomingFile, by principal: Principal) async throws -> Upload {
        defer { file.discard() }  // after the move, nothing is left to remove
        guard file.size > 0 else { throw CoreError.invalid("file", "文件为空 / the file is empty") }
        guard file.size <= Self.maxBytes else { throw CoreError.invalid("file", "文件不能超过 10 MB / at most 10 MB") }
        guard let type = Self.sniff(file.head) else {
            throw CoreError.invalid("file", "只接受 PDF、JPEG、PNG 文件 / only PDF, JPEG and PNG files")
        }
        var raw = [UInt8](repeating: 0, count: 16)
        for i in raw.indices { raw[i] = UInt8.random(in: 0...255) }
        let id = "up_" + Base64URL.encode(raw)
        let name = String(file.filename.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_").prefix(200))
        let path = directory + "/" + id
        // Flushed by the spool and moved within one file system before the row commits: an
        // answered upload is on disk.
        do {
            try FileManager.default.moveItem(atPath: file.path, toPath: path)
        } catch {
            throw CoreError.conflict("无法保存文件 / cannot store the file")
        }
        let now = clock.nowMillis()
        do {
            try await db.transaction { db in
                try await db.raw("""
                    INSERT INTO uploads (id, user_id, sha256, size, content_type, filename, stored_path, created_at)
                    VALUES (\(bind: id), \(bind: principal.userId), \(bind: file.sha256), \(bind: file.size), \(bind: type), \(bind: name), \(bind: path), \(bind: now))
                    """).run()
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return Upload(id: id, sha256: file.sha256, size: file.size, contentType: type, filename: name)
    }

    /// Files left in the incoming folder by a body that never finished (a process stopped mid-upload).
    public func sweepIncoming(olderThan seconds: TimeInterval = 86_400) -> Int {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: incoming) else { return 0 }
        var removed = 0
        for name in names {
            let path = incoming + "/" + name
            if let modified = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
               Date().timeIntervalSince(modified) > seconds, (try? fm.removeItem(atPath: path)) != nil {
                removed += 1
            }
        }
        return removed
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

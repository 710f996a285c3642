import Crypto
import Foundation

/// A file as it arrives, written to the uploads' incoming folder piece by piece: its size, SHA-256
/// and first bytes are kept on the way, so a 10 MB upload never sits in memory and one over the
/// limit is stopped at the first byte too many.
public final class UploadSpool {
    public let path: String
    private let handle: FileHandle
    private var hasher = SHA256()
    private var head: [UInt8] = []
    public private(set) var size = 0
    public let limit: Int
    /// More bytes arrived than the limit: nothing past it was written.
    public private(set) var overLimit = false

    public init(incoming directory: String, limit: Int = UploadStore.maxBytes) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/" + UUID().uuidString
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CoreError.conflict("无法保存文件 / cannot store the file")
        }
        self.handle = handle
        self.limit = limit
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !overLimit else { return }
        if size + bytes.count > limit { overLimit = true; return }
        if head.count < 16 { head += bytes.prefix(16 - head.count) }
        hasher.update(bufferPointer: bytes)
        size += bytes.count
        try handle.write(contentsOf: bytes)
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Flushed to disk and closed: an answered upload is on disk.
    public func finish(filename: String) throws -> IncomingFile {
        try handle.synchronize()
        try handle.close()
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return IncomingFile(path: path, filename: filename, size: size, sha256: digest, head: head)
    }

    /// Closed and removed (a refused or abandoned body).
    public func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A received file waiting in the incoming folder: stored by `UploadStore.adopt`, or removed by
/// `discard` (the incoming folder is swept of anything older than a day besides).
public struct IncomingFile: Sendable {
    public let path: String
    public let filename: String
    public let size: Int
    public let sha256: String
    public let head: [UInt8]

    /// Its bytes, for a form that reads the file itself (a calendar's CSV).
    public func bytes() throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CoreError.notFound("file") }
        return [UInt8](data)
    }

    public func discard() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

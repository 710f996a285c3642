import Foundation
import Logging
import NIOConcurrencyHelpers
import TalentCode
import WorkCalendar

/// The city's talent-code signing keys (人才码签名密钥), held in memory and read from a key file
/// (`YINGCAI_CODE_KEY_FILE`) or an environment variable holding the file's text
/// (`YINGCAI_CODE_KEYS`). Never stored in the database and never logged.
///
/// Rotation (`yingcai codes rotate-keys`) rewrites the key file; every running instance notices
/// the change on its next round of background work and signs with the new key, while the retired
/// key stays published for a day so codes it signed still verify until they expire.
public final class CodeKeys: Sendable {
    public enum Source: Sendable, Equatable {
        case file(String)
        case environment
        case memory
    }

    public let source: Source
    private let state: NIOLockedValueBox<(ring: KeyRing, text: String)>

    init(ring: KeyRing, source: Source, text: String) {
        self.source = source
        self.state = NIOLockedValueBox((ring, text))
    }

    /// A ring that lives only in this process: for tests.
    public static func inMemory(_ ring: KeyRing) -> CodeKeys {
        CodeKeys(ring: ring, source: .memory, text: KeyFile.render(ring))
    }

    public var ring: KeyRing { state.withLockedValue { $0.ring } }

    /// Loads the keys: the environment's text, else the file. On SQLite with neither, a new ring
    /// is generated into the file (mode 0600), once, with a message; on PostgreSQL the keys must
    /// be given, since every instance must sign with the same ones.
    public static func load(environmentText: String?, file: String, mayGenerate: Bool, issuer: String,
                            now: UInt64, logger: Logger) throws -> CodeKeys {
        if let text = environmentText, !text.isEmpty {
            return CodeKeys(ring: try parse(text, issuer: issuer, from: "YINGCAI_CODE_KEYS"), source: .environment, text: text)
        }
        if let text = try? String(contentsOfFile: file, encoding: .utf8) {
            return CodeKeys(ring: try parse(text, issuer: issuer, from: file), source: .file(file), text: text)
        }
        guard mayGenerate else { throw CodeKeyError.missing(file) }
        let ring = try KeyRing.generate(issuer: issuer, kid: newKid(now: now), now: now)
        let text = KeyFile.render(ring)
        try write(text, to: file)
        logger.notice("generated talent-code signing keys; keep this file secret and back it up", metadata: ["file": .string(file)])
        return CodeKeys(ring: ring, source: .file(file), text: text)
    }

    static func parse(_ text: String, issuer: String, from origin: String) throws -> KeyRing {
        let ring: KeyRing
        do {
            ring = try KeyFile.parse(text)
        } catch {
            throw CodeKeyError.invalid(origin, "\(error)")
        }
        guard ring.issuer == issuer else { throw CodeKeyError.invalid(origin, "keys of \(ring.issuer), not of this city (\(issuer))") }
        return ring
    }

    /// Re-reads the key file if it changed; true if the ring was replaced. A damaged file is
    /// reported and the keys in use are kept.
    @discardableResult
    public func reloadIfChanged(logger: Logger) -> Bool {
        guard case .file(let path) = source, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        let (issuer, unchanged) = state.withLockedValue { ($0.ring.issuer, $0.text == text) }
        if unchanged { return false }
        do {
            let ring = try Self.parse(text, issuer: issuer, from: path)
            state.withLockedValue { $0 = (ring, text) }
            logger.notice("talent-code signing keys reloaded", metadata: ["activeKid": .string(ring.active.kid)])
            return true
        } catch {
            logger.error("the talent-code key file changed but cannot be read; keeping the keys in use",
                         metadata: ["file": .string(path), "error": .string("\(error)")])
            return false
        }
    }

    /// A key id naming the city and the day, with a random suffix so two rotations a day differ.
    public static func newKid(now: UInt64) -> String {
        let day = LocalDate(shanghaiMillis: Int64(now) * 1000).description.replacingOccurrences(of: "-", with: "")
        return "cq-\(day)-" + String(UInt16.random(in: 0...UInt16.max), radix: 16)
    }

    /// Writes a key file atomically (a temporary file renamed over it), readable by its owner only.
    public static func write(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CodeKeyError.cannotWrite(path)
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CodeKeyError.cannotWrite(path)
        }
    }

    /// Rotates the keys in the file: a fresh active key, the old one retired and still published
    /// for `keepRetiredFor` seconds, keys past their retirement dropped. Returns the new ring.
    public static func rotateFile(_ path: String, now: UInt64, keepRetiredFor: UInt64 = 86_400) throws -> KeyRing {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CodeKeyError.missing(path) }
        let ring: KeyRing
        do {
            ring = try KeyFile.parse(text).pruned(now: now).rotate(newKid: newKid(now: now), now: now, keepRetiredFor: keepRetiredFor)
        } catch {
            throw CodeKeyError.invalid(path, "\(error)")
        }
        try write(KeyFile.render(ring), to: path)
        return ring
    }
}

public enum CodeKeyError: Error, CustomStringConvertible {
    case missing(String)
    case invalid(String, String)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .missing(let f):
            return "no talent-code signing keys: set YINGCAI_CODE_KEYS (the key file's text) or provide the key file \(f) (create one with `yingcai codes init-keys --key-file \(f)`)"
        case .invalid(let origin, let reason): return "the talent-code keys in \(origin) cannot be used: \(reason)"
        case .cannotWrite(let f): return "cannot write the talent-code key file \(f)"
        }
    }
}


import Foundation
import Logging
import PersonalData

/// Where the data key comes from: `YINGCAI_DATA_KEY`, or a key file. On SQLite with neither, a new
/// key is generated into the key file beside the database, once, with a message; on PostgreSQL the
/// key must be given, since several instances must share it.
public enum DataKeyStore {
    public static func load(environmentKey: String?, keyFile: String, mayGenerate: Bool, logger: Logger) throws -> DataKey {
        try loadRing(environmentKey: environmentKey, keyFile: keyFile, mayGenerate: mayGenerate, logger: logger).current
    }

    /// The keys after every rotation (`DataKeyRing`): from the variable (one key, or the ring's
    /// lines separated by `;`), else the key file; on a first SQLite start a new file.
    public static func loadRing(environmentKey: String?, keyFile: String, mayGenerate: Bool, logger: Logger) throws -> DataKeyRing {
        if let environmentKey, !environmentKey.isEmpty {
            return try DataKeyRing(text: environmentKey.replacingOccurrences(of: ";", with: "\n"))
        }
        if let text = try? String(contentsOfFile: keyFile, encoding: .utf8) {
            return try DataKeyRing(text: text)
        }
        guard mayGenerate else { throw KeyStoreError.missing(keyFile) }
        let key = DataKey.generate()
        let created = FileManager.default.createFile(atPath: keyFile, contents: Data((key.base64 + "\n").utf8),
                                                     attributes: [.posixPermissions: 0o600])
        guard created else { throw KeyStoreError.cannotWrite(keyFile) }
        logger.notice("generated a new data key for personal data at rest; keep this file with the database and back it up: without it ID and phone numbers cannot be read", metadata: ["file": .string(keyFile)])
        return DataKeyRing([key])
    }

    /// Writes the ring to the key file, whole or not at all (a new file renamed over the old).
    public static func save(_ ring: DataKeyRing, to keyFile: String) throws {
        let temporary = keyFile + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(ring.text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw KeyStoreError.cannotWrite(temporary)
        }
        // rename(2) replaces the old file in one step: a reader sees the old ring or the new one.
        guard rename(temporary, keyFile) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw KeyStoreError.cannotWrite(keyFile)
        }
    }

    public enum KeyStoreError: Error, CustomStringConvertible {
        case missing(String)
        case cannotWrite(String)
        public var description: String {
            switch self {
            case .missing(let f): return "no data key: set YINGCAI_DATA_KEY (32 random bytes, base64; e.g. `openssl rand -base64 32`) or provide the key file \(f)"
            case .cannotWrite(let f): return "cannot write the data key file \(f)"
            }
        }
    }
}

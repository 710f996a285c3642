import Foundation
import Logging
import PersonalData
import Storage
import TalentCode
import YingcaiCore

/// Opens the database, loads the data key and prepares the schema: shared by `serve` and every
/// command that touches data.
public enum Boot {
    /// `serving`: the talent-code signing keys must be the deployment's (on PostgreSQL they must
    /// be given). Other commands sign nothing, so without keys they run with throwaway ones.
    public static func open(_ settings: Settings, logger: Logger, serving: Bool = false) async throws -> Yingcai {
        let db = try await Database.open(url: settings.databaseURL, sqlitePath: settings.sqlitePath,
                                         poolSize: settings.poolSize, logger: logger)
        do {
            let ring = try DataKeyStore.loadRing(environmentKey: settings.dataKey, keyFile: settings.resolvedKeyFile,
                                                 mayGenerate: settings.databaseURL == nil, logger: logger)
            // After a rotation by another process the key file holds a new key: read it again then.
            let keyFile = settings.resolvedKeyFile, fromEnvironment = !(settings.dataKey ?? "").isEmpty
            var reload: (@Sendable () -> DataKeyRing?)?
            if !fromEnvironment { reload = { @Sendable in Boot.readRing(keyFile) } }
            let vault = PersonalDataVault(ring: ring, reload: reload)
            let now = UInt64(settings.clockwork.nowMillis() / 1000)
            let codeKeys: CodeKeys
            do {
                codeKeys = try CodeKeys.load(environmentText: settings.codeKeys, file: settings.resolvedCodeKeyFile,
                                             mayGenerate: settings.databaseURL == nil, issuer: "500000", now: now, logger: logger)
            } catch CodeKeyError.missing where !serving {
                codeKeys = .inMemory(try KeyRing.generate(issuer: "500000", kid: CodeKeys.newKid(now: now), now: now))
            }
            let app = Yingcai(db: db, dataKey: ring.first, vault: vault, config: settings.core, clock: settings.clockwork,
                              uploadsDirectory: settings.resolvedUploadsDirectory, codeKeys: codeKeys, logger: logger)
            try await app.prepare()
            return app
        } catch {
            await db.shutdown()
            throw error
        }
    }

    static func readRing(_ file: String) -> DataKeyRing? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        return try? DataKeyRing(text: text)
    }
}

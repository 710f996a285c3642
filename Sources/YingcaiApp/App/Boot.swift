import Logging
import Storage
import YingcaiCore

/// Opens the database, loads the data key and prepares the schema: shared by `serve` and every
/// command that touches data.
public enum Boot {
    public static func open(_ settings: Settings, logger: Logger) async throws -> Yingcai {
        let db = try await Database.open(url: settings.databaseURL, sqlitePath: settings.sqlitePath,
                                         poolSize: settings.poolSize, logger: logger)
        do {
            let key = try DataKeyStore.load(environmentKey: settings.dataKey, keyFile: settings.resolvedKeyFile,
                                            mayGenerate: settings.databaseURL == nil, logger: logger)
            let codeKeys = try CodeKeys.load(environmentText: settings.codeKeys, file: settings.resolvedCodeKeyFile,
                                             mayGenerate: settings.databaseURL == nil, issuer: "500000",
                                             now: UInt64(settings.clockwork.nowMillis() / 1000), logger: logger)
            let app = Yingcai(db: db, dataKey: key, config: settings.core, clock: settings.clockwork,
                              uploadsDirectory: settings.resolvedUploadsDirectory, codeKeys: codeKeys, logger: logger)
            try await app.prepare()
            return app
        } catch {
            await db.shutdown()
            throw error
        }
    }
}

import ArgumentParser
import Foundation
import PersonalData
import YingcaiCore

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "The data key that seals personal data at rest.",
                                                    subcommands: [RotateDataKey.self])

    /// Adds a new data key to the key file, then re-seals every personal value under it while the
    /// service runs. Running servers read the key file again when they meet the new key, and at
    /// their background work; values they seal with the old key meanwhile are caught by a later
    /// pass. The old keys stay in the file (they open backups); the hashes do not change.
    struct RotateDataKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-data-key", abstract: "Add a new data key and re-seal every ID number, phone number and personal form value under it.")
        @OptionGroup var common: CommonOptions
        @Flag(help: "Only re-seal what is still under an older key; add no key.") var resealOnly = false

        func run() async throws {
            let settings = try common.settings()
            guard (settings.dataKey ?? "").isEmpty else {
                throw ValidationError("the data key comes from YINGCAI_DATA_KEY: keep it in a key file (YINGCAI_DATA_KEY_FILE) to rotate it here")
            }
            let file = settings.resolvedKeyFile
            let ring = try DataKeyStore.loadRing(environmentKey: nil, keyFile: file, mayGenerate: false, logger: common.logger(settings))
            let rotated = resealOnly ? ring : ring.rotated()
            if !resealOnly {
                try DataKeyStore.save(rotated, to: file)
                FileHandle.standardError.write(Data("data key \(rotated.current.id) added to \(file); earlier keys kept to open older backups\n".utf8))
            }
            try await withCore(common) { core in
                let line = StepLine("重新加密 re-sealing personal data")
                var total = 0
                for pass in 1...5 {
                    let n = try await core.resealPersonalData { line.step("\(total + $0)") }
                    total += n
                    if n == 0 || pass == 5 { break }
                    // Servers that have not read the new key yet may still seal with the old one.
                    try await Task.sleep(for: .seconds(2))
                }
                let left = try await core.valuesUnderOlderKeys()
                line.done("\(total) 项 values re-sealed under key \(rotated.current.id); \(left) left under older keys")
                if left > 0 {
                    throw ValidationError("\(left) values are still sealed under an older key: once every server has read the key file, run `yingcai keys rotate-data-key --reseal-only`")
                }
            }
        }
    }
}

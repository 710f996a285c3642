import ArgumentParser
import Foundation
import TalentCode
import YingcaiCore

struct CodesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "codes", abstract: "Talent codes: signing keys, offline verification, partner cities.",
                                                    subcommands: [InitKeys.self, RotateKeys.self, PublicKeys.self, Verify.self, Partners.self])

    static func keyFile(_ given: String?, _ common: CommonOptions) throws -> String {
        try given ?? common.settings().resolvedCodeKeyFile
    }

    struct InitKeys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init-keys", abstract: "Create a key file with one fresh signing key (refuses to overwrite).")
        @OptionGroup var common: CommonOptions
        @Option(help: "The key file (default: YINGCAI_CODE_KEY_FILE, or yingcai-code-keys.txt beside the SQLite file).") var keyFile: String?

        func run() async throws {
            let path = try CodesCommand.keyFile(keyFile, common)
            guard !FileManager.default.fileExists(atPath: path) else { throw ValidationError("\(path) exists; use rotate-keys") }
            let now = UInt64(Date().timeIntervalSince1970)
            let ring = try KeyRing.generate(issuer: "500000", kid: CodeKeys.newKid(now: now), now: now)
            try CodeKeys.write(KeyFile.render(ring), to: path)
            print("created \(path) (mode 0600) with key \(ring.active.kid)")
        }
    }

    struct RotateKeys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rotate-keys",
            abstract: "Sign with a fresh key from now on; the old key stays published (still verifies) for the given hours.")
        @OptionGroup var common: CommonOptions
        @Option(help: "The key file.") var keyFile: String?
        @Option(help: "Hours the retired key stays published.") var keepRetiredHours: Int = 24

        func run() async throws {
            guard keepRetiredHours >= 1 else { throw ValidationError("--keep-retired-hours is 1 or more (codes live two minutes)") }
            let path = try CodesCommand.keyFile(keyFile, common)
            let now = UInt64(Date().timeIntervalSince1970)
            let ring = try CodeKeys.rotateFile(path, now: now, keepRetiredFor: UInt64(keepRetiredHours) * 3600)
            print("active key: \(ring.active.kid)")
            for e in ring.entries.dropFirst() { print("retired, still published: \(e.key.kid)") }
            print("running servers pick the new key up on their next round of background work (YINGCAI_JOBS_INTERVAL)")
        }
    }

    struct PublicKeys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "public-keys", abstract: "Print the published key set (JWK Set) of the key file.")
        @OptionGroup var common: CommonOptions
        @Option(help: "The key file.") var keyFile: String?

        func run() async throws {
            let path = try CodesCommand.keyFile(keyFile, common)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw ValidationError("cannot read \(path)") }
            print(try KeyFile.parse(text).jwkSet(now: UInt64(Date().timeIntervalSince1970)).json)
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verify a code offline: exit 0 if valid, 1 if refused.",
            discussion: """
                --keys takes a JWK set (/.well-known/yingcai-keys.json, the city in each key's iss) or a partner file \
                (/.well-known/yingcai-partners.json: this city and its partners); repeat it for several cities. \
                --revocations takes signed lists (/.well-known/yingcai-revocations), one per line.
                """)
        @Argument(help: "The code (YC1.…).") var token: String
        @Option(name: .long, help: "Trusted keys: a JWK set or a partner file.") var keys: [String] = []
        @Option(help: "Signed revocation lists, one per line.") var revocations: String?
        @Option(help: "Check as of this instant (RFC 3339), instead of now.") var now: String?
        @Flag(help: "Print the answer as JSON.") var json = false

        func run() async throws {
            guard !keys.isEmpty else { throw ValidationError("give the trusted keys with --keys FILE") }
            var trusted: [TrustedIssuer] = []
            for file in keys {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw ValidationError("cannot read \(file)") }
                trusted += try OfflineTrust.issuers(from: text, file: file)
            }
            var at = UInt64(Date().timeIntervalSince1970)
            if let now {
                guard let d = ISO8601DateFormatter().date(from: now) else { throw ValidationError("--now is RFC 3339, e.g. 2026-11-25T09:00:00Z") }
                at = UInt64(max(0, d.timeIntervalSince1970))
            }
            let verifier = TalentCodeVerifier(trusted: trusted)
            var store = RevocationStore()
            if let revocations {
                guard let text = try? String(contentsOfFile: revocations, encoding: .utf8) else { throw ValidationError("cannot read \(revocations)") }
                for line in text.split(whereSeparator: \.isNewline) where !line.isEmpty {
                    let outcome = store.refresh(String(line), verifier: verifier, now: at)
                    if case .refused(let why) = outcome {
                        FileHandle.standardError.write(Data("revocation list refused: \(why.rawValue)\n".utf8))
                    }
                }
                for city in store.staleIssuers(now: at) {
                    FileHandle.standardError.write(Data("warning: the revocation list of \(city) is past its next update; fetch a new one\n".utf8))
                }
            }
            let result = verifier.verify(token.trimmingCharacters(in: .whitespacesAndNewlines), now: at, revocations: store)
            print(OfflineTrust.describe(result, json: json))
            if !result.isValid { throw ExitCode(1) }
        }
    }

    struct Partners: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Load the partner-city file (replaces the list): {\"partners\": [{cityCode, name, keys, revocations?}]}.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The partner file (JSON).") var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            try await withCore(common) { core in
                do {
                    let partners = try await core.codes.loadPartners(data, by: nil)
                    print("partner cities: " + (partners.isEmpty ? "none" : partners.map { "\($0.name) (\($0.cityCode), \($0.keys.keys.count) keys)" }.joined(separator: ", ")))
                } catch let CoreError.validation(errors) {
                    throw ValidationError(errors.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
                }
            }
        }
    }
}

/// Reading trusted keys for offline checks, and describing a result for a person at a counter.
enum OfflineTrust {
    static let knownCities = ["500000": "重庆市", "510100": "成都市"]

    static func issuers(from text: String, file: String) throws -> [TrustedIssuer] {
        let parsed: PartnerFile
        do { parsed = try PartnerFile.parse(text) } catch { throw ValidationError("\(file): \(error)") }
        func set(_ keys: Result<JWKSet, TalentCodeError>?) throws -> JWKSet {
            guard let keys else { throw ValidationError("\(file): a key set is missing") }
            do { return try keys.get() } catch { throw ValidationError("\(file): \(error)") }
        }
        if let bare = parsed.keys {
            let keys = try set(bare)
            let cities = Set(keys.keys.compactMap(\.issuer))
            guard cities.count == 1, let city = cities.first else { throw ValidationError("\(file): every key must name one city in iss") }
            return [try TrustedIssuer(cityCode: city, displayName: knownCities[city] ?? city, keys: keys)]
        }
        guard let partners = parsed.partners else { throw ValidationError("\(file): expected {\"keys\": …} or {\"partners\": …}") }
        var out: [TrustedIssuer] = []
        for p in partners {
            guard let code = p.cityCode, let name = p.name else { throw ValidationError("\(file): a partner needs cityCode and name") }
            out.append(try TrustedIssuer(cityCode: code, displayName: name, keys: try set(p.keys)))
        }
        if let me = parsed.own, let code = me.cityCode, let name = me.name, me.keys != nil {
            out.append(try TrustedIssuer(cityCode: code, displayName: name, keys: try set(me.keys)))
        }
        return out
    }

    static func describe(_ result: VerificationResult, json: Bool) -> String {
        switch result {
        case .valid(let c, let city):
            if json {
                let o: [String: Any] = ["valid": true, "issuer": city, "issuerCode": c.issuer, "tier": c.tier.letter,
                                        "cardNumber": c.cardNumber.isEmpty ? NSNull() : c.cardNumber as Any,
                                        "entitlements": c.entitlements.chineseNames, "expiresAt": c.expiresAt]
                return String(decoding: try! JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]), as: UTF8.self)
            }
            return """
                有效 valid — \(city)（\(c.issuer)）签发 issued
                层次 tier: \(c.tier.letter)\(c.cardNumber.isEmpty ? "" : "   英才卡 card: \(c.cardNumber)")
                权益 entitlements: \(c.entitlements.chineseNames.joined(separator: "、"))
                """
        case .refused(let reason):
            if json {
                let o: [String: Any] = ["valid": false, "reason": reason.rawValue, "reasonText": "\(reason.chinese) / \(reason.english)"]
                return String(decoding: try! JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]), as: UTF8.self)
            }
            return "拒绝 refused (\(reason.rawValue)): \(reason.chinese) / \(reason.english)"
        }
    }
}

import Foundation
import ArgumentParser
import HummingbirdTesting
import Identity
import TalentCode
import Testing
@testable import YingcaiApp
import YingcaiCore

@Suite("Talent codes")
struct TalentCodeHTTPTests {
    @Test("a talent's code verifies at a verifier with who, tier, card and entitlements; a second showing there is a replay")
    func issueAndVerify() async throws {
        try await TestApp.run { (env, client) async throws in
            let (token, talentId) = try await certifiedTalent(client, tier: "C", env: env)
            let code = try await client.call(.get, "/api/v1/me/code", token: token)
            #expect(code.status == 200)
            #expect(code.headers[.cacheControl] == "no-store")
            let text = try #require(code["token"] as? String)
            #expect(text.hasPrefix("YC1."))
            let card = try await client.call(.get, "/api/v1/me/card", token: token)["number"] as! String
            #expect(code["cardNumber"] as? String == card)

            let verifier = try await client.login("verifier")
            let check = try await client.call(.post, "/api/v1/codes/verify", token: verifier, json: ["token": text])
            #expect(check.status == 200)
            #expect(check["valid"] as? Bool == true)
            #expect(check["issuer"] as? String == "重庆市" && check["issuerCode"] as? String == "500000")
            let talent = try #require(check["talent"] as? [String: Any])
            #expect(talent["name"] as? String == "张三" && talent["tier"] as? String == "C" && talent["cardNumber"] as? String == card)
            #expect((talent["entitlements"] as? [String])?.contains("医疗绿色通道") == true)
            #expect((talent["entitlements"] as? [String])?.contains("机场贵宾通道") == false)

            let again = try await client.call(.post, "/api/v1/codes/verify", token: verifier, json: ["token": text])
            #expect(again["valid"] as? Bool == false && again["reason"] as? String == "replayed")
            #expect(again["talent"] is NSNull)
            // Another verifier sees it for the first time.
            _ = try await env.core.accounts.create(.init(username: "airport", password: "password-airport", roles: [.verifier], orgCode: "500000:TRANSPORT"))
            #expect(try await client.call(.post, "/api/v1/codes/verify", token: try await client.login("airport"), json: ["token": text])["valid"] as? Bool == true)

            // Only verifiers check codes; the talent cannot.
            #expect(try await client.code(.post, "/api/v1/codes/verify", token: token, json: ["token": text]) == 403)
            #expect(try await client.code(.post, "/api/v1/codes/verify", token: verifier, json: ["nope": 1]) == 400)

            // Every online check is a service event of the talent, newest first.
            let events = try await client.list(.get, "/api/v1/me/verifications", token: token)
            #expect(events.map { $0["valid"] as? Bool } == [true, false, true])
            #expect(events[1]["reason"] as? String == "replayed")
            #expect(events[0]["verifierOrg"] as? String == "500000:TRANSPORT")
            let admin = try await client.login("admin")
            #expect(try await client.list(.get, "/api/v1/talents/\(talentId)/verifications", token: admin).count == 3)
            #expect(try await client.code(.get, "/api/v1/talents/\(talentId)/verifications", token: try await client.login("yuzhong-handler")) == 404)
        }
    }

    @Test("each refusal reason: malformed, altered, unknown issuer, unknown key, not yet valid, expired, revoked card")
    func refusals() async throws {
        try await TestApp.run { (env, client) async throws in
            let (token, talentId) = try await certifiedTalent(client, tier: "B", env: env)
            let verifier = try await client.login("verifier")
            func reason(_ code: String) async throws -> String? {
                let answer = try await client.call(.post, "/api/v1/codes/verify", token: verifier, json: ["token": code])
                #expect(answer.status == 200)
                return answer["valid"] as? Bool == true ? "valid" : answer["reason"] as? String
            }
            #expect(try await reason("hello") == "malformed")
            #expect(try await reason("") == "malformed")

            let good = try await client.call(.get, "/api/v1/me/code", token: token)["token"] as! String
            // Altered in the payload (the tier byte region) or the signature.
            var chars = Array(good)
            let payloadIndex = 4 + 40
            chars[payloadIndex] = chars[payloadIndex] == "A" ? "B" : "A"
            #expect(try await ["badSignature", "malformed"].contains(reason(String(chars))))
            var sig = Array(good)
            sig[sig.count - 5] = sig[sig.count - 5] == "A" ? "B" : "A"
            #expect(try await reason(String(sig)) == "badSignature")

            // Signed by keys this city does not publish.
            let now = UInt64(env.core.clock.nowMillis() / 1000)
            let card = try await client.call(.get, "/api/v1/me/card", token: token)["number"] as! String
            let holder = try CodeHolder(talentID: TalentID.random(), tier: .b, cardNumber: card, entitlements: [.transport])
            let stranger = try KeyRing.generate(issuer: "440300", kid: "sz-1", now: now)
            #expect(try await reason(TalentCodeSigner.issue(holder, ring: stranger, now: now)) == "unknownIssuer")
            let impostor = try KeyRing.generate(issuer: "500000", kid: "cq-forged", now: now)
            #expect(try await reason(TalentCodeSigner.issue(holder, ring: impostor, now: now)) == "unknownKey")
            // Our key, but the clock of the phone runs minutes ahead.
            #expect(try await reason(TalentCodeSigner.issue(holder, ring: env.core.codes.keys.ring, now: now + 300)) == "notYetValid")

            // Expired two minutes after issue.
            let shown = try await client.call(.get, "/api/v1/me/code", token: token)["token"] as! String
            env.clock.advance(seconds: 120)
            #expect(try await reason(shown) == "expired")

            // A suspended card's live code is refused at once.
            let live = try await client.call(.get, "/api/v1/me/code", token: token)["token"] as! String
            let admin = try await client.login("admin")
            #expect(try await client.code(.post, "/api/v1/talents/\(talentId)/card/suspend", token: admin, json: ["reason": "挂失"]) == 200)
            #expect(try await reason(live) == "revokedCard")
            let events = try await client.list(.get, "/api/v1/me/verifications", token: token)
            #expect(events.first?["reason"] as? String == "revokedCard")
            // Refused codes whose signature held are the talent's service events too.
            #expect(events.compactMap { $0["reason"] as? String }.contains("expired"))
        }
    }

    @Test("the code as SVG and PNG decodes, with zbarimg, to a code that verifies")
    func qrImages() async throws {
        try await TestApp.run { (env, client) async throws in
            let (token, _) = try await certifiedTalent(client, tier: "A", env: env)
            let dir = NSTemporaryDirectory() + "qr-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let png = try await client.call(.get, "/api/v1/me/code.png?scale=3", token: token)
            #expect(png.status == 200 && png.headers[.contentType] == "image/png")
            try png.body.write(to: URL(fileURLWithPath: dir + "/code.png"))
            let svg = try await client.call(.get, "/api/v1/me/code.svg", token: token)
            #expect(svg.headers[.contentType] == "image/svg+xml" && svg.text.hasPrefix("<"))
            try svg.body.write(to: URL(fileURLWithPath: dir + "/code.svg"))
            try Tools.run("rsvg-convert", package: "librsvg2-bin", ["--background-color=white", "-o", dir + "/svg.png", dir + "/code.svg"])
            let verifier = try await client.login("verifier")
            for file in ["code.png", "svg.png"] {
                let decoded = try Tools.run("zbarimg", package: "zbar-tools", ["--raw", "-q", "-Sbinary", "-Sdisable", "-Sqrcode.enable", dir + "/" + file])
                let text = String(decoding: decoded, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(text.hasPrefix("YC1."))
                #expect(try await client.call(.post, "/api/v1/codes/verify", token: verifier, json: ["token": text])["valid"] as? Bool == true)
            }
            #expect(try await client.code(.get, "/api/v1/me/code.png?scale=99", token: token) == 422)
        }
    }

    @Test("the published keys and the signed revocation list verify each other; the list follows card changes")
    func wellKnown() async throws {
        try await TestApp.run { (env, client) async throws in
            let (_, talentId) = try await certifiedTalent(client, tier: "C", env: env)
            let keys = try await client.call(.get, "/.well-known/yingcai-keys.json")
            #expect(keys.status == 200)
            let set = try JWKSet.parse(keys.text)
            #expect(set.keys.map(\.kid) == [env.core.codes.keys.ring.active.kid])
            #expect(!keys.text.contains("\"d\""))
            let verifier = TalentCodeVerifier(trusted: [try TrustedIssuer(cityCode: "500000", displayName: "重庆市", keys: set)])

            let admin = try await client.login("admin")
            let number = try await client.call(.get, "/api/v1/talents/\(talentId)/card", token: admin)["number"] as! String
            let now = UInt64(env.core.clock.nowMillis() / 1000)
            var store = RevocationStore()
            let first = try await client.call(.get, "/.well-known/yingcai-revocations").text.split(separator: "\n").map(String.init)
            #expect(store.refresh(first[0], verifier: verifier, now: now) == .installed(stale: false))
            #expect(store.revocationList(for: "500000")?.isRevoked(cardNumber: number) == false)

            #expect(try await client.code(.post, "/api/v1/talents/\(talentId)/card/suspend", token: admin, json: ["reason": "挂失"]) == 200)
            let second = try await client.call(.get, "/.well-known/yingcai-revocations").text.split(separator: "\n").map(String.init)
            #expect(store.refresh(second[0], verifier: verifier, now: now) == .installed(stale: false))
            #expect(store.revocationList(for: "500000")?.isRevoked(cardNumber: number) == true)
            // The older list cannot be replayed to lift the suspension.
            #expect(store.refresh(first[0], verifier: verifier, now: now) == .refused(.rollback))
            env.clock.advance(days: 2)
            #expect(store.staleIssuers(now: now + 2 * 86_400) == ["500000"])
        }
    }

    @Test("after a key rotation old codes verify until they expire, new codes use the new key, the old key is withdrawn after a day")
    func rotation() async throws {
        let path = NSTemporaryDirectory() + "keys-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let now = UInt64(Date().timeIntervalSince1970)
        let keys = try CodeKeys.load(environmentText: nil, file: path, mayGenerate: true, issuer: "500000", now: now, logger: .init(label: "test"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        try await TestApp.run(codeKeys: keys) { (env, client) async throws in
            let (token, _) = try await certifiedTalent(client, tier: "C", env: env)
            let verifier = try await client.login("verifier")
            let oldKid = keys.ring.active.kid
            let before = try await client.call(.get, "/api/v1/me/code", token: token)["token"] as! String

            let rotated = try CodeKeys.rotateFile(path, now: UInt64(env.core.clock.nowMillis() / 1000))
            #expect(rotated.active.kid != oldKid)
            try await BackgroundWork(core: env.core, logger: env.logs.logger).runOnce()  // instances reload the file
            #expect(keys.ring.active.kid == rotated.active.kid)
            let published = try JWKSet.parse(try await client.call(.get, "/.well-known/yingcai-keys.json").text).keys.map(\.kid)
            #expect(published == [rotated.active.kid, oldKid])

            #expect(try await client.call(.post, "/api/v1/codes/verify", token: verifier, json: ["token": before])["valid"] as? Bool == true)
            let after = try await client.call(.get, "/api/v1/me/code", token: token)["token"] as! String
            #expect(try await client.call(.post, "/api/v1/codes/verify", token: verifier, json: ["token": after])["valid"] as? Bool == true)
            #expect(after != before)

            env.clock.advance(days: 1)
            let token2 = try await client.login("talent-a")
            let verifier2 = try await client.login("verifier")
            #expect(try JWKSet.parse(try await client.call(.get, "/.well-known/yingcai-keys.json").text).keys.map(\.kid) == [rotated.active.kid])
            #expect(try await client.call(.post, "/api/v1/codes/verify", token: verifier2, json: ["token": before])["reason"] as? String == "unknownKey")
            let latest = try await client.call(.get, "/api/v1/me/code", token: token2)["token"] as! String
            #expect(try await client.call(.post, "/api/v1/codes/verify", token: verifier2, json: ["token": latest])["valid"] as? Bool == true)
            // The private keys never reach the logs.
            let secret = YingcaiCore.Base64URL.encode(keys.ring.active.privateKeyBytes)
            #expect(!env.logs.all.contains { $0.contains(secret) })
        }
    }

    @Test("a partner city's codes verify and name the city; its revocation list applies; a bad partner file changes nothing")
    func partners() async throws {
        try await TestApp.run { (env, client) async throws in
            let now = UInt64(env.core.clock.nowMillis() / 1000)
            let chengdu = try KeyRing.generate(issuer: "510100", kid: "cd-2026-01", now: now)
            let revoked = try RevocationList(issuer: "510100", sequence: 7, issuedAt: now, nextUpdate: now + 86_400, cardNumbers: ["CD-000009"])
            let jwks = try JSONSerialization.jsonObject(with: Data(chengdu.jwkSet(now: now).json.utf8))
            let file: [String: Any] = ["partners": [["cityCode": "510100", "name": "成都市", "keys": jwks, "revocations": try revoked.signed(by: chengdu)]]]
            let admin = try await client.login("admin")
            let verifier = try await client.login("verifier")
            #expect(try await client.code(.put, "/api/v1/codes/partners", token: verifier, json: file) == 403)
            let loaded = try await client.call(.put, "/api/v1/codes/partners", token: admin, json: file)
            #expect(loaded.status == 200 && loaded.items.count == 1)

            let holder = try CodeHolder(talentID: TalentID.random(), tier: .a, cardNumber: "CD-000001", entitlements: [.medicalGreenChannel])
            let check = try await client.call(.post, "/api/v1/codes/verify", token: verifier,
                                              json: ["token": try TalentCodeSigner.issue(holder, ring: chengdu, now: now)])
            #expect(check["valid"] as? Bool == true && check["issuer"] as? String == "成都市" && check["issuerCode"] as? String == "510100")
            let talent = try #require(check["talent"] as? [String: Any])
            #expect(talent["name"] is NSNull && talent["tier"] as? String == "A")
            let revokedHolder = try CodeHolder(talentID: TalentID.random(), tier: .b, cardNumber: "CD-000009", entitlements: [])
            #expect(try await client.call(.post, "/api/v1/codes/verify", token: verifier,
                                          json: ["token": try TalentCodeSigner.issue(revokedHolder, ring: chengdu, now: now)])["reason"] as? String == "revokedCard")

            // Refused whole: a key set filed under the wrong city, or this city as its own partner.
            let wrong: [String: Any] = ["partners": [["cityCode": "510100", "name": "成都市", "keys": jwks],
                                                     ["cityCode": "500000", "name": "重庆市", "keys": jwks]]]
            #expect(try await client.fields(.put, "/api/v1/codes/partners", token: admin, json: wrong) == ["partners[1].cityCode"])
            let misfiled: [String: Any] = ["partners": [["cityCode": "510200", "name": "某市", "keys": jwks]]]
            #expect(try await client.fields(.put, "/api/v1/codes/partners", token: admin, json: misfiled) == ["partners[0].keys"])
            #expect(try await client.list(.get, "/api/v1/codes/partners", token: admin).count == 1)
            let published = try await client.call(.get, "/.well-known/yingcai-partners.json")
            #expect((published["partners"] as? [[String: Any]])?.first?["name"] as? String == "成都市")
            #expect(try await client.call(.get, "/.well-known/yingcai-revocations").text.split(separator: "\n").count == 2)
        }
    }

    @Test("yingcai codes verify works offline from the published files and exits 1 on a refusal")
    func offlineCommand() async throws {
        try await TestApp.run { (env, client) async throws in
            let (token, _) = try await certifiedTalent(client, tier: "C", env: env)
            let dir = NSTemporaryDirectory() + "offline-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try await client.call(.get, "/.well-known/yingcai-keys.json").body.write(to: URL(fileURLWithPath: dir + "/keys.json"))
            try await client.call(.get, "/.well-known/yingcai-partners.json").body.write(to: URL(fileURLWithPath: dir + "/partners.json"))
            let code = try await client.call(.get, "/api/v1/me/code", token: token)["token"] as! String
            let at = RFC3339.string(env.core.clock.nowMillis()).replacingOccurrences(of: #"\.\d+Z"#, with: "Z", options: .regularExpression)
            for keysFile in ["keys.json", "partners.json"] {
                var ok = try CodesCommand.Verify.parse([code, "--keys", dir + "/" + keysFile, "--now", at])
                try await ok.run()
            }
            // Suspended: the list fetched afterwards refuses the card offline too.
            let admin = try await client.login("admin")
            let talentId = try await client.call(.get, "/api/v1/me", token: token)["talent"].flatMap { ($0 as? [String: Any])?["id"] as? Int }!
            #expect(try await client.code(.post, "/api/v1/talents/\(talentId)/card/suspend", token: admin, json: ["reason": "挂失"]) == 200)
            try await client.call(.get, "/.well-known/yingcai-revocations").body.write(to: URL(fileURLWithPath: dir + "/revocations.txt"))
            var refused = try CodesCommand.Verify.parse([code, "--keys", dir + "/keys.json", "--revocations", dir + "/revocations.txt", "--now", at])
            await #expect(throws: ExitCode(1)) { try await refused.run() }
            // One signature character changed (never to itself): a forged code.
            var chars = Array(code)
            chars[chars.count - 5] = chars[chars.count - 5] == "A" ? "B" : "A"
            var altered = try CodesCommand.Verify.parse([String(chars), "--keys", dir + "/keys.json", "--now", at])
            await #expect(throws: ExitCode(1)) { try await altered.run() }
        }
    }
}

/// Runs an installed tool (required: a missing one fails with the install command).
enum Tools {
    struct Failure: Error, CustomStringConvertible { let description: String }

    @discardableResult
    static func run(_ tool: String, package: String, _ arguments: [String]) throws -> Data {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(tool)" }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "\(tool) is not installed: apt-get install -y \(package)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "\(tool) exited with \(process.terminationStatus)") }
        return data
    }
}

@Suite("Pages served by the application")
struct StaticPageTests {
    @Test("the verifier page has a strict CSP, its assets revalidate by ETag, its service worker names the release")
    func verifierPage() async throws {
        try await TestApp.run { (env, client) async throws in
            let page = try await client.call(.get, "/verify")
            #expect(page.status == 200)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(page.text.contains("验码") && !page.text.contains("http://") && !page.text.contains("https://"))
            let script = try await client.call(.get, "/assets/verifier-trust.js")
            let etag = try #require(script.headers[.eTag])
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(try await client.code(.get, "/assets/verifier-trust.js", headers: ["If-None-Match": etag]) == 304)
            #expect(try await client.code(.get, "/assets/nothing.js") == 404)
            #expect(try await client.code(.get, "/assets/..%2Fverify.html") == 404)
            let worker = try await client.call(.get, "/verifier-sw.js").text
            #expect(!worker.contains("'yingcai-verifier-v1'"))
            #expect(worker.range(of: #"'yingcai-verifier-[0-9a-f]{12}'"#, options: .regularExpression) != nil)
        }
    }
}

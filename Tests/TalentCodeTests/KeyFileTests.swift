import Testing
@testable import TalentCode

@Suite struct KeyFileTests {
    @Test func roundTrip() throws {
        let ring = try chongqingRing().rotate(newKid: "cq-2026-02", now: t0 + 100)
        let text = KeyFile.render(ring)
        let parsed = try KeyFile.parse(text)
        #expect(parsed == ring)
        #expect(parsed.active.kid == "cq-2026-02")
        #expect(parsed.entries.map(\.key.privateKeyBytes) == ring.entries.map(\.key.privateKeyBytes))
        // A ring read back signs codes that the original's published keys verify.
        let code = try TalentCodeSigner.issue(sampleHolder(), ring: parsed, now: t0 + 100)
        #expect(try verifier([(ring, "重庆市")], now: t0 + 100).verify(code, now: t0 + 100).isValid)
    }

    @Test func descriptionNeverShowsThePrivateKey() throws {
        let ring = try chongqingRing().rotate(newKid: "cq-2026-02", now: t0)
        for key in ring.entries.map(\.key) {
            let secret = Base64URL.encode(key.privateKeyBytes)
            var dumped = ""
            dump(key, to: &dumped)
            var ringDump = ""
            dump(ring, to: &ringDump)
            for text in [key.description, key.debugDescription, "\(key)", String(reflecting: key), dumped,
                         "\(ring)", String(reflecting: ring), ringDump] {
                #expect(!text.contains(secret))
                #expect(!text.contains(secret.prefix(12)))
            }
            #expect(key.description.contains(key.kid))
            #expect(key.description.contains("<redacted>"))
        }
    }

    @Test func parsesCommentsBlankLinesAndCRLF() throws {
        let ring = try chongqingRing()
        let text = "\n# note\r\n" + KeyFile.render(ring).replacingOccurrences(of: "\n", with: "\r\n") + "\n  \n"
        #expect(try KeyFile.parse(text) == ring)
    }

    @Test func rejections() throws {
        let ring = try chongqingRing()
        let good = KeyFile.render(ring).split(separator: "\n").last.map(String.init)!
        let d = Base64URL.encode(ring.active.privateKeyBytes)
        let bad = [
            "",
            "# only a comment",
            good.replacingOccurrences(of: "YCKEY1", with: "YCKEY2"),
            good.replacingOccurrences(of: "status=active", with: "status=retired"),
            good.replacingOccurrences(of: "status=active", with: "status=active retire-after=5"),
            good.replacingOccurrences(of: "status=active", with: "status=revoked"),
            good.replacingOccurrences(of: "created=", with: "created=x"),
            good.replacingOccurrences(of: d, with: String(d.dropLast(2))),
            good.replacingOccurrences(of: d, with: d + "AAAA"),
            good + " colour=blue",
            good + " kid=again",
            good.replacingOccurrences(of: " kid=cq-2026-01", with: ""),
            good + "\n" + good,  // duplicate kid, two active keys
        ]
        for text in bad {
            #expect(throws: TalentCodeError.self, "\(text)") { try KeyFile.parse(text) }
        }
    }

    @Test func errorNamesTheLine() throws {
        let text = "# keys\n\nYCKEY1 kid=x\n"
        #expect(throws: TalentCodeError.invalidKeyFile(line: 3, reason: "missing field")) { try KeyFile.parse(text) }
    }
}

/// The text file that holds an issuer's private signing keys (签名密钥文件).
///
/// Private keys live only here — never in the database or logs. One record per line:
///
///     # comment
///     YCKEY1 kid=cq-2026-02 issuer=500000 status=active created=1767225600 d=<base64url 32 bytes>
///     YCKEY1 kid=cq-2026-01 issuer=500000 status=retired retire-after=1767312000 created=1767139200 d=…
///
/// Fields are `name=value` separated by single spaces, each exactly once, in any order;
/// `retire-after` is present exactly when `status=retired`. Line-based rather than JSON so it
/// diffs, greps and hand-edits (removing a line removes a key) without a parser to trust.
public enum KeyFile {
    static let recordTag = "YCKEY1"

    public static func render(_ ring: KeyRing) -> String {
        var lines = ["# 英才人才码签名密钥 Yingcai talent-code signing keys, issuer \(ring.issuer).",
                     "# SECRET: keep out of the database, logs and version control; file mode 0600."]
        for e in ring.entries {
            var fields = [recordTag, "kid=\(e.key.kid)", "issuer=\(e.key.issuer)"]
            switch e.status {
            case .active: fields.append("status=active")
            case .retired(let after): fields += ["status=retired", "retire-after=\(after)"]
            }
            fields += ["created=\(e.key.created)", "d=\(Base64URL.encode(e.key.privateKeyBytes))"]
            lines.append(fields.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Throws `invalidKeyFile` naming the line for any malformed record, or `invalidKeyRing`
    /// if the keys do not form a ring (one active key, one issuer, unique ids).
    public static func parse(_ text: String) throws(TalentCodeError) -> KeyRing {
        var entries: [KeyRing.Entry] = []
        // Split on Character newlines: "\r\n" is one Character, so CRLF files read the same.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.first == "#" { continue }
            entries.append(try record(String(line), lineNumber: index + 1))
        }
        guard let issuer = entries.first?.key.issuer else { throw .invalidKeyRing("no keys") }
        return try KeyRing(issuer: issuer, entries: entries)
    }

    private static func record(_ line: String, lineNumber: Int) throws(TalentCodeError) -> KeyRing.Entry {
        func fail(_ reason: String) -> TalentCodeError { .invalidKeyFile(line: lineNumber, reason: reason) }
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.first == Substring(recordTag) else { throw fail("expected \(recordTag)") }
        var fields: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let eq = part.firstIndex(of: "=") else { throw fail("expected name=value") }
            let name = String(part[..<eq]), value = String(part[part.index(after: eq)...])
            guard ["kid", "issuer", "status", "retire-after", "created", "d"].contains(name) else { throw fail("unknown field \(name)") }
            guard fields.updateValue(value, forKey: name) == nil else { throw fail("duplicate field \(name)") }
        }
        guard let kid = fields["kid"], let issuer = fields["issuer"], let statusText = fields["status"],
              let createdText = fields["created"], let d = fields["d"] else { throw fail("missing field") }
        guard let created = UInt64(createdText) else { throw fail("bad created") }
        let status: KeyRing.Status
        switch (statusText, fields["retire-after"]) {
        case ("active", nil): status = .active
        case ("retired", let after?):
            guard let after = UInt64(after) else { throw fail("bad retire-after") }
            status = .retired(retireAfter: after)
        default: throw fail("bad status or retire-after")
        }
        guard let seed = Base64URL.decode(d), seed.count == 32 else { throw fail("d must be 32 bytes in base64url") }
        do {
            return KeyRing.Entry(key: try SigningKeyPair(kid: kid, issuer: issuer, privateKey: seed, created: created), status: status)
        } catch {
            throw fail("\(error)")
        }
    }
}

/// The text shape shared by talent codes and revocation lists:
/// `PREFIX` + base64url(payload) + `.` + base64url(64-byte Ed25519 signature).
///
/// The signature covers the ASCII bytes of `PREFIX` + base64url(payload), so the format
/// version is bound too, and the distinct prefixes (`YC1.`, `YCRL1.`) keep a signed code
/// from ever being read as a signed revocation list or the reverse.
struct SignedEnvelope {
    static let signatureLength = 64

    /// The decoded payload and signature of a well-formed envelope.
    let payload: [UInt8]
    let signature: [UInt8]

    /// Builds the text: prefix and payload are encoded once into one buffer, signed in place,
    /// and the signature appended, so issuing allocates little besides the result.
    static func seal(prefix: StaticString, payload: [UInt8],
                     sign: (UnsafeRawBufferPointer) throws -> [UInt8]) rethrows -> String {
        var out: [UInt8] = []
        out.reserveCapacity(prefix.utf8CodeUnitCount + Base64URL.encodedCount(payload.count) + 1
            + Base64URL.encodedCount(signatureLength))
        out.append(contentsOf: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        payload.withUnsafeBytes { Base64URL.append($0, to: &out) }
        let signature = try out.withUnsafeBytes { try sign($0) }
        out.append(0x2E)  // "."
        signature.withUnsafeBytes { Base64URL.append($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Splits and decodes `text`, handing `body` the envelope and the signed bytes; nil if the
    /// prefix is wrong, there is not exactly one more dot, base64url is not canonical, or the
    /// signature is not 64 bytes.
    static func open<R>(_ text: String, prefix: StaticString,
                        _ body: (SignedEnvelope, UnsafeRawBufferPointer) -> R) -> R? {
        var text = text
        return text.withUTF8 { all -> R? in
            let p = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
            guard all.count > p.count, all.starts(with: p) else { return nil }
            let rest = UnsafeBufferPointer(rebasing: all[p.count...])
            guard let dot = rest.firstIndex(of: 0x2E) else { return nil }
            let payloadText = UnsafeBufferPointer(rebasing: rest[..<dot])
            let signatureText = UnsafeBufferPointer(rebasing: rest[(dot + 1)...])
            guard signatureText.count == Base64URL.encodedCount(signatureLength),
                  let payload = Base64URL.decode(payloadText), !payload.isEmpty,
                  let signature = Base64URL.decode(signatureText)  // a second dot fails here
            else { return nil }
            let signed = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(all)[..<(p.count + dot)])
            return body(SignedEnvelope(payload: payload, signature: signature), signed)
        }
    }
}

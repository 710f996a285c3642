import Foundation
import Testing
@testable import TalentCode

@Suite struct JWKTests {
    /// RFC 8037 Appendix A.1–A.4.
    static let rfcD = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
    static let rfcX = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"

    @Test func rfc8037PublicKeyFromPrivate() throws {
        let key = try SigningKeyPair(kid: "rfc8037", issuer: "RFC", privateKey: #require(Base64URL.decode(Self.rfcD)), created: 0)
        #expect(Base64URL.encode(key.publicKeyBytes) == Self.rfcX)
    }

    @Test func rfc8037SignatureVector() throws {
        let key = try SigningKeyPair(kid: "rfc8037", issuer: "RFC", privateKey: #require(Base64URL.decode(Self.rfcD)), created: 0)
        let input = Array("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc".utf8)
        let signature = try input.withUnsafeBytes { try key.prepared.sign($0) }
        #expect(Base64URL.encode(signature)
            == "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg")
        // The RFC's public JWK, plus the kid our key sets require.
        let jwk = try PublicJWK.parse(#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"rfc8037"}"#)
        #expect(jwk.issuer == nil)
        let verifying = try PreparedVerifyingKey(raw: jwk.publicKey)
        #expect(input.withUnsafeBytes { verifying.isValid(signature: signature, for: $0) })
    }

    @Test func rfc8037JWKWithoutKidIsRefused() {
        // Our verifier looks keys up by kid, so a kid is required.
        #expect(throws: TalentCodeError.self) {
            try PublicJWK.parse(#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#)
        }
    }

    @Test func jwkRoundTrip() throws {
        let key = try SigningKeyPair.generate(kid: "cq-2026-01", issuer: chongqing, created: t0)
        let json = key.publicJWK.json
        #expect(json.hasPrefix(#"{"kty":"OKP","crv":"Ed25519","x":""#))
        #expect(json.contains(#""kid":"cq-2026-01","use":"sig","alg":"EdDSA","iss":"500000"}"#))
        #expect(try PublicJWK.parse(json) == key.publicJWK)
        // Foundation reads it as the same object.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String])
        #expect(object["x"] == Base64URL.encode(key.publicKeyBytes))
        #expect(object["d"] == nil)
    }

    @Test func jwkSetRoundTrip() throws {
        let ring = try chongqingRing().rotate(newKid: "cq-2026-02", now: t0)
        let set = ring.jwkSet(now: t0)
        let parsed = try JWKSet.parse(set.json)
        #expect(parsed == set)
        #expect(parsed.keys.count == 2)
        // Whitespace, escapes and extra members are fine.
        let spaced = "{ \"keys\" : [ { \"kty\":\"OKP\", \"crv\":\"Ed\\u00325519\", \"x\":\"\(Self.rfcX)\", \"kid\":\"k\\/1\", \"note\":[1,2.5e3,true,null] } ], \"extra\": {} }\n"
        let one = try JWKSet.parse(spaced)
        #expect(one.keys.first?.kid == "k/1")
    }

    @Test(arguments: [
        #"{"kty":"EC","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k"}"#,
        #"{"kty":"OKP","crv":"X25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k"}"#,
        #"{"kty":"OKP","crv":"Ed448","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k"}"#,
        #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=","kid":"k"}"#,
        #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k"}"#,
        #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUQ","kid":"k"}"#,
        #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURoAAA","kid":"k"}"#,
        #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}"#,
        #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k","use":"enc"}"#,
        #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k","alg":"ES256"}"#,
        #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k","iss":5}"#,
        #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k","kid":"j"}"#,
        #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k"} x"#,
        #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"has space"}"#,
        #"{"kty":"OKP","crv":"Ed25519","x":11,"kid":"k"}"#,
        #"["kty"]"#,
        "",
    ])
    func jwkRejections(_ text: String) {
        #expect(throws: TalentCodeError.self) { try PublicJWK.parse(text) }
    }

    @Test func jwkSetRejections() throws {
        let key = try SigningKeyPair.generate(kid: "k", issuer: chongqing, created: t0).publicJWK.json
        for text in [#"{"keys":{}}"#, #"{"kes":[]}"#, #"{"keys":[\#(key),\#(key)]}"#, #"{"keys":[\#(key),{"kty":"RSA"}]}"#, #"{"keys":["#] {
            #expect(throws: TalentCodeError.self) { try JWKSet.parse(text) }
        }
        #expect(try JWKSet.parse(#"{"keys":[]}"#).keys.isEmpty)
    }

    @Test func jsonNesting() {
        #expect(JSON.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) == nil)
        #expect(JSON.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(JSON.parse(#""\ud83d""#) == nil)
        #expect(JSON.parse("01") == nil)
        #expect(JSON.quote("a\"b\\c\u{1}") == #""a\"b\\c\u0001""#)
    }
}

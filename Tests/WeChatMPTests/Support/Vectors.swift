import Foundation
import Testing

/// The vectors in Resources/wechatpy-vectors.json, written by make_vectors.py with wechatpy.
struct Vectors: Decodable {
    let generator: String
    let accounts: [Account]
    let urlChecks: [URLCheck]
    let encryptedMessages: [EncryptedMessage]
    let textReplies: [TextReplyVector]

    struct Account: Decodable {
        let token: String
        let encodingAesKey: String
        let appId: String
    }

    struct URLCheck: Decodable {
        let token: String
        let timestamp: String
        let nonce: String
        let signature: String
    }

    struct EncryptedMessage: Decodable, CustomTestStringConvertible {
        let name: String
        let account: Int
        let timestamp: String
        let nonce: String
        let random: String
        let plaintext: String
        let encrypt: String
        let msgSignature: String
        let incomingXml: String
        let wechatpyEnvelope: String
        let parsed: Parsed

        var testDescription: String { name }
    }

    /// wechatpy's reading of the plaintext (`parse_message`).
    struct Parsed: Decodable {
        let type: String
        let source: String
        let target: String
        let time: Int64
        let id: String?
        let content: String?
        let event: String?
        let key: String?
        let sceneId: String?
    }

    struct TextReplyVector: Decodable {
        let source: String
        let target: String
        let time: Int64
        let content: String
        let xml: String
    }

    static let shared: Vectors = {
        do {
            let folder = try #require(Bundle.module.url(forResource: "Resources", withExtension: nil))
            let data = try Data(contentsOf: folder.appendingPathComponent("wechatpy-vectors.json"))
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Vectors.self, from: data)
        } catch {
            fatalError("cannot read wechatpy-vectors.json: \(error)")
        }
    }()
}

import Foundation
import Testing

@testable import WeChatMP

/// The other direction: replies sealed here with real random prefixes must open in wechatpy.
@Suite struct WechatpyAcceptsOurRepliesTests {
    @Test(.enabled(if: PythonReference.hasWechatpy, "python3 with wechatpy is not installed (pip install wechatpy cryptography)"))
    func wechatpyDecryptsEveryReplySealedHere() throws {
        var cases: [[String: Any]] = []
        let contents = [
            "您的工单 YC20261203000123 已受理，承办单位：渝北区人社局。", "", "<b>&amp; ]]> 'quotes' \"double\"",
            "多行\n回复\n", String(repeating: "长", count: 700), "🎉👍",
        ]
        for (a, account) in Vectors.shared.accounts.enumerated() {
            let crypto = try SafeModeCrypto(token: account.token, encodingAESKey: account.encodingAesKey, appID: account.appId)
            for (c, content) in contents.enumerated() {
                let reply = TextReply(
                    toUserName: "oYC_talent_9f2KdE7xQ1", fromUserName: "gh_3f8a2c1d9e0b",
                    createTime: 1_764_729_600 + Int64(c), content: content)
                let sealed = try crypto.encryptReply(reply.xml, timestamp: String(1_764_729_600 + c), nonce: String(482_913 * (c + 1)))
                cases.append([
                    "name": "account\(a)-reply\(c)", "token": account.token, "encoding_aes_key": account.encodingAesKey,
                    "app_id": account.appId, "envelope_xml": sealed.xml, "expected_plaintext": reply.xml,
                    "expected_reply": [
                        "ToUserName": reply.toUserName, "FromUserName": reply.fromUserName,
                        "CreateTime": String(reply.createTime), "Content": content.trimmingCharacters(in: .whitespacesAndNewlines),
                    ],
                ])
            }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wechatmp-replies-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONSerialization.data(withJSONObject: ["cases": cases]).write(to: file)

        let (status, output) = try PythonReference.run([PythonReference.script("check_replies.py"), file.path])
        #expect(status == 0, "check_replies.py: \(output)")
        #expect(output.contains("\(cases.count) passed, 0 failed"), "\(output)")
    }
}

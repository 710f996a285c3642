import Testing

@testable import WeChatMP

@Suite struct TextReplyTests {
    @Test(arguments: Vectors.shared.textReplies.indices)
    func rendersTheSameBytesAsWechatpy(_ index: Int) {
        let vector = Vectors.shared.textReplies[index]
        let reply = TextReply(toUserName: vector.target, fromUserName: vector.source, createTime: vector.time, content: vector.content)
        #expect(reply.xml == vector.xml)
    }

    @Test func repliesToTheSenderFromTheAccount() {
        let message = IncomingMessage(toUserName: "gh_account", fromUserName: "oFollower", createTime: 1, msgID: "9", body: .text("hi"))
        let reply = TextReply(replyingTo: message, content: "您好", createTime: 2)
        #expect(reply.toUserName == "oFollower")
        #expect(reply.fromUserName == "gh_account")
    }

    @Test func splitsACDATATerminatorAndStaysWellFormed() throws {
        let content = "a]]>b <c> & ]]]]>"
        let reply = TextReply(toUserName: "o", fromUserName: "gh", createTime: 1, content: content)
        let root = try WeChatXML.parse(reply.xml)
        #expect(root.child("Content")?.text == content)
    }

    @Test func dropsCharactersXMLCannotCarry() throws {
        let reply = TextReply(toUserName: "o", fromUserName: "gh", createTime: 1, content: "a\u{01}b\u{FFFF}c\td")
        #expect(try WeChatXML.parse(reply.xml).child("Content")?.text == "abc\td")
    }

    @Test func noReplyIsWeChatsSuccessLiteral() {
        #expect(NoReply.body == "success")
    }
}

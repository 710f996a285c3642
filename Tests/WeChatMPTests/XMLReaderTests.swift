import Testing

@testable import WeChatMP

@Suite struct XMLReaderTests {
    @Test func readsCDATAEntitiesAndCharacterReferences() throws {
        let root = try WeChatXML.parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a push -->
            <xml>
              <A><![CDATA[<not a tag> & ]]]></A>
              <B>&lt;&gt;&amp;&quot;&apos;&#20154;&#x624D;&#x1F389;</B>
              <C>text<![CDATA[ and ]]>more</C>
              <D/>
              <E attr="1" other='two &amp; three'>x</E>
            </xml>
            """)
        #expect(root.name == "xml")
        #expect(root.child("A")?.text == "<not a tag> & ]")
        #expect(root.child("B")?.text == "<>&\"'人才🎉")
        #expect(root.child("C")?.text == "text and more")
        #expect(root.child("D")?.text == "")
        #expect(root.child("E")?.text == "x")
        #expect(root.children.map(\.name) == ["A", "B", "C", "D", "E"])
    }

    @Test func normalisesLineEndsAsXMLRequires() throws {
        let root = try WeChatXML.parse("<xml><A>a\r\nb\rc\nd</A><B><![CDATA[e\r\nf]]></B><C>g&#13;h</C></xml>")
        #expect(root.child("A")?.text == "a\nb\nc\nd")
        #expect(root.child("B")?.text == "e\nf")
        #expect(root.child("C")?.text == "g\rh")
    }

    @Test func acceptsAByteOrderMark() throws {
        #expect(try WeChatXML.parse("\u{FEFF}<xml><A>1</A></xml>").child("A")?.text == "1")
    }

    @Test(arguments: [
        // Classic XXE: an external entity reading a local file.
        #"<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>"#,
        // "Billion laughs": nested internal entities.
        #"<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><xml><A>&lol2;</A></xml>"#,
        // A declaration with no internal subset, and one smuggled inside an element.
        #"<!DOCTYPE xml SYSTEM "http://example.invalid/x.dtd"><xml/>"#,
        #"<xml><!ENTITY x "y"><A>1</A></xml>"#,
        #"<xml><A><!ATTLIST A b CDATA "c"></A></xml>"#,
    ])
    func refusesDocumentTypeAndEntityDeclarations(_ xml: String) {
        #expect(throws: WeChatError.forbiddenDeclaration) { try WeChatXML.parse(xml) }
    }

    @Test func refusesAnEntityThatWasNeverDeclared() {
        #expect(throws: WeChatError.undefinedEntity("xxe")) { try WeChatXML.parse("<xml><A>&xxe;</A></xml>") }
        #expect(throws: WeChatError.undefinedEntity("nbsp")) { try WeChatXML.parse("<xml><A>&nbsp;</A></xml>") }
        #expect(throws: WeChatError.undefinedEntity("#0")) { try WeChatXML.parse("<xml><A>&#0;</A></xml>") }
        #expect(throws: WeChatError.undefinedEntity("#xD800")) { try WeChatXML.parse("<xml><A>&#xD800;</A></xml>") }
        #expect(throws: WeChatError.undefinedEntity("#x110000")) { try WeChatXML.parse("<xml><A>&#x110000;</A></xml>") }
    }

    @Test(arguments: [
        "", "   ", "<xml>", "<xml></XML>", "<xml><A></B></xml>", "<xml><A>1</A>", "<xml/><xml/>", "<xml/>trailing",
        "<xml><A>a & b</A></xml>", "<xml><A>]]></A></xml>", "<xml><![CDATA[x</xml>", "<xml><!-- x</xml>",
        "<xml><!-- a -- b --></xml>", "<xml><?php echo 1 ?></xml>", "<1xml/>", "<xml a=1/>", "<xml a='1\"/>",
        "<xml><A>\u{01}</A></xml>", "text only", "<xml><A b=\"<\"/></xml>",
    ])
    func refusesMalformedDocuments(_ xml: String) {
        #expect {
            try WeChatXML.parse(xml)
        } throws: { error in
            guard let error = error as? WeChatError else { return false }
            if case .malformedXML = error { return true }
            return false
        }
    }

    @Test func boundsSizeAndDepth() {
        let deep = String(repeating: "<a>", count: 17) + String(repeating: "</a>", count: 17)
        #expect(throws: WeChatError.xmlLimitExceeded("nested deeper than 16")) { try WeChatXML.parse(deep) }
        let big = "<xml>" + String(repeating: "x", count: 300_000) + "</xml>"
        #expect(throws: WeChatError.xmlLimitExceeded("more than 262144 bytes")) { try WeChatXML.parse(big) }
        let limits = WeChatXML.Limits(maxBytes: 400_000, maxDepth: 16)
        #expect(throws: Never.self) { try WeChatXML.parse(big, limits: limits) }
    }

    @Test func messageParsingWantsTheXMLRootAndUniqueFields() {
        #expect(throws: WeChatError.unexpectedRoot("root")) { try IncomingMessage.parse("<root/>") }
        let twice = "<xml><ToUserName>a</ToUserName><ToUserName>b</ToUserName></xml>"
        #expect(throws: WeChatError.duplicateField("ToUserName")) { try IncomingMessage.parse(twice) }
        #expect(throws: WeChatError.missingField("CreateTime")) { try IncomingMessage.parse("<xml><MsgType>text</MsgType></xml>") }
        let badTime =
            "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>12a</CreateTime>"
            + "<MsgType>text</MsgType><Content>c</Content></xml>"
        #expect(throws: WeChatError.invalidField("CreateTime")) { try IncomingMessage.parse(badTime) }
        let noContent =
            "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime>"
            + "<MsgType>text</MsgType></xml>"
        #expect(throws: WeChatError.missingField("Content")) { try IncomingMessage.parse(noContent) }
    }

    @Test func keepsUnsupportedTypesByName() throws {
        let voice =
            "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime>"
            + "<MsgType>voice</MsgType><MediaId>m</MediaId><MsgId>5</MsgId></xml>"
        #expect(try IncomingMessage.parse(voice).body == .unsupported(msgType: "voice", event: nil))
        let scan =
            "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime>"
            + "<MsgType>event</MsgType><Event>SCAN</Event><EventKey>123</EventKey></xml>"
        #expect(try IncomingMessage.parse(scan).body == .unsupported(msgType: "event", event: "SCAN"))
    }
}

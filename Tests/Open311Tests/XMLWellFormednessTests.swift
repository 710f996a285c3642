import Testing

@testable import Open311

/// Every XML response parses with a strict reader (and with xmllint when installed), starts with
/// the UTF-8 declaration, and keeps hostile text as text.
@Suite struct XMLWellFormednessTests {
    static let hostile = "<script>alert('x')</script> & ]]> \"q\" \r\n CR 中文 🎉 \u{01}\u{FFFE}"

    static var documents: [(String, String)] {
        var request = Chongqing.request
        request.description = hostile
        var service = Chongqing.services[0]
        service.serviceName = hostile
        return [
            ("services", ServiceList(Chongqing.services + [service]).xml),
            ("definition", Chongqing.definition.xml),
            ("requests", ServiceRequestList([request, Chongqing.closedRequest], extensions: true).xml),
            ("empty requests", ServiceRequestList([]).xml),
            ("receipts", RequestReceiptList([SpecExample.receipt, RequestReceipt(reference: .token("t"))]).xml),
            ("tokens", TokenResolutionList([SpecExample.token]).xml),
            ("errors", ErrorList([APIError(code: 400, description: hostile)]).xml),
            ("updates", ServiceRequestUpdateList(Chongqing.updates).xml),
        ]
    }

    @Test(arguments: documents.indices)
    func isWellFormed(_ index: Int) throws {
        let (name, xml) = Self.documents[index]
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), "\(name)")
        _ = try TestXML.parse(xml)
        #expect(try XMLLint.problems(in: xml) == nil, "\(name)")
    }

    @Test func keepsHostileTextAsText() throws {
        let xml = ErrorList([APIError(code: 400, description: Self.hostile)]).xml
        let description = try #require(try TestXML.parse(xml).child("error")?.child("description"))
        // Dropped: U+0001 and U+FFFE, which XML cannot carry. Kept: everything else, CR included.
        #expect(description.text == "<script>alert('x')</script> & ]]> \"q\" \r\n CR 中文 🎉 ")
        #expect(!xml.contains("<script>"))
    }

    @Test func writesChineseAsUTF8NotAsReferences() {
        #expect(ServiceList(Chongqing.services).xml.contains("<service_name>人才公寓申请</service_name>"))
        #expect(ServiceList(Chongqing.services).json.contains(#""service_name":"人才公寓申请""#))
    }
}

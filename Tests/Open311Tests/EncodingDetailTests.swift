import Foundation
import Testing

@testable import Open311

@Suite struct EncodingDetailTests {
    @Test func writesTheRequestInTheSpecsFieldOrderWithOffsetDatetimes() throws {
        let json = ServiceRequestList([Chongqing.request]).json
        #expect(json.hasPrefix(#"[{"service_request_id":"YC20261203000123","status":"open","status_notes":"已派单至渝北区人力社保局","#))
        #expect(json.contains(#""requested_datetime":"2026-12-03T10:40:00+08:00","updated_datetime":"2026-12-03T11:40:00+08:00","#))
        #expect(json.contains(#""address_id":null,"zipcode":"401120","lat":29.563009,"long":106.551556,"#))
        #expect(json.contains(#""description":"申请渝北区人才公寓一套，\n家属 2 人。""#))
    }

    @Test func writesAbsentValuesAsNullOrEmptyElements() throws {
        let json = try #require(try TestResources.json(ServiceRequestList([Chongqing.closedRequest]).json) as? [[String: Any]])
        for key in ["status_notes", "service_name", "description", "updated_datetime", "lat", "long", "media_url"] {
            #expect(json[0][key] is NSNull, "\(key)")
        }
        let xml = try TestXML.parse(ServiceRequestList([Chongqing.closedRequest]).xml)
        #expect(xml.child("request")?.child("lat")?.text == "")
    }

    @Test func escapesJSONStrings() throws {
        let tricky = "quote \" backslash \\ slash / nl \n cr \r tab \t nul \u{0} bell \u{7} ls \u{2028} ps \u{2029} 中 🎉"
        let list = ErrorList([APIError(code: 400, description: tricky)])
        #expect(list.json.contains(#"\u0000"#) && list.json.contains(#"\u2028"#) && list.json.contains("中 🎉"))
        let parsed = try #require(try TestResources.json(list.json) as? [[String: Any]])
        #expect(parsed[0]["description"] as? String == tricky)
        #expect(parsed[0]["code"] as? Int == 400)
    }

    /// Text with nothing to escape is copied whole; these are the characters that must still be
    /// caught in otherwise plain Chinese text (full-width punctuation shares their lead bytes).
    @Test func catchesTheRareCharactersInPlainChineseText() throws {
        let text = "人才公寓，（一室一厅）：“已受理”…\u{FFFF}完\u{2028}毕\u{FFFE}"
        let list = ErrorList([APIError(code: 400, description: text)])
        #expect(list.json.contains(#"\u2028"#) && !list.json.contains("\u{2028}"))
        #expect(list.json.contains("人才公寓，（一室一厅）：“已受理”…"))
        let xml = list.xml
        #expect(xml.contains("人才公寓，（一室一厅）：“已受理”…完\u{2028}毕</description>"))
        #expect(!xml.contains("\u{FFFF}") && !xml.contains("\u{FFFE}"))
        let parsed = try #require(try TestResources.json(list.json) as? [[String: Any]])
        #expect(parsed[0]["description"] as? String == text)
    }

    @Test func listsValuesOnlyForListAttributes() throws {
        let xml = try TestXML.parse(Chongqing.definition.xml)
        let attributes = try #require(xml.child("attributes")?.children)
        #expect(attributes.map { $0.child("values") != nil } == [true, false, true, false, false, false, false])
        #expect(attributes[0].child("values")?.children.map { $0.child("name")?.text } == ["渝中区", "渝北区"])
    }

    @Test func writesReceiptsWithIdOrTokenNeverBoth() throws {
        let json = RequestReceiptList([RequestReceipt(reference: .token("T-1"), serviceNotice: "批量受理")]).json
        #expect(json == #"[{"token":"T-1","service_notice":"批量受理"}]"#)
        let blackbox = RequestReceiptList([RequestReceipt(reference: .none)])
        #expect(blackbox.json == "[{}]")
        #expect(try TestXML.parse(blackbox.xml).child("request")?.children.map(\.name) == ["service_notice", "account_id"])
    }

    @Test func writesUpdatesInMySocietysShape() throws {
        let xml = try TestXML.parse(ServiceRequestUpdateList(Chongqing.updates).xml)
        #expect(xml.name == "service_request_updates")
        let first = try #require(xml.children.first)
        #expect(first.name == "request_update")
        #expect(
            first.children.map(\.name)
                == ["update_id", "service_request_id", "status", "updated_datetime", "description", "media_url", "external_status_code"])
        #expect(first.child("status")?.text == "in_progress")
        #expect(xml.children[1].child("external_status_code") == nil)
        let json = try #require(try TestResources.json(ServiceRequestUpdateList(Chongqing.updates).json) as? [[String: Any]])
        #expect(json[1]["description"] is NSNull)
        #expect(json[1]["external_status_code"] == nil)
        #expect(json[0]["updated_datetime"] as? String == "2026-12-03T12:40:00+08:00")
    }

    @Test func writesEmptyListsAsEmptyArraysAndElements() {
        #expect(ServiceList([]).json == "[]")
        #expect(ServiceList([]).xml == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<services></services>\n")
    }

    @Test func namesTheContentTypes() {
        #expect(ResponseFormat.xml.contentType == "text/xml; charset=utf-8")
        #expect(ResponseFormat.json.contentType == "application/json; charset=utf-8")
    }
}

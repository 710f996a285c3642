import Foundation
import Testing

@testable import Open311

/// Each encoder, fed the data of the spec's example, must write the example's elements, nesting
/// and values (XML), and its keys, nesting and values (JSON).
@Suite struct SpecExampleTests {
    func expectSameXML(_ ours: String, example file: String) throws {
        let mine = try TestXML.parse(ours)
        let theirs = try TestXML.parse(TestResources.specExample(file))
        #expect(mine.canonical == theirs.canonical)
    }

    func expectSameJSON(_ ours: String, example file: String, nullMayBeAbsent: Bool = false) throws {
        let differences = jsonShapeDifferences(
            try TestResources.json(ours), try TestResources.lenientJSON(TestResources.specExample(file)),
            nullMayBeAbsent: nullMayBeAbsent)
        #expect(differences.isEmpty, "\(differences)")
    }

    @Test func serviceList() throws {
        let list = ServiceList(SpecExample.services)
        try expectSameXML(list.xml, example: "services.xml")
        try expectSameJSON(list.json, example: "services.json")
    }

    @Test func serviceDefinition() throws {
        try expectSameXML(SpecExample.definition.xml, example: "service-definition.xml")
        try expectSameJSON(SpecExample.definition.json, example: "service-definition.json")
    }

    @Test func postResponse() throws {
        let receipts = RequestReceiptList([SpecExample.receipt])
        try expectSameXML(receipts.xml, example: "post-request.xml")
        // The example writes "account_id":null; the swagger type has no null, so JSON leaves it out.
        try expectSameJSON(receipts.json, example: "post-request.json", nullMayBeAbsent: true)
    }

    @Test func tokenResolution() throws {
        let list = TokenResolutionList([SpecExample.token])
        try expectSameXML(list.xml, example: "token.xml")
        try expectSameJSON(list.json, example: "token.json")
    }

    @Test func serviceRequests() throws {
        let list = ServiceRequestList(SpecExample.requests)
        try expectSameXML(list.xml, example: "requests.xml")
        try expectSameJSON(list.json, example: "requests.json")
    }

    @Test func singleServiceRequest() throws {
        let list = ServiceRequestList([SpecExample.requests[0]])
        try expectSameXML(list.xml, example: "request.xml")
        try expectSameJSON(list.json, example: "request.json")
    }

    @Test func errors() throws {
        let list = ErrorList([SpecExample.error])
        try expectSameXML(list.xml, example: "errors.xml")
        try expectSameJSON(list.json, example: "errors.json")
    }

    /// The extensions page's example: `notes` entries with datetime, description, type, and an
    /// `extended_attributes` object.
    @Test func extensionFieldsFollowTheExtensionsPage() throws {
        let ours = try #require(try TestResources.json(ServiceRequestList([Chongqing.request], extensions: true).json) as? [[String: Any]])
        let example = try #require(try TestResources.json(TestResources.specExample("extensions-request.json")) as? [[String: Any]])
        let ourNotes = try #require(ours[0]["notes"] as? [[String: Any]])
        let theirNotes = try #require(example[0]["notes"] as? [[String: Any]])
        #expect(Set(ourNotes[0].keys) == Set(theirNotes[0].keys))
        #expect(ours[0]["extended_attributes"] is [String: Any])
        #expect(example[0]["extended_attributes"] is [String: Any])
        #expect((ours[0]["extended_attributes"] as? [String: Any])?["detailed_status"] as? String == "dispatched")
    }

    @Test func extensionFieldsStayOutUnlessAsked() throws {
        let plain = ServiceRequestList([Chongqing.request])
        #expect(!plain.json.contains(#""notes":"#) && !plain.xml.contains("<notes>") && !plain.xml.contains("extended_attributes"))
        let extended = try TestXML.parse(ServiceRequestList([Chongqing.request], extensions: true).xml)
        let request = try #require(extended.child("request"))
        #expect(request.child("extended_attributes")?.child("detailed_status")?.text == "dispatched")
        #expect(request.child("notes")?.children.map(\.name) == ["note", "note"])
    }
}

import Foundation
import Testing

@testable import Open311

/// The JSON of every resource, validated by PyPI's `jsonschema` against the Open311 schemas, plus
/// negative controls proving the validator rejects; the XML read back as the `georeport` client
/// reads it (xmltodict and the spec's element path).
@Suite struct SchemaValidationTests {
    struct Case {
        let name: String
        let schema: Any
        let instance: String
        var expectValid = true
        var needsFormat: String?
    }

    static var receiptsSchema: [String: Any] { ["type": "array", "items": ["$ref": "swagger.json#/definitions/RequestResponse"]] }
    static var tokensSchema: [String: Any] { ["type": "array", "items": ["$ref": "swagger.json#/definitions/TokenResponse"]] }

    static var cases: [Case] {
        var longDescription = Chongqing.request
        longDescription.description = String(repeating: "长", count: 4001)
        var badStatus = ServiceRequestList([Chongqing.request]).json
        badStatus = badStatus.replacingOccurrences(of: #""status":"open""#, with: #""status":"pending""#)
        return [
            Case(name: "services (spec example)", schema: "services.json", instance: ServiceList(SpecExample.services).json),
            Case(name: "services (Chongqing)", schema: "services.json", instance: ServiceList(Chongqing.services).json),
            Case(name: "services (empty)", schema: "services.json", instance: ServiceList([]).json),
            Case(name: "service definition (spec example)", schema: "service-definition.json", instance: SpecExample.definition.json),
            Case(name: "service definition (Chongqing)", schema: "service-definition.json", instance: Chongqing.definition.json),
            Case(name: "requests (spec example)", schema: "requests.json", instance: ServiceRequestList(SpecExample.requests).json),
            Case(
                name: "requests (Chongqing, with extensions)", schema: "requests.json",
                instance: ServiceRequestList([Chongqing.request, Chongqing.closedRequest], extensions: true).json),
            Case(
                name: "requests (Chongqing, plain)", schema: "requests.json",
                instance: ServiceRequestList([Chongqing.request, Chongqing.closedRequest]).json),
            Case(
                name: "receipts", schema: receiptsSchema,
                instance: RequestReceiptList([
                    SpecExample.receipt, RequestReceipt(reference: .token("T-9"), accountID: "acc-1"), RequestReceipt(reference: .none),
                ]).json),
            Case(
                name: "tokens", schema: tokensSchema,
                instance: TokenResolutionList([
                    SpecExample.token, TokenResolution(token: "T-10", serviceRequestID: nil),
                ]).json),
            // Negative controls: these must be refused, or the checks above prove nothing.
            Case(name: "control: status outside the enum", schema: "requests.json", instance: badStatus, expectValid: false),
            Case(
                name: "control: description over 4000", schema: "requests.json", instance: ServiceRequestList([longDescription]).json,
                expectValid: false),
            Case(
                name: "control: service without service_code", schema: "services.json",
                instance: #"[{"service_name":"x","metadata":false,"type":"realtime"}]"#, expectValid: false),
            Case(
                name: "control: datetime without T and offset", schema: "request.json",
                instance: #"{"service_request_id":"1","status":"open","service_code":"a","requested_datetime":"2010-04-14 06:37"}"#,
                expectValid: false, needsFormat: "date-time"),
            Case(
                name: "control: receipt with null account_id", schema: receiptsSchema,
                instance: #"[{"service_request_id":"1","account_id":null}]"#, expectValid: false),
        ]
    }

    static var xmlReads: [(name: String, xml: String, path: [String], count: Int)] {
        [
            ("services", ServiceList(Chongqing.services).xml, ["services", "service"], 3),
            ("service definition", Chongqing.definition.xml, ["service_definition", "attributes", "attribute"], 7),
            (
                "requests", ServiceRequestList([Chongqing.request, Chongqing.closedRequest], extensions: true).xml,
                ["service_requests", "request"], 2
            ),
            ("receipt", RequestReceiptList([SpecExample.receipt]).xml, ["service_requests", "request", "service_request_id"], 1),
            ("errors", ErrorList([SpecExample.error, APIError(code: 400, description: "缺少 service_code")]).xml, ["errors", "error"], 2),
            ("updates", ServiceRequestUpdateList(Chongqing.updates).xml, ["service_request_updates", "request_update"], 2),
        ]
    }

    @Test(.enabled(if: PythonReference.hasJSONSchema, "python3 with jsonschema is not installed (pip install jsonschema)"))
    func everyResourceValidatesAgainstTheOpen311Schemas() throws {
        let cases = try Self.cases.map { c -> [String: Any] in
            var entry: [String: Any] = [
                "name": c.name, "schema": c.schema, "instance": try TestResources.json(c.instance),
                "expect_valid": c.expectValid,
            ]
            if let format = c.needsFormat { entry["needs_format"] = format }
            return entry
        }
        let reads = Self.xmlReads.map { ["name": $0.name, "xml": $0.xml, "path": $0.path, "expect_count": $0.count] as [String: Any] }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("open311-cases-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONSerialization.data(withJSONObject: ["cases": cases, "xml_reads": reads]).write(to: file)

        let (status, output) = try PythonReference.run([PythonReference.script("check_schemas.py"), TestResources.schemas.path, file.path])
        #expect(status == 0, "check_schemas.py: \(output)")
        let skipped = output.components(separatedBy: "\nSKIP ").count - 1
        let total = cases.count + reads.count
        #expect(output.contains("schema checks: \(total - skipped) passed, 0 failed, \(skipped) skipped"), "\(output)")
    }
}

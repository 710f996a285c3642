import Testing

@testable import Open311

@Suite struct SubmissionDecodingTests {
    /// The spec's example POST body, verbatim.
    static let specBody =
        "api_key=xyz&jurisdiction_id=city.gov&service_code=001&lat=37.76524078&long=-122.4212043"
        + "&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john"
        + "&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street"
        + "&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg"
        + "&attribute[WHISPAWN]=123456&attribute[WHISDORN]=COISL001"

    @Test func decodesTheSpecsExampleBody() throws {
        let submission = try ServiceRequestSubmission(body: Self.specBody)
        #expect(
            submission
                == ServiceRequestSubmission(
                    jurisdictionID: "city.gov", serviceCode: "001",
                    location: .init(
                        coordinates: Coordinates(latitude: 37.76524078, longitude: -122.4212043), addressString: "1234 5th street"),
                    email: "smit333@sfgov.edu", deviceID: "tt222111", accountID: "123456", firstName: "john", lastName: "smith",
                    phone: "111111111", description: "A large sinkhole is destroying the street",
                    mediaURL: "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg", apiKey: "xyz",
                    attributes: ["WHISPAWN": ["123456"], "WHISDORN": ["COISL001"]]))
    }

    @Test func decodesChineseAndMultiValueAttributes() throws {
        let body =
            "service_code=RC-HOUSING-01&address_string=%E9%87%8D%E5%BA%86%E5%B8%82%E6%B8%9D%E5%8C%97%E5%8C%BA"
            + "&attribute%5Bneeds%5D%5B%5D=parking&attribute[needs][]=pet&attribute[district]=500112"
            + "&description=%E4%BD%A0%E5%A5%BD%0A%E4%B8%96%E7%95%8C"
        let submission = try ServiceRequestSubmission(body: body)
        #expect(submission.location.addressString == "重庆市渝北区")
        #expect(submission.description == "你好\n世界")
        #expect(submission.attributes == ["needs": ["parking", "pet"], "district": ["500112"]])
    }

    @Test func treatsEmptyParametersAsAbsent() throws {
        let submission = try ServiceRequestSubmission(body: "service_code=a&address_id=77&lat=&long=&email=&attribute[x]=")
        #expect(submission.location == .init(addressID: "77"))
        #expect(submission.email == nil)
        #expect(submission.attributes.isEmpty)
    }

    @Test func acceptsAnyOneKindOfLocation() throws {
        for location in ["lat=29.56&long=106.55", "address_string=x", "address_id=1"] {
            #expect(throws: Never.self) { try ServiceRequestSubmission(body: "service_code=a&" + location) }
        }
    }

    func problems(_ body: String) -> [Problem] {
        do throws(Open311Error) {
            _ = try ServiceRequestSubmission(body: body)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func reportsEveryProblemAtOnce() {
        #expect(problems("description=x") == [.missingServiceCode, .missingLocation])
        #expect(Open311Error([.missingServiceCode, .missingLocation]).httpStatus == 400)
    }

    @Test(arguments: [
        ("service_code=a&lat=91&long=0", [Problem.invalidCoordinate(parameter: "lat", value: "91")]),
        ("service_code=a&lat=0&long=-180.5", [.invalidCoordinate(parameter: "long", value: "-180.5")]),
        (
            "service_code=a&lat=north&long=1e2",
            [.invalidCoordinate(parameter: "lat", value: "north"), .invalidCoordinate(parameter: "long", value: "1e2")]
        ),
        (
            "service_code=a&lat=nan&long=inf",
            [.invalidCoordinate(parameter: "lat", value: "nan"), .invalidCoordinate(parameter: "long", value: "inf")]
        ),
        ("service_code=a&lat=29.5", [.incompleteCoordinates]),
        ("service_code=a&service_code=b&address_id=1", [.conflictingValues(parameter: "service_code")]),
        (
            "service_code=a&address_id=1&media_url=javascript:alert(1)",
            [.invalidParameter(name: "media_url", reason: "must be an http or https URL")]
        ),
        (
            "service_code=a&address_id=1&attribute[]=x",
            [.invalidParameter(name: "attribute[]", reason: "expected attribute[code] or attribute[code][]")]
        ),
    ])
    func refusesBadLocationsAndParameters(_ body: String, _ expected: [Problem]) {
        #expect(problems(body) == expected)
    }

    @Test func acceptsTheSameValueTwice() throws {
        #expect(try ServiceRequestSubmission(body: "service_code=a&service_code=a&address_id=1").serviceCode == "a")
    }

    @Test func limitsTheDescriptionToFourThousandCharacters() {
        let ok = String(repeating: "字", count: 4000)
        #expect(problems("service_code=a&address_id=1&description=" + ok).isEmpty)
        #expect(problems("service_code=a&address_id=1&description=" + ok + "x") == [.descriptionTooLong(characters: 4001)])
    }

    @Test(arguments: [
        "service_code=a%2", "service_code=a%zz&address_id=1", "service_code=%FF%FE&address_id=1", "service_code=%C3%28&address_id=1",
    ])
    func refusesBodiesThatAreNotURLEncodedUTF8(_ body: String) {
        #expect(problems(body).count == 1)
        if case .malformedBody = problems(body).first {} else { Issue.record("expected malformedBody for \(body)") }
    }

    @Test func readsAttributeCodes() {
        #expect(ServiceRequestSubmission.attributeCode("attribute[WHISPAWN]") == "WHISPAWN")
        #expect(ServiceRequestSubmission.attributeCode("attribute[WHISPAWN][]") == "WHISPAWN")
        #expect(ServiceRequestSubmission.attributeCode("attribute[]") == nil)
        #expect(ServiceRequestSubmission.attributeCode("attribute[a][b]") == nil)
        #expect(ServiceRequestSubmission.attributeCode("attributes[a]") == nil)
    }
}

@Suite struct AttributeCheckTests {
    func problems(_ attributes: [String: [String]]) -> [Problem] {
        let submission = ServiceRequestSubmission(serviceCode: "RC-HOUSING-01", location: .init(addressID: "1"), attributes: attributes)
        do throws(Open311Error) {
            try submission.check(against: Chongqing.definition)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func acceptsGoodAnswers() {
        #expect(
            problems([
                "district": ["500112"], "family": ["2"], "needs": ["parking", "pet"], "movein": ["2027-01-01T09:00:00+08:00"],
                "employer": ["重庆大学"], "notes": ["多行\n备注"], "notice": ["ignored"], "unknown": ["ignored"],
            ]).isEmpty)
    }

    @Test func wantsRequiredAnswers() {
        #expect(problems([:]) == [.missingAttribute(code: "district"), .missingAttribute(code: "family")])
    }

    @Test func checksEachDatatype() {
        let found = problems([
            "district": ["500000"], "family": ["two"], "needs": ["parking", "pool"], "movein": ["next week"],
            "employer": ["line\nbreak"],
        ])
        #expect(
            found.map { if case .invalidAttribute(let code, _) = $0 { code } else { "" } } == [
                "district", "family", "needs", "movein", "employer",
            ])
        #expect(
            problems(["district": ["500103", "500112"], "family": ["1"]])
                == [.invalidAttribute(code: "district", reason: "takes one value, got 2")])
    }
}

import Testing

@testable import Open311

@Suite struct RequestQueryTests {
    let now = Chongqing.now
    let day: Int64 = 86_400

    func filter(_ query: String) throws -> ServiceRequestQuery.Filter {
        let parsed = try ServiceRequestQuery.parse(query, now: now)
        guard case .filter(let filter) = parsed.selection else { throw Open311Error(.missingServiceCode) }
        return filter
    }

    func problems(_ query: String) -> [Problem] {
        do throws(Open311Error) {
            _ = try ServiceRequestQuery.parse(query, now: now)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func defaultsToTheMostRecentNinetyDaysAndFirstThousand() throws {
        let f = try filter("jurisdiction_id=rc.cq.gov.cn")
        #expect(f.window == DateWindow(start: now.adding(seconds: -90 * day), end: now))
        #expect(f.page == .init(number: 1, size: 1000))
        #expect(f.serviceCodes.isEmpty && f.statuses.isEmpty)
    }

    @Test func readsTheSpecsSampleURL() throws {
        let f = try filter("start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&status=open&jurisdiction_id=city.gov")
        #expect(f.window.start.description == "2010-05-24T00:00:00Z")
        #expect(f.window.end.description == "2010-06-24T00:00:00Z")
        #expect(f.statuses == [.open])
    }

    @Test func fillsAMissingEndOrStartWithNinetyDays() throws {
        let start = try #require(W3CDateTime(parsing: "2026-01-01T00:00:00+08:00"))
        #expect(
            try filter("start_date=2026-01-01T00:00:00%2B08:00").window == DateWindow(start: start, end: start.adding(seconds: 90 * day)))
        #expect(try filter("end_date=2026-01-01T00:00:00 08:00").window == DateWindow(start: start.adding(seconds: -90 * day), end: start))
    }

    @Test func refusesAWindowWiderThanNinetyDaysOrReversed() {
        #expect(problems("start_date=2026-01-01T00:00:00Z&end_date=2026-04-01T00:00:00Z") == [])  // exactly 90 days
        #expect(problems("start_date=2026-01-01T00:00:00Z&end_date=2026-04-01T00:00:01Z") == [.dateRangeTooWide(maximumDays: 90)])
        #expect(problems("start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z") == [.reversedDateRange])
        #expect(
            problems("start_date=2026-01-01&status=pending") == [
                .invalidParameter(name: "status", reason: "pending is not open or closed"),
                .invalidParameter(name: "start_date", reason: "must be a W3C date-time with offset, e.g. 2010-01-01T00:00:00Z"),
            ])
    }

    @Test func joinsCommaListsAndRepeatedParameters() throws {
        let f = try filter("service_code=001,002&service_code=003,%20001&status=open,closed&status=OPEN")
        #expect(f.serviceCodes == ["001", "002", "003"])
        #expect(f.statuses == [.open, .closed])
    }

    @Test func requestIDsOverrideEverythingElse() throws {
        let query = try ServiceRequestQuery.parse("service_request_id=638344,638349&start_date=garbage&status=nope&page=0", now: now)
        #expect(query.selection == .ids(["638344", "638349"]))
        let many = (1...1001).map(String.init).joined(separator: ",")
        #expect(problems("service_request_id=" + many) == [.tooManyRequestIDs(maximum: 1000)])
    }

    @Test func pagesWithPageAndPageSize() throws {
        let page = try filter("page=3&page_size=50").page
        #expect(page == .init(number: 3, size: 50))
        #expect(page.offset == 100 && page.limit == 50)
        #expect(try filter("page_size=5000").page.size == 1000)
        #expect(problems("page=0") == [.invalidParameter(name: "page", reason: "must be a whole number from 1")])
        #expect(problems("page_size=-1") == [.invalidParameter(name: "page_size", reason: "must be a whole number from 1")])
    }

    @Test func readsTheExtensionsFlag() throws {
        #expect(try ServiceRequestQuery.parse("extensions=true", now: now).extensions)
        #expect(try !ServiceRequestQuery.parse("extensions=false", now: now).extensions)
        #expect(problems("extensions=maybe") == [.invalidParameter(name: "extensions", reason: "must be true or false")])
    }

    @Test func parsesTheUpdateFeedWindow() throws {
        let query = try ServiceRequestUpdateQuery.parse(
            "start_date=2026-12-03T00:00:00Z&end_date=2026-12-03T01:00:00Z&jurisdiction_id=x", now: now)
        #expect(query.jurisdictionID == "x")
        #expect(query.window.end.secondsSince1970 - query.window.start.secondsSince1970 == 3600)
        #expect(query.window.contains(try #require(W3CDateTime(parsing: "2026-12-03T08:30:00+08:00"))))
    }
}

@Suite struct JurisdictionAndEndpointTests {
    @Test func aSingleJurisdictionMakesTheParameterOptional() throws {
        let served = Jurisdictions.single("rc.cq.gov.cn")
        #expect(try served.resolve(nil) == "rc.cq.gov.cn")
        #expect(try served.resolve("") == "rc.cq.gov.cn")
        #expect(throws: Open311Error(.unknownJurisdiction("sfgov.org"))) { try served.resolve("sfgov.org") }
        #expect(Open311Error(.unknownJurisdiction("sfgov.org")).httpStatus == 404)
    }

    @Test func severalJurisdictionsRequireIt() {
        let served = Jurisdictions(ids: ["cq", "cd"], parameterRequired: true)
        #expect(throws: Open311Error(.missingJurisdiction)) { try served.resolve(nil) }
    }

    @Test func theAPIKeyOutranksOtherProblems() {
        let error = Open311Error([.missingLocation, .unknownServiceCode("x"), .invalidAPIKey])
        #expect(error.httpStatus == 403)
        #expect(error.errorList.errors.map(\.code) == [400, 404, 403])
        #expect(Open311Error([.missingLocation, .unknownServiceCode("x")]).httpStatus == 404)
    }

    @Test(arguments: [
        ("services.xml", Endpoint.serviceList(.xml)), ("/services/033.json", .serviceDefinition(serviceCode: "033", .json)),
        ("services/RC%2DHOUSING+01.xml", .serviceDefinition(serviceCode: "RC-HOUSING+01", .xml)), ("requests.json", .requests(.json)),
        ("requests/638344.xml", .request(serviceRequestID: "638344", .xml)),
        ("request/YC20261203000123.json", .request(serviceRequestID: "YC20261203000123", .json)),
        ("tokens/12345.xml", .token("12345", .xml)), ("servicerequestupdates.xml", .serviceRequestUpdates(.xml)),
        ("services.XML", .serviceList(.xml)),
    ])
    func routesThePaths(_ path: String, _ endpoint: Endpoint) {
        #expect(Endpoint.parse(path) == endpoint)
    }

    @Test(arguments: ["services", "services.html", "requests/1/2.xml", "foo.xml", "requests/.xml", "services/%zz.xml"])
    func refusesOtherPaths(_ path: String) {
        #expect(Endpoint.parse(path) == nil)
    }
}

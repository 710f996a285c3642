@testable import Open311

/// The data of the spec's examples, as this module's values.
enum SpecExample {
    static let services = [
        Service(
            serviceCode: "001", serviceName: "Cans left out 24x7",
            description:
                "Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.",
            metadata: true, type: .realtime, keywords: "lorem, ipsum, dolor", group: "sanitation"),
        Service(
            serviceCode: "002", serviceName: "Construction plate shifted",
            description: "Metal construction plate covering the street or sidewalk has been moved.",
            metadata: true, type: .realtime, keywords: "lorem, ipsum, dolor", group: "street"),
        Service(
            serviceCode: "003", serviceName: "Curb or curb ramp defect",
            description: "Sidewalk curb or ramp has problems such as cracking, missing pieces, holes, and/or chipped curb.",
            metadata: true, type: .realtime, keywords: "lorem, ipsum, dolor", group: "street"),
    ]

    static let definition = ServiceDefinition(
        serviceCode: "DMV66",
        attributes: [
            ServiceAttribute(
                variable: true, code: "WHISHETN", datatype: .singlevaluelist, required: true, datatypeDescription: nil, order: 1,
                description: "What is the ticket/tag/DL number?",
                values: [AttributeValue(key: "123", name: "Ford"), AttributeValue(key: "124", name: "Chrysler")])
        ])

    static let receipt = RequestReceipt(
        reference: .serviceRequestID("293944"),
        serviceNotice: "The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction "
            + "Notice or Notice of Violation of the Public Works Code")

    static let token = TokenResolution(token: "12345", serviceRequestID: "638344")

    /// Pacific Standard Time, as in the examples.
    static func pst(_ text: String) -> W3CDateTime {
        W3CDateTime(parsing: text + "-08:00") ?? W3CDateTime(secondsSince1970: 0)
    }

    static let requests = [
        ServiceRequest(
            serviceRequestID: "638344", status: .closed, statusNotes: "Duplicate request.", serviceName: "Sidewalk and Curb Issues",
            serviceCode: "006", requestedDatetime: pst("2010-04-14T06:37:38"), updatedDatetime: pst("2010-04-14T06:37:38"),
            expectedDatetime: pst("2010-04-15T06:37:38"), address: "8TH AVE and JUDAH ST", addressID: "545483", zipcode: "94122",
            coordinates: Coordinates(latitude: 37.762221815, longitude: -122.4651145),
            mediaURL: "http://city.gov.s3.amazonaws.com/requests/media/638344.jpg"),
        ServiceRequest(
            serviceRequestID: "638349", status: .open, serviceName: "Sidewalk and Curb Issues",
            serviceCode: "006", requestedDatetime: pst("2010-04-19T06:37:38"), updatedDatetime: pst("2010-04-19T06:37:38"),
            expectedDatetime: pst("2010-04-19T06:37:38"), address: "8TH AVE and JUDAH ST", addressID: "545483", zipcode: "94122",
            coordinates: Coordinates(latitude: 37.762221815, longitude: -122.4651145),
            mediaURL: "http://city.gov.s3.amazonaws.com/requests/media/638349.jpg"),
    ]

    static let error = APIError(code: 403, description: "Invalid api_key received -- can't proceed with create_request.")
}

/// Yingcai's own data: Chinese text, +08:00, the extension fields.
enum Chongqing {
    static let now = W3CDateTime(parsing: "2026-12-03T10:40:00+08:00") ?? W3CDateTime(secondsSince1970: 0)

    static let services = [
        Service(
            serviceCode: "RC-HOUSING-01", serviceName: "人才公寓申请", description: "符合条件的人才可申请租住人才公寓（拎包入住）。",
            metadata: true, type: .realtime, keywords: "公寓, 住房, 安居", group: "安居保障"),
        Service(serviceCode: "RC-SCHOOL-02", serviceName: "子女入学", metadata: false, type: .batch, group: "子女教育"),
        Service(serviceCode: "RC-FEEDBACK", serviceName: "意见建议 <匿名> & 其他", metadata: false, type: .blackbox),
    ]

    static let definition = ServiceDefinition(
        serviceCode: "RC-HOUSING-01",
        attributes: [
            ServiceAttribute(
                code: "district", datatype: .singlevaluelist, required: true, datatypeDescription: "选择意向区县", order: 1,
                description: "意向入住区县", values: [AttributeValue(key: "500103", name: "渝中区"), AttributeValue(key: "500112", name: "渝北区")]),
            ServiceAttribute(code: "family", datatype: .number, required: true, order: 2, description: "随迁家属人数"),
            ServiceAttribute(
                code: "needs", datatype: .multivaluelist, required: false, order: 3, description: "配套需求",
                values: [AttributeValue(key: "parking", name: "车位"), AttributeValue(key: "pet", name: "宠物")]),
            ServiceAttribute(code: "movein", datatype: .datetime, required: false, order: 4, description: "期望入住时间"),
            ServiceAttribute(code: "employer", datatype: .string, required: false, order: 5),
            ServiceAttribute(code: "notes", datatype: .text, required: false, order: 6),
            ServiceAttribute(variable: false, code: "notice", datatype: .text, required: false, order: 7, description: "材料须真实有效。"),
        ])

    static let request = ServiceRequest(
        serviceRequestID: "YC20261203000123", status: .open, statusNotes: "已派单至渝北区人力社保局", serviceName: "人才公寓申请",
        serviceCode: "RC-HOUSING-01", description: "申请渝北区人才公寓一套，\n家属 2 人。", agencyResponsible: "渝北区人力资源和社会保障局",
        serviceNotice: "将在 5 个工作日内办结", requestedDatetime: now, updatedDatetime: now.adding(seconds: 3600),
        expectedDatetime: W3CDateTime(parsing: "2026-12-10T18:00:00+08:00"), address: "重庆市渝北区金开大道 1 号", addressID: nil, zipcode: "401120",
        coordinates: Coordinates(latitude: 29.563009, longitude: 106.551556), mediaURL: "https://yingcai.example.cn/media/a.jpg",
        detailedStatus: "dispatched",
        notes: [
            RequestNote(datetime: now, description: "经微信公众号提交", type: "submitted"),
            RequestNote(datetime: now.adding(seconds: 3600), description: "已派单", type: "dispatched"),
        ])

    static let closedRequest = ServiceRequest(
        serviceRequestID: "YC20261125000007", status: .closed, serviceCode: "RC-SCHOOL-02",
        requestedDatetime: now.adding(seconds: -86_400 * 8))

    static let updates = [
        ServiceRequestUpdate(
            updateID: "YC20261203000123-2", serviceRequestID: "YC20261203000123", status: .inProgress,
            updatedDatetime: now.adding(seconds: 7200), description: "已签收，正在办理", externalStatusCode: "accepted"),
        ServiceRequestUpdate(
            updateID: "YC20261203000123-5", serviceRequestID: "YC20261203000123", status: .closed,
            updatedDatetime: now.adding(seconds: 86_400), description: nil, mediaURL: "https://yingcai.example.cn/media/b.pdf"),
    ]
}

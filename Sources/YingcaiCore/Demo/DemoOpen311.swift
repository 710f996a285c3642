import Open311

/// The demo's Open311 client — a 随手拍 (FixMyStreet-style) site of the city — and what its residents
/// sent through it: a complaint and a suggestion waiting for the dispatchers, and a question about a
/// catalog item already with its department.
struct DemoOpen311 {
    let app: Yingcai
    let people: DemoPeople

    func load() async throws {
        let issued = try await app.open311.issueKey(name: "重庆随手拍 (FixMyStreet)", ratePerMinute: nil, by: people.admin)
        let sent: [ServiceRequestSubmission] = [
            .init(serviceCode: "complaint", location: .init(coordinates: Coordinates(latitude: 29.718, longitude: 106.631), addressString: "渝北区人才公寓 3 栋"),
                  firstName: "女士", lastName: "陈", description: "人才公寓 3 栋电梯停运两天，老人上下楼困难，请尽快维修。",
                  mediaURL: "https://example.org/photos/lift-3.jpg", apiKey: issued.apiKey, attributes: ["district": ["500112"]]),
            .init(serviceCode: "suggestion", location: .init(addressString: "江北区观音桥"), firstName: "先生", lastName: "周",
                  description: "建议在观音桥设英才卡线下服务点，周末也能办理。", apiKey: issued.apiKey, attributes: ["district": ["500105"]]),
            .init(serviceCode: "YC-P-021", location: .init(addressString: "两江新区"), firstName: "博士", lastName: "刘",
                  description: "刚入职两江新区企业，想了解人才公寓的申请条件和排队时间。", apiKey: issued.apiKey,
                  attributes: ["district": ["500112"], "familySize": ["3"], "preferredType": ["两室一厅"]]),
        ]
        for submission in sent { _ = try await app.open311.submit(submission) }
    }
}

import Foundation
import Open311
import Organisations
import SQLKit
import Storage
import WorkCalendar
import WorkOrderRules

/// Open311 GeoReport v2 over the product (PRODUCT.md part 10): the catalog's 68 items and the
/// hotline's categories as services, each item's form as its definition, a POST filed as a work
/// order of channel `open311` through the same filing path as every other channel, and the orders
/// filed that way as requests — open or closed, with the finer state, the notes of the timeline, the
/// working-day deadline, the lead department and the promised time limit. Only orders filed through
/// Open311 are listed: the others were not sent to be public. No phone number or ID is ever shown.
public struct Open311Gateway: Sendable {
    let db: Database
    let orgs: OrgDirectory
    let catalog: Catalog
    let calendars: CalendarStore
    let workOrders: WorkOrderService
    let accounts: Accounts
    let clock: Clockwork
    /// The deployment's `jurisdiction_id` (`YINGCAI_OPEN311_JURISDICTION`).
    public let jurisdiction: String

    /// The hotline categories a request may be filed under besides the catalog's items.
    static let categories: [WorkOrderCategory] = [.inquiry, .help, .complaint, .suggestion]
    /// The attribute every definition starts with: which district the request is for.
    static let districtAttribute = "district"

    public var jurisdictions: Jurisdictions { .single(jurisdiction) }

    func now() -> W3CDateTime { W3CDateTime(secondsSince1970: clock.nowMillis() / 1000) }

    static func datetime(_ millis: Int64) -> W3CDateTime {
        W3CDateTime(secondsSince1970: millis / 1000, nanoseconds: 0)
    }

    // MARK: Services

    public func services() async throws -> ServiceList {
        let items = try await catalog.list()
        return ServiceList(items.map { item in
            Service(serviceCode: item.code, serviceName: item.name, description: item.description, metadata: true, type: .realtime,
                    keywords: item.nameEn, group: Self.group(item.kind))
        } + Self.categories.map { c in
            Service(serviceCode: c.rawValue, serviceName: c.label.chinese, description: "热线\(c.label.chinese)（\(c.label.english)）", metadata: true,
                    type: .realtime, keywords: c.label.english, group: "热线诉求")
        })
    }

    static func group(_ kind: String) -> String {
        switch kind {
        case "public": "公共服务"
        case "policy": "政策服务"
        case "market": "市场服务"
        default: kind
        }
    }

    /// The questions of a service: the district first, then the item's form (personal fields as
    /// plain strings: they are sealed once filed).
    public func definition(_ code: String) async throws -> ServiceDefinition {
        let tree = try await orgs.tree()
        let item = try await catalog.item(code)
        guard item != nil || Self.categories.contains(where: { $0.rawValue == code }) else { throw Open311Error(.unknownServiceCode(code)) }
        let districts = tree.allDistricts
        var attributes = [
            ServiceAttribute(code: Self.districtAttribute, datatype: .singlevaluelist, required: true, datatypeDescription: "区县 / district",
                             order: 1, description: "办理区县 / the district",
                             values: districts.map { AttributeValue(key: $0.code.rawValue, name: $0.name) })
        ]
        for (i, field) in (item?.form ?? []).enumerated() {
            let (type, values): (ServiceAttribute.Datatype, [AttributeValue]) = switch field.type {
            case "select": (.singlevaluelist, (field.options ?? []).map { AttributeValue(key: $0, name: $0) })
            case "boolean": (.singlevaluelist, [AttributeValue(key: "true", name: "是"), AttributeValue(key: "false", name: "否")])
            case "number": (.number, [])
            case "date": (.datetime, [])
            default: (.string, [])
            }
            attributes.append(ServiceAttribute(code: field.key, datatype: type, required: field.required, datatypeDescription: field.type,
                                               order: i + 2, description: field.label, values: values))
        }
        return ServiceDefinition(serviceCode: code, attributes: attributes)
    }

    // MARK: Filing

    /// POST requests: the key checked (and counted), the answers checked against the definition, the
    /// order filed as any other and what Open311 adds kept beside it, in one write.
    public func submit(_ s: ServiceRequestSubmission) async throws -> RequestReceipt {
        _ = try jurisdictions.resolve(s.jurisdictionID)
        guard let key = s.apiKey, !key.isEmpty else { throw Open311Error(.missingAPIKey) }
        guard let client = try await client(apiKey: key) else { throw Open311Error(.invalidAPIKey) }
        let definition = try await definition(s.serviceCode)
        try s.check(against: definition)
        guard let principal = try await accounts.principal(userId: client.userId) else { throw Open311Error(.invalidAPIKey) }
        let item = try await catalog.item(s.serviceCode)

        // A request for a catalog item is a consultation about it (咨询): nobody signed in stands behind
        // it as the talent an application needs, so the item's department answers it, routed at once
        // (at the city or in the district, as the item is handled), with the form's answers in the text.
        let district = s.attributes[Self.districtAttribute]?.first ?? ""
        var answers: [String] = []
        for field in item?.form ?? [] {
            guard let answer = s.attributes[field.key]?.first, !answer.isEmpty else { continue }
            answers.append("\(field.label)：\(field.type == "boolean" ? (answer == "true" ? "是" : "否") : answer)")
        }
        let name = [s.lastName, s.firstName].compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined()
        let description = (s.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var content = description.isEmpty ? (item.map { "咨询「\($0.name)」" } ?? s.serviceCode) : description
        if !answers.isEmpty { content += "\n" + answers.joined(separator: "；") }
        if let address = s.location.addressString, !address.isEmpty { content += "\n地点 / location: \(address)" }
        let category = item == nil ? s.serviceCode : WorkOrderCategory.inquiry.rawValue
        let title = item.map { "咨询：\($0.name)" } ?? String((description.split(separator: "\n").first.map(String.init) ?? s.serviceCode).prefix(60))
        let routed = item.map { $0.handledAt == "district" ? "\(district):\($0.department)" : "500000:\($0.department)" }
        let input = NewWorkOrder(channel: Channel.open311.rawValue, category: category,
                                 contact: .init(name: name.isEmpty ? "Open311 · \(client.name)" : String(name.prefix(64)), phone: s.phone),
                                 title: title, content: String(content.prefix(5000)), districtCode: district)
        var (record, writes) = try await workOrders.plan(input, by: principal, routedTo: routed, gateway: true)
        count(client, into: &writes)
        let token = record.districtCode + "." + Base64URL.encode((0..<12).map { _ in UInt8.random(in: 0...255) })
        writes.insert("open311_requests", columns: Self.requestColumns, values: [
            SQLBind(record.districtCode), SQLBind(record.id), SQLBind(client.id), SQLBind(token), SQLBind(s.serviceCode),
            SQLBind(record.rules.receivedAt), SQLBind(s.location.coordinates?.latitude), SQLBind(s.location.coordinates?.longitude),
            SQLBind(s.location.addressString), SQLBind(s.location.addressID), SQLBind(s.mediaURL), SQLBind(s.deviceID), SQLBind(s.accountID),
            SQLBind(record.rules.state.rawValue), SQLBind(record.rules.leadOrg), SQLBind(record.rules.handlingDeadline.description),
            SQLBind(record.rules.receivedAt), SQLBind(String?.none), SQLBind(record.content),
        ])
        try await workOrders.filings.write(writes)
        let limit = item.map(Self.notice) ?? "\(record.rules.handlingDeadline.description) 前办结 / to be handled by \(record.rules.handlingDeadline.description)"
        return RequestReceipt(reference: .serviceRequestID(String(record.id)), serviceNotice: limit, accountID: s.accountID)
    }

    static let requestColumns = ["district_code", "order_id", "client_id", "token", "service_code", "requested_at", "lat", "lon", "address",
                                 "address_id", "media_url", "device_id", "account_id", "state", "lead_org", "handling_deadline", "updated_at",
                                 "status_notes", "description"]

    /// A move of an order filed through Open311, on its request's row (in the move's own write).
    /// While the order is being filed the row is not there yet and this changes nothing: the
    /// filing writes the row as the order then stands.
    static func project(_ record: WorkOrderRecord, note: String?, at now: Int64, into writes: inout WriteSet) {
        let note = note.flatMap { $0.isEmpty ? nil : $0 }
        writes.execute("""
            UPDATE open311_requests SET state = \(bind: record.rules.state.rawValue), lead_org = \(bind: record.rules.leadOrg),
                handling_deadline = \(bind: record.rules.handlingDeadline.description), updated_at = \(bind: now),
                status_notes = COALESCE(\(bind: note), status_notes)
            WHERE district_code = \(bind: record.districtCode) AND order_id = \(bind: record.id)
            """)
    }

    // MARK: Reading

    /// GET requests: by ids, or filtered by service, status and the 90-day window, newest first,
    /// a page of at most 1,000.
    public func requests(_ q: ServiceRequestQuery) async throws -> ServiceRequestList {
        _ = try jurisdictions.resolve(q.jurisdictionID)
        let rows: [SQLValues]
        switch q.selection {
        case .ids(let ids):
            let numbers = ids.compactMap { Int64($0) }
            rows = numbers.isEmpty ? [] : try await db.values("""
                SELECT \(unsafeRaw: Self.listColumns) FROM open311_requests
                WHERE order_id IN (\(binds: numbers)) ORDER BY requested_at DESC, order_id DESC
                """)
        case .filter(let f):
            var sql: SQLQueryString = """
                SELECT \(unsafeRaw: Self.listColumns) FROM open311_requests
                WHERE requested_at >= \(bind: f.window.start.secondsSince1970 * 1000) AND requested_at <= \(bind: f.window.end.secondsSince1970 * 1000 + 999)
                """
            if !f.serviceCodes.isEmpty { sql = sql + " AND service_code IN (\(binds: f.serviceCodes))" }
            if f.statuses.count == 1, let status = f.statuses.first {
                let states = WorkOrderState.allCases.filter { $0.isOpen == (status == .open) }.map(\.rawValue)
                sql = sql + " AND state IN (\(binds: states))"
            }
            rows = try await db.values(sql + " ORDER BY requested_at DESC, order_id DESC LIMIT \(bind: f.page.limit) OFFSET \(bind: f.page.offset)")
        }
        return ServiceRequestList(try await requests(rows, extensions: q.extensions), extensions: q.extensions)
    }

    /// GET requests/{id}: one request, or the spec's 404.
    public func request(_ id: String, extensions: Bool) async throws -> ServiceRequestList {
        guard let number = Int64(id) else { throw Open311Error(.notFound(parameter: "service_request_id", value: id)) }
        let rows = try await db.values("SELECT \(unsafeRaw: Self.listColumns) FROM open311_requests WHERE order_id = \(bind: number)")
        guard !rows.isEmpty else { throw Open311Error(.notFound(parameter: "service_request_id", value: id)) }
        return ServiceRequestList(try await requests(rows, extensions: extensions), extensions: extensions)
    }

    /// GET tokens/{token}: the id the token stands for.
    public func token(_ token: String) async throws -> TokenResolutionList {
        let district = String(token.prefix { $0 != "." })
        let row = try await db.read { db in
            try await db.raw("SELECT order_id FROM open311_requests WHERE district_code = \(bind: district) AND token = \(bind: token)").first()
        }
        guard let row else { throw Open311Error(.notFound(parameter: "token", value: token)) }
        return TokenResolutionList([TokenResolution(token: token, serviceRequestID: String(try row.decode(column: "order_id", as: Int64.self)))])
    }

    /// FixMyStreet's GET servicerequestupdates: every step of the requests filed through Open311 in
    /// the window, oldest first (at most 1,000).
    public func updates(_ q: ServiceRequestUpdateQuery) async throws -> ServiceRequestUpdateList {
        _ = try jurisdictions.resolve(q.jurisdictionID)
        let rows = try await db.read { db in
            try await db.raw("""
                SELECT e.order_id, e.seq, e.at, e.action, e.to_state, e.note, r.media_url FROM work_order_events e
                JOIN open311_requests r ON r.district_code = e.district_code AND r.order_id = e.order_id
                WHERE e.at >= \(bind: q.window.start.secondsSince1970 * 1000) AND e.at <= \(bind: q.window.end.secondsSince1970 * 1000 + 999)
                ORDER BY e.at, e.order_id, e.seq LIMIT 1000
                """).all()
        }
        return ServiceRequestUpdateList(try rows.map { row in
            let id = try row.decode(column: "order_id", as: Int64.self)
            let state = WorkOrderState(rawValue: try row.decode(column: "to_state", as: String.self)) ?? .received
            return ServiceRequestUpdate(updateID: "\(id)-\(try row.decode(column: "seq", as: Int.self))", serviceRequestID: String(id),
                                        status: Self.updateStatus(state), updatedDatetime: Self.datetime(try row.decode(column: "at", as: Int64.self)),
                                        description: try row.decode(column: "note", as: String?.self) ?? Self.stateText(state),
                                        mediaURL: nil, externalStatusCode: state.rawValue)
        })
    }

    /// The columns of a request as `requests(_:extensions:)` reads them, by position.
    static let listColumns = """
        order_id, service_code, requested_at, lat, lon, address, address_id, media_url, state, lead_org, handling_deadline,
        updated_at, status_notes, description
        """

    /// The requests of `rows` as their rows stand (`project` keeps them current); with `extensions`,
    /// the timelines of all of them, read in one statement.
    func requests(_ rows: [SQLValues], extensions: Bool) async throws -> [ServiceRequest] {
        guard !rows.isEmpty else { return [] }
        let tree = try await orgs.tree()
        let calendar = try await calendars.calendar()
        let items = try await catalog.all()
        var events: [Int64: [(at: Int64, state: String, note: String?)]] = [:]
        if extensions {
            let ids = rows.compactMap { $0[0].int }
            for row in try await db.values("SELECT order_id, at, to_state, note FROM work_order_events WHERE order_id IN (\(binds: ids)) ORDER BY order_id, seq") {
                guard let id = row[0].int, let at = row[1].int, let state = row[2].text else { continue }
                events[id, default: []].append((at, state, row[3].text))
            }
        }
        // A page repeats a few dozen departments, deadlines and services a thousand times: each is
        // worked out once.
        var leads: [String: String?] = [:], deadlines: [String: W3CDateTime?] = [:], notices: [String: String?] = [:]
        return try rows.map { row in
            guard let id = row[0].int, let code = row[1].text, let requestedAt = row[2].int else { throw CoreError.notFound("request row") }
            let state = row[8].text.flatMap(WorkOrderState.init(rawValue:)) ?? .received
            let item = items[code]
            let lead = row[9].text.flatMap { code in
                leads[code] ?? { let name = OrgCode(code).flatMap { tree[$0]?.name }; leads[code] = name; return name }()
            }
            let deadlineText = row[10].text ?? ""
            let expected = deadlines[deadlineText] ?? {
                let at = LocalDate(deadlineText).map { Self.datetime(calendar.deadlineMillis(of: $0)) }
                deadlines[deadlineText] = at
                return at
            }()
            let notice = notices[code] ?? { let text = item.map(Self.notice); notices[code] = text; return text }()
            let coordinates = row[3].double.flatMap { lat in row[4].double.flatMap { Coordinates(latitude: lat, longitude: $0) } }
            return ServiceRequest(
                serviceRequestID: String(id), status: state.isOpen ? .open : .closed,
                statusNotes: row[12].text ?? Self.stateTexts[state],
                serviceName: item?.name ?? WorkOrderCategory(rawValue: code)?.label.chinese, serviceCode: code,
                description: String((row[13].text ?? "").prefix(ServiceRequestSubmission.maximumDescriptionLength)),
                agencyResponsible: lead, serviceNotice: notice,
                requestedDatetime: Self.datetime(requestedAt),
                updatedDatetime: row[11].int.map(Self.datetime),
                expectedDatetime: expected,
                address: row[5].text, addressID: row[6].text, coordinates: coordinates, mediaURL: row[7].text,
                detailedStatus: extensions ? state.rawValue : nil,
                notes: extensions ? (events[id] ?? []).map {
                    RequestNote(datetime: Self.datetime($0.at), description: $0.note ?? Self.stateText(WorkOrderState(rawValue: $0.state) ?? .received), type: $0.state)
                } : [])
        }
    }

    /// The promised time limit of a catalog item (承诺时限), as `service_notice` says it.
    static func notice(_ item: ServiceItem) -> String {
        "承诺 \(item.commitWorkdays) 个工作日内办结 / within \(item.commitWorkdays) working days"
    }

    static func stateText(_ s: WorkOrderState) -> String { "\(s.label.chinese) / \(s.label.english)" }
    static let stateTexts = Dictionary(uniqueKeysWithValues: WorkOrderState.allCases.map { ($0, stateText($0)) })

    static func updateStatus(_ s: WorkOrderState) -> UpdateStatus {
        switch s {
        case .received, .returned, .reopened: .open
        case .dispatched: .actionScheduled
        case .accepted, .inProgress, .suspended: .inProgress
        case .resolved, .rated: .fixed
        case .closed: .closed
        case .rejected: .notCouncilsResponsibility
        case .withdrawn: .noFurtherAction
        }
    }
}

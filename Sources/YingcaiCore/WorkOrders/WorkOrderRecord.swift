import Foundation
import SQLKit
import WorkCalendar
import WorkOrderRules

/// A work order as stored: the rule state (`WorkOrderRules.WorkOrder`, kept whole as JSON) and the
/// facts around it (who asked, about what, where).
public struct WorkOrderRecord: Sendable, Equatable {
    public let id: Int64
    public let receivedOn: LocalDate
    public let channel: String
    public let serviceItemCode: String?
    public let talentId: Int64?
    public let requesterId: Int64?
    public let filedBy: Int64?
    public let contactName: String?
    public let contactPhoneMasked: String?
    public let title: String
    public let content: String
    public let districtCode: String
    public let form: String
    public var rules: WorkOrder
    public var lastSeq: Int
    public var lastHash: [UInt8]

    /// 工单编号: `YC` + the day of receipt + the id, at least six digits (`YC20261125000123`).
    public var number: String { Self.number(id: id, receivedOn: receivedOn) }

    public static func number(id: Int64, receivedOn: LocalDate) -> String {
        let digits = String(id)
        let day = receivedOn.year * 10_000 + receivedOn.month * 100 + receivedOn.day
        return "YC" + String(day) + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The id inside a number, for look-ups by number.
    public static func id(fromNumber number: String) -> Int64? {
        guard number.hasPrefix("YC"), number.count >= 16, number.dropFirst(2).allSatisfy(\.isNumber) else { return nil }
        return Int64(number.dropFirst(10))
    }

    static let columns = """
        id, received_on, channel, service_item_code, talent_id, requester_id, filed_by, contact_name,
        contact_phone_masked, title, content, district_code, form, rules, last_seq, last_hash
        """

    static let decoder = JSONDecoder()
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return e
    }()

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        receivedOn = LocalDate(try row.decode(column: "received_on", as: String.self))!
        channel = try row.decode(column: "channel", as: String.self)
        serviceItemCode = try row.decode(column: "service_item_code", as: String?.self)
        talentId = try row.decode(column: "talent_id", as: Int64?.self)
        requesterId = try row.decode(column: "requester_id", as: Int64?.self)
        filedBy = try row.decode(column: "filed_by", as: Int64?.self)
        contactName = try row.decode(column: "contact_name", as: String?.self)
        contactPhoneMasked = try row.decode(column: "contact_phone_masked", as: String?.self)
        title = try row.decode(column: "title", as: String.self)
        content = try row.decode(column: "content", as: String.self)
        districtCode = try row.decode(column: "district_code", as: String.self)
        form = try row.decode(column: "form", as: String.self)
        rules = try Self.decoder.decode(WorkOrder.self, from: Data(try row.decode(column: "rules", as: String.self).utf8))
        lastSeq = try row.decode(column: "last_seq", as: Int.self)
        lastHash = Array(try row.decode(column: "last_hash", as: Data.self))
    }

    init(id: Int64, receivedOn: LocalDate, channel: String, serviceItemCode: String?, talentId: Int64?, requesterId: Int64?,
         filedBy: Int64?, contactName: String?, contactPhoneMasked: String?, title: String, content: String,
         districtCode: String, form: String, rules: WorkOrder, lastSeq: Int, lastHash: [UInt8]) {
        self.id = id; self.receivedOn = receivedOn; self.channel = channel; self.serviceItemCode = serviceItemCode
        self.talentId = talentId; self.requesterId = requesterId; self.filedBy = filedBy; self.contactName = contactName
        self.contactPhoneMasked = contactPhoneMasked; self.title = title; self.content = content
        self.districtCode = districtCode; self.form = form; self.rules = rules; self.lastSeq = lastSeq; self.lastHash = lastHash
    }

    var rulesJSON: String { String(decoding: try! Self.encoder.encode(rules), as: UTF8.self) }

    /// The workbench queue the order waits in (stored beside the rule state, for the workbench's lists).
    public var queue: WorkbenchQueue? { WorkbenchQueue.of(rules) }

    /// Whether the deadline clock runs (no warning for a suspended, resolved or finished order).
    var onClock: Bool {
        switch rules.state {
        case .received, .dispatched, .returned, .accepted, .inProgress, .reopened: return true
        default: return false
        }
    }
}

/// One entry of the timeline.
public struct WorkOrderEvent: Sendable, Equatable {
    public let seq: Int
    public let at: Int64
    public let actorId: Int64?
    public let actorName: String
    public let action: String
    public let from: String?
    public let to: String
    public let note: String?
    public let data: String?
    public let hash: [UInt8]
}

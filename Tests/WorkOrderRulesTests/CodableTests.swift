import Foundation
import Testing
import WorkCalendar
import WorkOrderRules

/// The order is stored and exchanged as JSON; dates as `YYYY-MM-DD`, states as API strings.
@Suite struct CodableTests {
    @Test func roundTrip() throws {
        for state in WorkOrderState.allCases {
            let order = Standard.driver(in: state).order
            let data = try JSONEncoder().encode(order)
            #expect(try JSONDecoder().decode(WorkOrder.self, from: data) == order, "\(state)")
        }
        var suspended = Standard.driver(in: .suspended).order
        suspended.state = .inProgress
        let text = String(decoding: try JSONEncoder().encode(suspended), as: UTF8.self)
        #expect(text.contains("\"state\":\"in_progress\""))
        #expect(text.contains("\"handlingDeadline\":\"2024-11-18\""))
    }
}

/// `WorkOrder.json`, written by hand for speed, is what `JSONEncoder` writes with sorted keys.
@Suite struct DirectJSONTests {
    @Test func sameAsTheEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var orders = WorkOrderState.allCases.map { Standard.driver(in: $0).order }
        var everything = Standard.driver(in: .closed).order
        everything.id = 9_007_199_254_740_993
        everything.acceptedAt = 1; everything.callbackAt = 2; everything.closedAt = 3; everything.dispatchedAt = -4
        everything.escalatedDeadline = LocalDate("2026-02-28"); everything.leadOrg = "500112:HRSS \"引号\" \\ \n\t\u{01}"
        everything.mergedInto = 77; everything.pendingExtension = 3; everything.ratedAt = 5; everything.ratings = [1, 5, 3]
        everything.remainingWorkdays = 0; everything.resolvedAt = 6; everything.signForDeadline = 7
        everything.suspendedOn = LocalDate("2024-02-29"); everything.urgent = true; everything.reratingUsed = true
        everything.coOrgs = ["500112:UNION", "中文"]; everything.opinionsFrom = ["a", ""]
        orders.append(everything)
        for order in orders {
            let direct = order.json
            #expect(direct == String(decoding: try encoder.encode(order), as: UTF8.self))
            #expect(try JSONDecoder().decode(WorkOrder.self, from: Data(direct.utf8)) == order)
        }
    }
}

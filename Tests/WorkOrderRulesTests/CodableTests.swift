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


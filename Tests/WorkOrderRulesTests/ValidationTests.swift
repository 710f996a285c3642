import Testing
import WorkCalendar
import WorkOrderRules

/// Arguments: texts, organisations, merge targets, opinions.
@Suite struct ValidationTests {
    @Test func reasonsAreTrimmedAndLimited() {
        let driver = Standard.driver(in: .received)
        let reject = { (reason: String) in driver.apply(.reject(reason: reason), by: .dispatcher) }
        #expect(reject("").error?.invalidField == "reason")
        #expect(reject(" \n\t\u{3000}").error?.invalidField == "reason")   // full-width space too
        #expect(reject(String(repeating: "理", count: 1000)).transition != nil)
        #expect(reject("  " + String(repeating: "理", count: 1000) + "\n").transition != nil)
        #expect(reject(String(repeating: "理", count: 1001)).error?.invalidField == "reason")
        #expect(reject(" 不属于受理范围 ").transition?.note == " 不属于受理范围 ")  // kept as given
        let message = reject("").error?.message
        #expect(message == "请填写不予受理理由 / reason must not be empty")
    }

    @Test func dispatchArguments() {
        let driver = Standard.driver(in: .received)
        #expect(driver.apply(.dispatch(leadOrg: " ", coOrgs: []), by: .dispatcher).error?.invalidField == "leadOrg")
        #expect(driver.apply(.dispatch(leadOrg: Org.lead, coOrgs: [""]), by: .dispatcher).error?.invalidField == "coOrgs")
        #expect(driver.apply(.dispatch(leadOrg: Org.lead, coOrgs: [Org.lead]), by: .dispatcher).error?.invalidField == "coOrgs")
        let order = driver.apply(.dispatch(leadOrg: Org.lead, coOrgs: [Org.other, Org.co, Org.other]), by: .system)
            .transition?.after
        #expect(order?.coOrgs == [Org.co, Org.other].sorted())
        #expect(order?.leadOrg == Org.lead && order?.opinionsFrom == [])
    }

    @Test func opinionsBeforeResolution() {
        var driver = Driver(at: sh("2024-11-04 09:00"))
        driver.run(.dispatch(leadOrg: Org.lead, coOrgs: [Org.co, Org.other]), by: .dispatcher)
        driver.run(.accept, by: .leadHandler)
        driver.run(.start, by: .leadHandler)
        let missing = driver.refuse(.resolve(result: "已办理"), by: .leadHandler)
        #expect(missing?.invalidField == "opinions")
        #expect(missing?.message.contains(Org.co) == true && missing?.message.contains(Org.other) == true)

        // A co-handler speaks only for its own organisation, and only if it is a co-organisation.
        #expect(driver.refuse(.opinion(org: Org.other, text: "意见"), by: .coHandler(Org.co)) == .notYours(action: "opinion"))
        #expect(driver.refuse(.opinion(org: "500000:TAX", text: "意见"), by: .coHandler("500000:TAX")) == .notYours(action: "opinion"))
        #expect(driver.refuse(.opinion(org: Org.co, text: ""), by: .coHandler(Org.co))?.invalidField == "text")

        driver.run(.opinion(org: Org.other, text: "同意"), by: .coHandler(Org.other))
        driver.run(.opinion(org: Org.other, text: "补充意见"), by: .coHandler(Org.other))
        #expect(driver.order.opinionsFrom == [Org.other])
        let stillMissing = driver.refuse(.resolve(result: "已办理"), by: .leadHandler)
        #expect(stillMissing?.message.contains(Org.co) == true && stillMissing?.message.contains(Org.other) == false)
        driver.run(.opinion(org: Org.co, text: "同意"), by: .coHandler(Org.co))
        #expect(driver.order.opinionsFrom == [Org.co, Org.other].sorted())
        driver.run(.resolve(result: "已办理"), by: .leadHandler)
        #expect(driver.order.state == .resolved)
    }

    @Test func merge() {
        let driver = Standard.driver(in: .dispatched)  // id 7
        #expect(driver.apply(.merge(into: 7), by: .dispatcher).error?.invalidField == "intoId")
        #expect(driver.apply(.merge(into: 0), by: .dispatcher).error?.invalidField == "intoId")
        let merged = driver.apply(.merge(into: 3), by: .dispatcher).transition
        #expect(merged?.to == .closed && merged?.after.mergedInto == 3 && merged?.after.closedAt == driver.now)
        #expect(Standard.driver(in: .accepted).apply(.merge(into: 3), by: .dispatcher).error
            == .notAllowed(action: "merge", state: .accepted))

        // What apply cannot see: the earlier order.
        let earlier = Driver(at: sh("2024-11-01 09:00"), id: 3).order
        #expect(WorkOrderRules.checkMergeTarget(earlier, for: driver.order) == nil)
        #expect(WorkOrderRules.checkMergeTarget(driver.order, for: earlier)?.invalidField == "intoId")  // later
        #expect(WorkOrderRules.checkMergeTarget(driver.order, for: driver.order)?.invalidField == "intoId")  // itself
        var finished = earlier
        finished.state = .resolved
        #expect(WorkOrderRules.checkMergeTarget(finished, for: driver.order)?.invalidField == "intoId")
    }

    @Test func withdrawBeforeResolutionOnly() {
        for state in WorkOrderState.allCases {
            let result = Standard.driver(in: state).apply(.withdraw(reason: "已自行解决"), by: .requester)
            if state.isOpen {
                #expect(result.transition?.to == .withdrawn && result.transition?.after.closedAt != nil, "\(state)")
            } else {
                #expect(result.error == .notAllowed(action: "withdraw", state: state), "\(state)")
            }
        }
    }
}

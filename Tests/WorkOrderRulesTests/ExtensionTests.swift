import Testing
import WorkCalendar
import WorkOrderRules

/// 延期: at most 3, of at most 3 working days, asked before the deadline, one at a time.
@Suite struct ExtensionTests {
    @Test func threeApprovedAtMost() {
        var driver = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))  // due Mon 18 Nov
        // 18 → 21 (19, 20, 21) → 26 (22, 25, 26) → 29 (27, 28, 29) Nov.
        for expected in ["2024-11-21", "2024-11-26", "2024-11-29"] {
            driver.run(.requestExtension(workdays: 3, reason: "需实地核查"), by: .leadHandler)
            #expect(driver.order.pendingExtension == 3)
            #expect(driver.order.handlingDeadline != ymd(expected))  // not before approval
            let approved = driver.run(.approveExtension, by: .supervisor)
            #expect(approved?.to == .inProgress)
            #expect(driver.order.handlingDeadline == ymd(expected))
            #expect(driver.order.pendingExtension == nil)
        }
        #expect(driver.order.extensionsApproved == 3)
        #expect(driver.refuse(.requestExtension(workdays: 1, reason: "还需时间"), by: .leadHandler)?.invalidField == "extensions")
    }

    @Test func oneToThreeWorkdays() {
        let driver = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))
        for workdays in [0, -1, 4, 100] {
            #expect(driver.apply(.requestExtension(workdays: workdays, reason: "需要"), by: .leadHandler).error?.invalidField == "workdays")
        }
        for workdays in 1...3 {
            #expect(driver.apply(.requestExtension(workdays: workdays, reason: "需要"), by: .leadHandler).transition != nil)
        }
        #expect(driver.apply(.requestExtension(workdays: 2, reason: ""), by: .leadHandler).error?.invalidField == "reason")
    }

    @Test func refusedAfterTheDeadline() {
        let driver = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))
        let request = Command.requestExtension(workdays: 2, reason: "需要")
        #expect(driver.apply(request, by: .leadHandler, at: endOf("2024-11-18")).transition != nil)
        #expect(driver.apply(request, by: .leadHandler, at: endOf("2024-11-18") + 1).error?.invalidField == "handlingDeadline")
    }

    @Test func pendingBlocksAnotherAndRefusalDoesNotCount() {
        var driver = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))
        driver.run(.requestExtension(workdays: 2, reason: "需要"), by: .leadHandler)
        #expect(driver.refuse(.requestExtension(workdays: 1, reason: "再要"), by: .leadHandler)?.invalidField == "pendingExtension")
        #expect(driver.refuse(.approveExtension, by: .leadHandler) == .notYours(action: "approve-extension"))
        #expect(driver.refuse(.refuseExtension(reason: " "), by: .supervisor)?.invalidField == "reason")
        let refused = driver.run(.refuseExtension(reason: "理由不充分"), by: .supervisor)
        #expect(refused?.note == "理由不充分")
        #expect(driver.order.pendingExtension == nil && driver.order.extensionsApproved == 0)
        #expect(driver.order.handlingDeadline == ymd("2024-11-18"))
        #expect(driver.refuse(.approveExtension, by: .supervisor)?.invalidField == "pendingExtension")
        driver.run(.requestExtension(workdays: 1, reason: "再要"), by: .leadHandler)
        driver.run(.approveExtension, by: .supervisor)
        #expect(driver.order.handlingDeadline == ymd("2024-11-19"))
    }

    /// A request made while handling survives a suspension; its approval moves the frozen
    /// deadline and the working days left with it.
    @Test func approvedWhileSuspended() {
        var driver = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))  // due Mon 18 Nov
        driver.run(.requestExtension(workdays: 3, reason: "需要"), by: .leadHandler, at: sh("2024-11-11 09:00"))
        driver.run(.suspend(reason: "等待材料"), by: .leadHandler, at: sh("2024-11-12 09:00"))
        #expect(driver.order.remainingWorkdays == 4)  // 13, 14, 15, 18
        driver.run(.approveExtension, by: .supervisor, at: sh("2024-11-12 10:00"))
        #expect(driver.order.handlingDeadline == ymd("2024-11-21"))
        #expect(driver.order.remainingWorkdays == 7)
        driver.run(.resume, by: .leadHandler, at: sh("2024-11-20 09:00"))
        #expect(driver.order.handlingDeadline == ymd("2024-11-29"))  // 21, 22, 25, 26, 27, 28, 29
    }

    /// Resolving drops a request nobody answered.
    @Test func resolutionDropsAPendingRequest() {
        var driver = Driver.inProgress(receivedAt: sh("2024-11-04 09:00"))
        driver.run(.requestExtension(workdays: 2, reason: "需要"), by: .leadHandler)
        driver.run(.resolve(result: "已办理"), by: .leadHandler)
        #expect(driver.order.pendingExtension == nil)
        #expect(driver.refuse(.approveExtension, by: .supervisor) == .notAllowed(action: "approve-extension", state: .resolved))
    }
}

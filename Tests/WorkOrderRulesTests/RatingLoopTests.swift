import Testing
import WorkCalendar
import WorkOrderRules

/// 好差评 and the bad-rating loop (差评回访整改).
@Suite struct RatingLoopTests {
    /// rate 2 → callback → rate again (once) → reopen (once) → start → resolve → rate.
    @Test func badRatingLoop() {
        var driver = Standard.driver(in: .resolved)
        driver.run(.rate(score: 2), by: .requester)
        #expect(driver.order.state == .rated && driver.order.isBadlyRated && driver.order.latestRating == 2)

        // The requester rates again only after the handler has called back.
        #expect(driver.refuse(.rate(score: 4), by: .requester)?.invalidField == "callback")
        #expect(driver.refuse(.callback(note: "已回访"), by: .supervisor) == .notYours(action: "callback"))
        let callback = driver.run(.callback(note: "已电话联系诉求人"), by: .leadHandler)
        #expect(callback?.from == .rated && callback?.to == .rated && callback?.note == "已电话联系诉求人")
        #expect(driver.order.callbackAt == driver.now)
        #expect(driver.refuse(.callback(note: "再次回访"), by: .leadHandler)?.invalidField == "callback")

        let rerated = driver.run(.rate(score: 1), by: .requester)
        #expect(rerated?.from == .rated && rerated?.to == .rated)
        #expect(driver.order.ratings == [2, 1] && driver.order.reratingUsed && driver.order.callbackAt == nil)
        driver.run(.callback(note: "就新差评回访"), by: .leadHandler)  // each bad rating is called back
        #expect(driver.refuse(.rate(score: 5), by: .requester)?.invalidField == "ratings")  // once only

        // 重办: a fresh rectification deadline, 15 working days after Wed 6 Nov: 27 Nov.
        #expect(driver.refuse(.reopen(reason: "整改不到位"), by: .leadHandler) == .notYours(action: "reopen"))
        #expect(driver.refuse(.reopen(reason: ""), by: .supervisor)?.invalidField == "reason")
        driver.run(.reopen(reason: "整改不到位"), by: .supervisor, at: sh("2024-11-06 10:00"))
        #expect(driver.order.state == .reopened && driver.order.reopenCount == 1)
        #expect(driver.order.handlingDeadline == ymd("2024-11-27"))
        #expect(driver.order.resolvedAt == nil && driver.order.resolvedOnTime == nil)
        #expect(driver.refuse(.resolve(result: "已整改"), by: .leadHandler) == .notAllowed(action: "resolve", state: .reopened))

        driver.run(.start, by: .leadHandler)
        driver.run(.resolve(result: "已整改"), by: .leadHandler)
        #expect(driver.order.state == .resolved && driver.order.resolvedOnTime == true)
        driver.run(.rate(score: 2), by: .requester)
        #expect(driver.order.ratings == [2, 1, 2])
        #expect(driver.refuse(.reopen(reason: "再次重办"), by: .supervisor)?.invalidField == "reopenCount")
        driver.run(.callback(note: "第三次回访"), by: .leadHandler)
        #expect(driver.refuse(.rate(score: 3), by: .requester)?.invalidField == "ratings")  // the re-rating is used

        driver.run(.close, by: .supervisor)
        #expect(driver.order.state == .closed && driver.order.closedAt == driver.now)
    }

    /// A re-rating of 3 or better ends the loop: no reopen, closed on the system's next run.
    @Test func goodReRating() {
        var driver = Standard.driver(in: .rated)
        driver.run(.callback(note: "已回访"), by: .leadHandler)
        driver.run(.rate(score: 3), by: .requester)
        #expect(!driver.order.isBadlyRated && driver.order.latestRating == 3)
        #expect(driver.refuse(.reopen(reason: "重办"), by: .supervisor)?.invalidField == "ratings")
        #expect(driver.refuse(.callback(note: "回访"), by: .leadHandler)?.invalidField == "ratings")
        #expect(WorkOrderRules.isDueForAutoClose(driver.order, at: driver.now + 1, calendar: calendar))
        driver.run(.autoClose, by: .system, after: 1)
        #expect(driver.order.state == .closed)
    }

    @Test func goodRatingIsFinal() {
        var driver = Standard.driver(in: .resolved)
        driver.run(.rate(score: 5), by: .requester)
        #expect(driver.refuse(.rate(score: 1), by: .requester)?.invalidField == "ratings")
        #expect(driver.refuse(.reopen(reason: "重办"), by: .supervisor)?.invalidField == "ratings")
        #expect(driver.refuse(.callback(note: "回访"), by: .leadHandler)?.invalidField == "ratings")
        driver.run(.close, by: .supervisor)  // a supervisor may close at any time
    }

    @Test func scoresOneToFive() {
        let driver = Standard.driver(in: .resolved)
        for score in [0, 6, -1, 100] {
            #expect(driver.apply(.rate(score: score), by: .requester).error?.invalidField == "score")
        }
        for score in 1...5 {
            let rated = driver.apply(.rate(score: score), by: .requester).transition?.after
            #expect(rated?.ratings == [score] && rated?.isBadlyRated == (score <= 2))
            #expect(rated?.ratedAt == driver.now)
        }
        #expect(driver.apply(.rate(score: 5), by: .leadHandler).error == .notYours(action: "rate"))
    }
}

import Testing

@testable import WeChatMP

@Suite struct ReplayWindowTests {
    let now: Int64 = 1_764_729_600
    let window = ReplayWindow()

    func text(at time: Int64, id: String? = "24689012345678901") -> IncomingMessage {
        IncomingMessage(toUserName: "gh", fromUserName: "oUser", createTime: time, msgID: id, body: .text("hi"))
    }

    @Test func admitsAFreshMessageAndSaysHowLongToKeepItsKey() {
        #expect(
            window.admit(text(at: now - 10), now: now, seenBefore: false)
                == .fresh(store: ReplayKey("msg:24689012345678901"), until: now - 10 + 300))
    }

    @Test func refusesAMessageSeenBefore() {
        let message = text(at: now)
        #expect(window.admit(message, now: now, seenBefore: true) == .refused(.duplicateMessage(message.replayKey)))
    }

    @Test func refusesAMessageOlderThanTheWindow() {
        #expect(window.admit(text(at: now - 300), now: now, seenBefore: false) != .refused(.staleTimestamp(age: 300)))
        #expect(window.admit(text(at: now - 301), now: now, seenBefore: false) == .refused(.staleTimestamp(age: 301)))
    }

    @Test func refusesATimestampTooFarAhead() {
        #expect(throws: Never.self) { try window.check(timestamp: now + 60, now: now) }
        #expect(throws: WeChatError.futureTimestamp(ahead: 61)) { try window.check(timestamp: now + 61, now: now) }
    }

    @Test func theWindowIsConfigurable() {
        let strict = ReplayWindow(maxAge: 30, allowedSkew: 0)
        #expect(throws: WeChatError.staleTimestamp(age: 31)) { try strict.check(timestamp: now - 31, now: now) }
        #expect(throws: WeChatError.futureTimestamp(ahead: 1)) { try strict.check(timestamp: now + 1, now: now) }
    }

    @Test func checksTheQueryStringTimestampText() {
        #expect(throws: Never.self) { try window.check(timestamp: String(now), now: now) }
        for bad in ["", "-1", "12ab", "１２３", "99999999999999999999"] {
            #expect(throws: WeChatError.invalidTimestamp(bad)) { try window.check(timestamp: bad, now: now) }
        }
    }

    @Test func keysEventsBySenderAndTimeAsWeChatAdvises() {
        let event = IncomingMessage(toUserName: "gh", fromUserName: "oUser", createTime: now, msgID: nil, body: .subscribe(scene: nil))
        #expect(event.replayKey == ReplayKey("evt:oUser:\(now)"))
    }
}

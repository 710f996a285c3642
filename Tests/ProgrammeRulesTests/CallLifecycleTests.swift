import Testing
import WorkCalendar
@testable import ProgrammeRules

/// 申报通知: a line of seven states; every other move is refused.
@Suite struct CallLifecycleTests {
    /// The only legal move per state, by hand (not read from the library's table).
    static let legal: [CallState: (CallAction, CallState)] = [
        .draft: (.publish, .open), .open: (.close, .closed), .closed: (.startReview, .inReview),
        .inReview: (.rank, .ranked), .ranked: (.startNotice, .inNotice), .inNotice: (.finalise, .final),
    ]

    /// A date that satisfies the action's condition, so only the table can refuse.
    static func goodDate(for action: CallAction) -> LocalDate {
        switch action {
        case .publish: ymd("2026-02-20")
        case .close: ymd("2026-04-01")
        case .startReview: ymd("2026-04-20")
        case .rank: ymd("2026-05-20")
        case .startNotice: ymd("2026-06-01")
        case .finalise: ymd("2026-06-30")
        }
    }

    @Test(arguments: CallState.allCases)
    func onlyTheLegalMoveIsAccepted(state: CallState) {
        var call = sampleCall(state)
        call.noticeStartedOn = ymd("2026-06-01")
        for action in CallAction.allCases {
            let result = CallRules.apply(action, to: call, on: Self.goodDate(for: action), calendar: calendar)
            if let (legalAction, next) = Self.legal[state], legalAction == action {
                #expect(result.success?.state == next, "\(state) \(action)")
            } else {
                let refusal = ProgrammeError.notAllowed(subject: "call", action: action.rawValue, state: state.rawValue)
                #expect(result.failure == refusal, "\(state) \(action)")
                #expect(result.failure?.httpStatus == 409)
            }
        }
    }

    @Test func walksTheWholeLine() {
        var call = sampleCall()
        for (action, date) in [(CallAction.publish, "2026-02-20"), (.close, "2026-04-01"), (.startReview, "2026-04-20"),
                               (.rank, "2026-05-25"), (.startNotice, "2026-06-01"), (.finalise, "2026-06-09")] {
            guard let next = CallRules.apply(action, to: call, on: ymd(date), calendar: calendar).success else {
                Issue.record("\(action) refused")
                return
            }
            call = next
        }
        #expect(call.state == .final)
        #expect(call.noticeStartedOn == ymd("2026-06-01"))
    }

    @Test func publishNeedsAValidConfiguration() {
        var call = sampleCall()
        call.specials[.youngTopTalent]?.quota = -1
        let error = CallRules.apply(.publish, to: call, on: ymd("2026-02-20"), calendar: calendar).failure
        #expect(error?.invalidField == "young_top_talent.quota")
        #expect(error?.message.contains("青年拔尖人才") == true)
        call = sampleCall()
        call.dates.review = ymd("2026-03-15")
        #expect(CallRules.apply(.publish, to: call, on: ymd("2026-02-20"), calendar: calendar).failure?.invalidField == "dates")
        call = sampleCall()
        call.specials = [:]
        #expect(CallRules.apply(.publish, to: call, on: ymd("2026-02-20"), calendar: calendar).failure?.invalidField == "specials")
        #expect(CallRules.apply(.publish, to: sampleCall(), on: ymd("2026-04-01"), calendar: calendar).failure?.invalidField == "date")
    }

    /// Applicants have the whole close day: the call closes from the next day on.
    @Test func closesOnlyAfterTheCloseDay() {
        let call = sampleCall(.open)
        #expect(CallRules.apply(.close, to: call, on: ymd("2026-03-31"), calendar: calendar).failure?.invalidField == "date")
        #expect(CallRules.apply(.close, to: call, on: ymd("2026-04-01"), calendar: calendar).success?.state == .closed)
    }

    @Test func reviewAndNoticeWaitForTheirDates() {
        #expect(CallRules.apply(.startReview, to: sampleCall(.closed), on: ymd("2026-04-19"), calendar: calendar).failure != nil)
        #expect(CallRules.apply(.startNotice, to: sampleCall(.ranked), on: ymd("2026-05-31"), calendar: calendar).failure != nil)
    }

    /// Notice started Mon 1 Jun 2026: 2, 3, 4, 5, 8 June; final from 9 June.
    @Test func finalOnlyAfterTheNotice() {
        var call = sampleCall(.inNotice)
        #expect(CallRules.apply(.finalise, to: call, on: ymd("2026-06-09"), calendar: calendar).failure?.invalidField == "noticeStartedOn")
        call.noticeStartedOn = ymd("2026-06-01")
        #expect(CallRules.apply(.finalise, to: call, on: ymd("2026-06-08"), calendar: calendar).failure?.invalidField == "date")
        #expect(CallRules.apply(.finalise, to: call, on: ymd("2026-06-09"), calendar: calendar).success?.state == .final)
    }

    @Test func messagesAreBilingual() {
        let error = CallRules.apply(.publish, to: sampleCall(.closed), on: ymd("2026-02-20"), calendar: calendar).failure
        #expect(error?.message == "已截止的申报通知不能发布 / cannot publish a call in state closed")
    }
}

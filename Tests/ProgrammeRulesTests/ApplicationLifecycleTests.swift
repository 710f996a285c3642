import Testing
import WorkCalendar
@testable import ProgrammeRules

/// 申报: recommendation, formal check, return for correction, withdrawal, selection.
@Suite struct ApplicationLifecycleTests {
    static let everyone = ApplicationActor(.applicant, .districtOffice, .cityOffice)
    static let closeDay = ymd("2026-03-31")

    static let actions: [ApplicationAction] = [
        .recommend, .decline(reason: "材料不全"), .passFormalCheck, .returnForCorrection(reason: "缺少推荐表"),
        .failFormalCheck(reason: "不符合申报条件"), .resubmit, .withdraw(reason: "个人原因"), .select, .notSelect,
    ]

    /// Hand-written: where each action leads from each state, nil = refused by the table.
    static let expected: [ApplicationState: [String: ApplicationState]] = [
        .submitted: ["recommend": .recommended, "decline": .rejected, "withdraw": .withdrawn],
        .returned: ["resubmit": .submitted, "withdraw": .withdrawn],
        .recommended: ["pass-formal-check": .inReview, "return": .returned, "fail-formal-check": .rejected, "withdraw": .withdrawn],
        .inReview: ["withdraw": .withdrawn, "select": .selected, "not-select": .notSelected],
        .rejected: [:], .withdrawn: [:], .selected: [:], .notSelected: [:],
    ]

    static func apply(
        _ action: ApplicationAction, _ state: ApplicationState, by actor: ApplicationActor = everyone,
        on date: LocalDate = closeDay, call: Call = sampleCall(.ranked)
    ) -> Result<ApplicationTransition, ProgrammeError> {
        ApplicationRules.apply(action, to: Application(id: 7, special: .youngTopTalent, state: state), by: actor, on: date, call: call)
    }

    @Test(arguments: ApplicationState.allCases)
    func theTableIsExactlyTheRules(state: ApplicationState) {
        for action in Self.actions {
            let result = Self.apply(action, state)
            if let next = Self.expected[state]?[action.name] {
                #expect(result.success?.to == next, "\(state) \(action.name)")
                #expect(result.success?.after.state == next)
            } else {
                #expect(result.failure == .notAllowed(subject: "application", action: action.name, state: state.rawValue),
                        "\(state) \(action.name)")
            }
        }
    }

    @Test func finalStatesAreFinal() {
        for state in ApplicationState.allCases {
            #expect(state.isFinal == (Self.expected[state]?.isEmpty ?? false))
        }
    }

    /// Each action needs its own capacity: applicant, district office or city office.
    @Test func capacitiesAreChecked() {
        let cases: [(ApplicationAction, ApplicationState, ApplicationCapacity)] = [
            (.recommend, .submitted, .districtOffice), (.decline(reason: "x"), .submitted, .districtOffice),
            (.passFormalCheck, .recommended, .cityOffice), (.returnForCorrection(reason: "x"), .recommended, .cityOffice),
            (.failFormalCheck(reason: "x"), .recommended, .cityOffice), (.resubmit, .returned, .applicant),
            (.withdraw(reason: "x"), .inReview, .applicant), (.select, .inReview, .cityOffice), (.notSelect, .inReview, .cityOffice),
        ]
        for (action, state, needed) in cases {
            for capacity in [ApplicationCapacity.applicant, .districtOffice, .cityOffice] {
                let result = Self.apply(action, state, by: ApplicationActor(capacity))
                if capacity == needed {
                    #expect(result.success != nil, "\(action.name) by \(capacity)")
                } else {
                    #expect(result.failure == .notYours(action: action.name), "\(action.name) by \(capacity)")
                    #expect(result.failure?.httpStatus == 403)
                }
            }
            #expect(Self.apply(action, state, by: ApplicationActor([])).failure == .notYours(action: action.name))
        }
    }

    @Test func reasonsAreRequired() {
        for action in [ApplicationAction.decline(reason: " "), .returnForCorrection(reason: "\u{3000}\n"),
                       .failFormalCheck(reason: ""), .withdraw(reason: "  ")] {
            let state: ApplicationState = action.name == "decline" || action.name == "withdraw" ? .submitted : .recommended
            #expect(Self.apply(action, state).failure?.invalidField == "reason", "\(action.name)")
        }
        let long = String(repeating: "长", count: 501)
        #expect(Self.apply(.decline(reason: long), .submitted).failure?.invalidField == "reason")
    }

    /// Resubmission, withdrawal and return happen on or before the close day only.
    @Test func beforeTheCloseRule() {
        let after = ymd("2026-04-01")
        #expect(Self.apply(.resubmit, .returned, on: Self.closeDay).success?.to == .submitted)
        #expect(Self.apply(.resubmit, .returned, on: after).failure?.invalidField == "date")
        for state in [ApplicationState.submitted, .returned, .recommended, .inReview] {
            #expect(Self.apply(.withdraw(reason: "x"), state, on: Self.closeDay).success?.to == .withdrawn)
            #expect(Self.apply(.withdraw(reason: "x"), state, on: after).failure?.invalidField == "date")
        }
        #expect(Self.apply(.returnForCorrection(reason: "缺表"), .recommended, on: after).failure?.invalidField == "date")
        // Recommendation, formal check and selection are not bound to the close.
        #expect(Self.apply(.recommend, .submitted, on: after).success != nil)
        #expect(Self.apply(.passFormalCheck, .recommended, on: after).success != nil)
    }

    @Test func selectionWaitsForTheRanking() {
        for state in CallState.allCases where state != .ranked {
            #expect(Self.apply(.select, .inReview, call: sampleCall(state)).failure?.invalidField == "call")
            #expect(Self.apply(.notSelect, .inReview, call: sampleCall(state)).failure?.invalidField == "call")
        }
    }

    @Test func returnAndResubmitRoundTrip() {
        let call = sampleCall(.open)
        var application = Application(id: 1, special: .innovationLeader)
        let steps: [(ApplicationAction, ApplicationActor)] = [
            (.recommend, .districtOffice), (.returnForCorrection(reason: " 缺少单位推荐意见 "), .cityOffice), (.resubmit, .applicant),
            (.recommend, .districtOffice), (.passFormalCheck, .cityOffice),
        ]
        for (action, actor) in steps {
            guard let next = ApplicationRules.apply(action, to: application, by: actor, on: ymd("2026-03-20"), call: call).success else {
                Issue.record("\(action.name) refused")
                return
            }
            application = next.after
        }
        #expect(application.state == .inReview)
        #expect(application.returnCount == 1)
        #expect(application.returnReason == "缺少单位推荐意见")
    }

    @Test func submissionNeedsAnOpenCallRunningTheSpecial() {
        let open = sampleCall(.open)
        #expect(ApplicationRules.checkSubmission(of: .youngTopTalent, to: open, on: ymd("2026-03-01")).success?.state == .submitted)
        #expect(ApplicationRules.checkSubmission(of: .youngTopTalent, to: open, on: ymd("2026-03-31")).success != nil)
        #expect(ApplicationRules.checkSubmission(of: .youngTopTalent, to: open, on: ymd("2026-04-01")).failure?.invalidField == "date")
        #expect(ApplicationRules.checkSubmission(of: .youngTopTalent, to: open, on: ymd("2026-02-28")).failure?.invalidField == "date")
        #expect(ApplicationRules.checkSubmission(of: .masterTeacher, to: open, on: ymd("2026-03-10")).failure?.invalidField == "special")
        let closed = ApplicationRules.checkSubmission(of: .youngTopTalent, to: sampleCall(.closed), on: ymd("2026-03-10"))
        #expect(closed.failure?.httpStatus == 409)
    }

    @Test func specialsHaveStableCodes() {
        #expect(Special.allCases.map(\.rawValue) == [
            "outstanding_scientist", "master_teacher", "innovation_leader", "skills_leader", "young_top_talent", "demonstration_team",
        ])
        #expect(Special.allCases.filter(\.isTeam) == [.demonstrationTeam])
        #expect(Special.innovationLeader.chinese == "创新创业领军人才")
        #expect(Set(Special.allCases.map(\.english)).count == 6)
    }
}

import Testing
import WorkCalendar
import WorkOrderRules

let calendar = WorkCalendar.official

let second: Int64 = 1_000
let minute: Int64 = 60_000
let hour: Int64 = 3_600_000
let day: Int64 = 86_400_000

func ymd(_ text: String) -> LocalDate {
    guard let date = LocalDate(text) else { fatalError("bad date \(text)") }
    return date
}

/// Shanghai wall-clock time "YYYY-MM-DD HH:MM" as Unix ms.
func sh(_ text: String) -> Int64 {
    let parts = text.split(separator: " ")
    let clock = parts[1].split(separator: ":").map { Int64($0)! }
    return ymd(String(parts[0])).shanghaiStartMillis + clock[0] * hour + clock[1] * minute
}

/// 24:00 Shanghai of `date`, i.e. the deadline instant.
func endOf(_ date: String) -> Int64 { calendar.deadlineMillis(of: ymd(date)) }

enum Org {
    static let lead = "500112:HRSS"
    static let co = "500112:PSB"
    static let other = "500000:EDU"
}

/// Every single-capacity actor the tests use, with a readable name for failure messages.
let singleActors: [(name: String, actor: Actor)] = [
    ("requester", .requester), ("dispatcher", .dispatcher), ("leadHandler", .leadHandler),
    ("coHandler(co)", .coHandler(Org.co)), ("coHandler(other)", .coHandler(Org.other)),
    ("supervisor", .supervisor), ("system", .system),
]

/// Someone who holds every capacity relevant to the standard order.
let everyone = Actor(.requester, .dispatcher, .leadHandler, .coHandler(org: Org.co), .supervisor, .system)

/// One valid command per action name (arguments differ from the library's own placeholders).
func sampleCommand(_ name: String) -> Command {
    switch name {
    case "dispatch": .dispatch(leadOrg: Org.lead, coOrgs: [Org.co])
    case "accept": .accept
    case "return": .returnOrder(reason: "不属于本单位职责")
    case "start": .start
    case "opinion": .opinion(org: Org.co, text: "同意主办单位意见")
    case "suspend": .suspend(reason: "等待申请人补正材料")
    case "resume": .resume
    case "resolve": .resolve(result: "已按政策办理")
    case "rate": .rate(score: 4)
    case "reopen": .reopen(reason: "整改不到位")
    case "close": .close
    case "urge": .urge(note: "请加快办理")
    case "reject": .reject(reason: "不属于受理范围")
    case "withdraw": .withdraw(reason: "问题已自行解决")
    case "supplement": .supplement(text: "补充：社保缴纳地在渝北区")
    case "request-extension": .requestExtension(workdays: 3, reason: "需实地核查")
    case "approve-extension": .approveExtension
    case "refuse-extension": .refuseExtension(reason: "理由不充分")
    case "callback": .callback(note: "已电话回访诉求人")
    case "merge": .merge(into: 4242)
    case "auto-close": .autoClose
    case "escalate": .escalate
    default: fatalError("unknown action \(name)")
    }
}

/// The field of an `.invalid` error, else nil.
extension RuleError {
    var invalidField: String? {
        if case .invalid(let field, _) = self { return field }
        return nil
    }
}

extension Result where Success == Transition, Failure == RuleError {
    var transition: Transition? { try? get() }
    var error: RuleError? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// An order driven through real transitions, with its own clock.
struct Driver {
    var order: WorkOrder
    var now: Int64

    init(category: WorkOrderCategory = .complaint, urgent: Bool = false, promised: Int? = nil, at start: Int64, id: Int64 = 7) {
        self.order = WorkOrder.receive(id: id, category: category, urgent: urgent, promisedWorkdays: promised,
                                       at: start, calendar: calendar).0
        self.now = start
    }

    /// Applies `command` `after` the previous step (or `at` an instant) and expects success.
    @discardableResult
    mutating func run(_ command: Command, by actor: Actor, after delay: Int64 = 10 * minute, at instant: Int64? = nil,
                      sourceLocation: SourceLocation = #_sourceLocation) -> Transition? {
        now = instant ?? now + delay
        switch WorkOrderRules.apply(command, to: order, by: actor, at: now, calendar: calendar) {
        case .success(let transition):
            order = transition.after
            return transition
        case .failure(let error):
            Issue.record("\(command.name) from \(order.state) refused: \(error.message)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Applies `command` expecting a refusal; the order must not change.
    @discardableResult
    mutating func refuse(_ command: Command, by actor: Actor, after delay: Int64 = 10 * minute, at instant: Int64? = nil,
                         sourceLocation: SourceLocation = #_sourceLocation) -> RuleError? {
        now = instant ?? now + delay
        switch WorkOrderRules.apply(command, to: order, by: actor, at: now, calendar: calendar) {
        case .success(let transition):
            Issue.record("\(command.name) from \(transition.from) unexpectedly accepted", sourceLocation: sourceLocation)
            return nil
        case .failure(let error):
            return error
        }
    }

    func apply(_ command: Command, by actor: Actor, at instant: Int64? = nil) -> Result<Transition, RuleError> {
        WorkOrderRules.apply(command, to: order, by: actor, at: instant ?? now, calendar: calendar)
    }

    var warning: Warning { WorkOrderRules.warning(order, at: now, calendar: calendar) }
}

/// Standard orders in every state, reached by real transitions: a complaint received Monday
/// 2024-11-04 09:00 Shanghai (deadline Monday 2024-11-18), lead `Org.lead`, co-organisation
/// `Org.co`; each step 10 minutes after the previous one. `rated` carries a bad rating (2) with
/// no callback yet.
enum Standard {
    static let receivedAt = sh("2024-11-04 09:00")
    static let deadline = "2024-11-18"

    static func driver(in state: WorkOrderState) -> Driver {
        var d = Driver(at: receivedAt)
        func dispatched() { d.run(.dispatch(leadOrg: Org.lead, coOrgs: [Org.co]), by: .dispatcher) }
        func inProgress() {
            dispatched()
            d.run(.opinion(org: Org.co, text: "协办意见"), by: .coHandler(Org.co))
            d.run(.accept, by: .leadHandler)
            d.run(.start, by: .leadHandler)
        }
        func rated() {
            inProgress()
            d.run(.resolve(result: "已办理"), by: .leadHandler)
            d.run(.rate(score: 2), by: .requester)
        }
        switch state {
        case .received: break
        case .dispatched: dispatched()
        case .returned: dispatched(); d.run(.returnOrder(reason: "非本单位职责"), by: .leadHandler)
        case .accepted:
            dispatched()
            d.run(.opinion(org: Org.co, text: "协办意见"), by: .coHandler(Org.co))
            d.run(.accept, by: .leadHandler)
        case .inProgress: inProgress()
        case .suspended: inProgress(); d.run(.suspend(reason: "等待补正材料"), by: .leadHandler)
        case .resolved: inProgress(); d.run(.resolve(result: "已办理"), by: .leadHandler)
        case .rated: rated()
        case .reopened: rated(); d.run(.reopen(reason: "整改不到位"), by: .supervisor)
        case .closed: rated(); d.run(.close, by: .supervisor)
        case .rejected: d.run(.reject(reason: "不属于受理范围"), by: .dispatcher)
        case .withdrawn: d.run(.withdraw(reason: "已自行解决"), by: .requester)
        }
        #expect(d.order.state == state, "standard order should be \(state)")
        d.now += 10 * minute
        return d
    }
}

extension Driver {
    /// An order received at `receivedAt`, dispatched, accepted and started within the hour
    /// (no co-organisations).
    static func inProgress(_ category: WorkOrderCategory = .complaint, urgent: Bool = false, receivedAt: Int64) -> Driver {
        var driver = Driver(category: category, urgent: urgent, at: receivedAt)
        driver.run(.dispatch(leadOrg: Org.lead, coOrgs: []), by: .dispatcher)
        driver.run(.accept, by: .leadHandler)
        driver.run(.start, by: .leadHandler)
        return driver
    }
}

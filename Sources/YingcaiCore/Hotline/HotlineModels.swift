import Foundation
import Organisations
import WorkCalendar

/// A hotline number and the organisation whose dispatchers answer it (12345 政务服务便民热线,
/// 12351 职工服务热线).
public struct HotlineLine: Sendable, Equatable, Codable {
    public let code: String
    public let name: String
    public let nameEn: String
    public let orgCode: String

    public init(code: String, name: String, nameEn: String, orgCode: String) {
        self.code = code; self.name = name; self.nameEn = nameEn; self.orgCode = orgCode
    }

    /// The lines a new installation starts with; both answered at the city's hotline desk.
    public static let standard = [
        HotlineLine(code: "12345", name: "12345 政务服务便民热线", nameEn: "12345 government service hotline", orgCode: "500000:HOTLINE"),
        HotlineLine(code: "12351", name: "12351 职工服务热线", nameEn: "12351 trade unions' hotline", orgCode: "500000:HOTLINE"),
    ]
}

/// How a call ended (来电结果). `open` while the dispatcher is still on it.
public enum CallOutcome: String, Sendable, CaseIterable, Codable {
    /// 知识库解答: answered on the phone, from the knowledge base or not
    case answered
    /// 转工单: a work order was filed from it
    case order
    /// 转接: put through to another line or office
    case transferred
    /// 中断: the caller hung up or the line dropped
    case dropped
    case open

    public var chinese: String {
        switch self {
        case .answered: "当场解答"
        case .order: "转工单"
        case .transferred: "转接"
        case .dropped: "中断"
        case .open: "通话中"
        }
    }
}

/// One call as the desk logged it. The caller's number is kept sealed; answers show it masked.
public struct HotlineCall: Sendable {
    public struct ArticleUse: Sendable, Equatable {
        public let articleId: Int64
        public let version: Int
        public let title: String
        public let at: Int64
    }

    public let id: Int64
    public let line: String
    public let districtCode: String
    public let callerPhoneMasked: String?
    public let talentId: Int64?
    public let startedAt: Int64
    public let durationSeconds: Int?
    public let dispatcherId: Int64
    public let dispatcherName: String
    public let question: String
    public let outcome: CallOutcome
    public let orderId: Int64?
    public let orderNumber: String?
    public let transferredTo: String?
    public let note: String?
    public let closedAt: Int64?
    public var articles: [ArticleUse]
}

/// A call as the dispatcher records it when it comes in.
public struct NewCall: Sendable, Codable {
    public var line: String?
    public var callerPhone: String?
    public var districtCode: String?
    public var question: String?
    /// When the call began (ms); now when absent.
    public var startedAt: Int64?

    public init(line: String? = nil, callerPhone: String? = nil, districtCode: String? = nil, question: String? = nil, startedAt: Int64? = nil) {
        self.line = line; self.callerPhone = callerPhone; self.districtCode = districtCode; self.question = question; self.startedAt = startedAt
    }
}

/// How the dispatcher closes a call that did not become an order.
public struct CallClosing: Sendable, Codable {
    public var outcome: String?
    public var durationSeconds: Int?
    public var transferredTo: String?
    public var note: String?
    public var question: String?

    public init(outcome: String? = nil, durationSeconds: Int? = nil, transferredTo: String? = nil, note: String? = nil, question: String? = nil) {
        self.outcome = outcome; self.durationSeconds = durationSeconds; self.transferredTo = transferredTo; self.note = note; self.question = question
    }
}

/// Which calls a list or the figures cover.
public struct CallFilter: Sendable {
    public var line: String?
    public var dispatcherId: Int64?
    public var outcome: CallOutcome?
    public var from: LocalDate?
    public var to: LocalDate?

    public init(line: String? = nil, dispatcherId: Int64? = nil, outcome: CallOutcome? = nil, from: LocalDate? = nil, to: LocalDate? = nil) {
        self.line = line; self.dispatcherId = dispatcherId; self.outcome = outcome; self.from = from; self.to = to
    }
}

/// The desk's figures for a period: calls by outcome, orders per call, and first-call resolution
/// (一次办结率): of the calls that reached the caller's matter (answered, order, transferred), the
/// share answered on the phone. Open and dropped calls count as calls but not in that share.
public struct CallFigures: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var calls = 0
        public var answered = 0
        public var orders = 0
        public var transferred = 0
        public var dropped = 0
        public var open = 0
        public var answeredFromKnowledgeBase = 0

        public var ordersPerCall: Double { calls == 0 ? 0 : Double(orders) / Double(calls) }
        public var firstCallResolution: Double {
            let reached = answered + orders + transferred
            return reached == 0 ? 0 : Double(answered) / Double(reached)
        }

        mutating func add(_ outcome: CallOutcome, calls n: Int, fromKnowledgeBase: Int) {
            calls += n
            switch outcome {
            case .answered: answered += n; answeredFromKnowledgeBase += fromKnowledgeBase
            case .order: orders += n
            case .transferred: transferred += n
            case .dropped: dropped += n
            case .open: open += n
            }
        }
    }

    public let from: LocalDate
    public let to: LocalDate
    public var total = Counts()
    public var byLine: [String: Counts] = [:]
    public var byDispatcher: [String: Counts] = [:]
    /// Orders filed in the period per line (from the orders, which carry their line).
    public var ordersByLine: [String: Int] = [:]
}

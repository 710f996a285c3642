/// What can go wrong while evaluating a well-typed policy. These are results, never traps:
/// a policy that divides by zero for one talent must not stop the run for the other million.
public struct EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case divisionByZero
        case overflow
        case dateOutOfRange
        /// The amount depends on a value that is not recorded for this talent.
        case amountNotRecorded
        case negativeAmount(Int)
    }

    public var kind: Kind
    /// The operator (or amount expression) where it happened.
    public var position: SourcePosition

    public init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        self.position = position
    }

    public var message: Bilingual {
        let what: Bilingual
        switch kind {
        case .divisionByZero: what = Bilingual("除数为零", "division by zero")
        case .overflow: what = Bilingual("整数溢出", "integer overflow")
        case .dateOutOfRange: what = Bilingual("日期超出 0001-01-01 至 9999-12-31 的范围", "date outside 0001-01-01 to 9999-12-31")
        case .amountNotRecorded: what = Bilingual("金额依赖未记录的信息，无法计算", "the amount depends on a value that is not recorded")
        case .negativeAmount(let amount): what = Bilingual("金额为负数（\(amount)）", "the amount is negative (\(amount))")
        }
        return Bilingual("\(position.chinese)：\(what.chinese)", "\(position.english): \(what.english)")
    }

    public var description: String { message.description }
}

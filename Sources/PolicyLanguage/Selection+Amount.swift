extension Selection {
    @inline(__always)
    static func decision(_ value: Int, at position: SourcePosition) -> Decision {
        value < 0 ? .failed(EvaluationError(.negativeAmount(value), at: position)) : .eligible(amount: value)
    }

    static func finish(_ values: Values, at position: SourcePosition) -> Finish {
        Finish(levels: 1 + values.depth) { base, day, selection, count, dense, decisions, scratch in
            let amounts = scratch.assumingMemoryBound(to: Int.self)
            let recorded = (scratch + blockSize * 8).assumingMemoryBound(to: UInt8.self)
            values.run(base, day, selection, count, dense, amounts, recorded, scratch + levelBytes)
            for j in 0..<count {
                (decisions + talent(selection, j, dense)).initialize(
                    to: recorded[j] != 0 ? decision(amounts[j], at: position)
                                         : .failed(EvaluationError(.amountNotRecorded, at: position)))
            }
        }
    }

    /// Any other amount: its compiled closure per talent.
    static func finish(_ amount: @escaping IntCode, at position: SourcePosition) -> Finish {
        Finish { base, day, selection, count, dense, decisions, _ in
            for j in 0..<count {
                let i = talent(selection, j, dense)
                let decision: Decision
                do throws(EvaluationError) {
                    if let value = try amount(base + i, day) {
                        decision = Selection.decision(value, at: position)
                    } else {
                        decision = .failed(EvaluationError(.amountNotRecorded, at: position))
                    }
                } catch {
                    decision = .failed(error)
                }
                (decisions + i).initialize(to: decision)
            }
        }
    }
}

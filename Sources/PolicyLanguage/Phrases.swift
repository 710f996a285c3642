/// Plain-word renderings of single conditions: comparisons, `in`, `is none`, `any(…)`.
/// A requirement that failed reads "年龄须小于 45（当前 47）/ age must be under 45 (is 47)";
/// one that held reads "年龄为 30，小于 45 / age is 30, under 45".
struct Phrases {
    let explainer: Explainer

    func leaf(_ e: Expression, negated: Bool, holds: Bool) -> Bilingual {
        switch e.kind {
        case .comparison(let op, let left, let right):
            return comparison(negated ? op.complement : op, left, right, holds: holds)
        case .membership(let element, let list, let isNegated):
            return membership(element, list, negated: isNegated != negated, holds: holds)
        case .noneTest(let operand, let isNegated):
            return noneTest(operand, mustBeMissing: isNegated == negated, holds: holds)
        case .call(.any, let arguments) where arguments.count == 2:
            return overlap(arguments[0], arguments[1], negated: negated, holds: holds)
        case .boolean(let b):
            return b != negated ? Bilingual("恒成立", "always holds") : Bilingual("条件恒不成立", "the condition never holds")
        default:
            let shown = Printer.source(of: negated ? Expression(.not(e)) : e)
            return holds ? Bilingual("满足：\(shown)", "holds: \(shown)") : Bilingual("须满足：\(shown)", "must hold: \(shown)")
        }
    }

    // MARK: Naming

    /// An attribute by its label, anything else by its source text.
    private func name(_ e: Expression) -> Bilingual {
        if case .attribute(let a) = e.kind { return a.label }
        // Source text is quoted in Chinese so it does not run into the words around it.
        let shown = Printer.source(of: e)
        return Bilingual("「\(shown)」", shown)
    }

    /// A literal by its value; anything else by name with its current value.
    private func quote(_ e: Expression) -> Bilingual {
        let v = explainer.value(e)
        if e.isLiteral || { if case .list = e.kind { return true } else { return false } }() { return v.shown }
        let n = name(e)
        return Bilingual("\(n.chinese)（\(v.shown.chinese)）", "\(n.english) (\(v.shown.english))")
    }

    private func notRecorded(_ e: Expression) -> Bilingual {
        let n = name(e)
        return Bilingual("缺少\(n.chinese)（未记录）", "\(n.english) is not recorded")
    }

    // MARK: Comparisons

    private struct Words {
        let chinese: String
        let english: String
    }

    private func words(_ op: ComparisonOperator, dates: Bool) -> Words {
        switch (op, dates) {
        case (.less, false): return Words(chinese: "小于", english: "under")
        case (.lessOrEqual, false): return Words(chinese: "不超过", english: "at most")
        case (.greater, false): return Words(chinese: "大于", english: "over")
        case (.greaterOrEqual, false): return Words(chinese: "不小于", english: "at least")
        case (.less, true): return Words(chinese: "早于", english: "before")
        case (.lessOrEqual, true): return Words(chinese: "不晚于", english: "on or before")
        case (.greater, true): return Words(chinese: "晚于", english: "after")
        case (.greaterOrEqual, true): return Words(chinese: "不早于", english: "on or after")
        case (.equal, _): return Words(chinese: "为", english: "")
        case (.notEqual, _): return Words(chinese: "不为", english: "not")
        }
    }

    private func comparison(_ givenOp: ComparisonOperator, _ givenLeft: Expression, _ givenRight: Expression, holds: Bool) -> Bilingual {
        var (op, left, right) = (givenOp, givenLeft, givenRight)
        // "45 > age" reads better as "age < 45".
        if left.isLiteral, !right.isLiteral { (op, left, right) = (op.mirrored, right, left) }
        let l = explainer.value(left)
        let r = explainer.value(right)
        let n = name(left)
        let target = quote(right)
        let current = l.shown
        if l.isMissing || r.isMissing {
            if holds { return Bilingual("\(n.chinese)未记录", "\(n.english) is not recorded") }
            return notRecorded(l.isMissing ? left : right)
        }
        let dates: Bool
        if case .date = l { dates = true } else { dates = false }
        let w = words(op, dates: dates)
        switch (op, holds) {
        case (.equal, false):
            return Bilingual("\(n.chinese)须为 \(target.chinese)（当前 \(current.chinese)）",
                             "\(n.english) must be \(target.english) (is \(current.english))")
        case (.equal, true):
            return Bilingual("\(n.chinese)为 \(target.chinese)", "\(n.english) is \(target.english)")
        case (.notEqual, false):
            return Bilingual("\(n.chinese)不得为 \(target.chinese)", "\(n.english) must not be \(target.english)")
        case (.notEqual, true):
            return Bilingual("\(n.chinese)为 \(current.chinese)，不是 \(target.chinese)",
                             "\(n.english) is \(current.english), not \(target.english)")
        case (_, false):
            return Bilingual("\(n.chinese)须\(w.chinese) \(target.chinese)（当前 \(current.chinese)）",
                             "\(n.english) must be \(w.english) \(target.english) (is \(current.english))")
        case (_, true):
            return Bilingual("\(n.chinese)为 \(current.chinese)，\(w.chinese) \(target.chinese)",
                             "\(n.english) is \(current.english), \(w.english) \(target.english)")
        }
    }

    // MARK: Lists

    private func isListAttribute(_ e: Expression) -> Bool {
        if case .attribute(let a) = e.kind { return a.type.isList }
        return false
    }

    private func membership(_ element: Expression, _ list: Expression, negated: Bool, holds: Bool) -> Bilingual {
        let x = explainer.value(element)
        if x.isMissing {
            return holds ? Bilingual("\(name(element).chinese)未记录", "\(name(element).english) is not recorded")
                         : notRecorded(element)
        }
        if isListAttribute(list) {
            // "青年拔尖人才" in categories: speak about the list.
            let owner = name(list)
            let item = quote(element)
            let has = explainer.value(list).shown
            switch (negated, holds) {
            case (false, false):
                return Bilingual("\(owner.chinese)须包含 \(item.chinese)（当前 \(has.chinese)）",
                                 "\(owner.english) must include \(item.english) (has: \(has.english))")
            case (false, true):
                return Bilingual("\(owner.chinese)包含 \(item.chinese)", "\(owner.english) include \(item.english)")
            case (true, false):
                return Bilingual("\(owner.chinese)不得包含 \(item.chinese)", "\(owner.english) must not include \(item.english)")
            case (true, true):
                return Bilingual("\(owner.chinese)不包含 \(item.chinese)（当前 \(has.chinese)）",
                                 "\(owner.english) do not include \(item.english) (has: \(has.english))")
            }
        }
        let n = name(element)
        let options = quote(list)
        let current = x.shown
        switch (negated, holds) {
        case (false, false):
            return Bilingual("\(n.chinese)须为 \(options.chinese) 之一（当前 \(current.chinese)）",
                             "\(n.english) must be one of \(options.english) (is \(current.english))")
        case (false, true):
            return Bilingual("\(n.chinese)为 \(current.chinese)，属于 \(options.chinese) 之一",
                             "\(n.english) is \(current.english), one of \(options.english)")
        case (true, false):
            return Bilingual("\(n.chinese)不得为 \(options.chinese) 之一（当前 \(current.chinese)）",
                             "\(n.english) must not be one of \(options.english) (is \(current.english))")
        case (true, true):
            return Bilingual("\(n.chinese)为 \(current.chinese)，不属于 \(options.chinese)",
                             "\(n.english) is \(current.english), not one of \(options.english)")
        }
    }

    private func overlap(_ owner: Expression, _ options: Expression, negated: Bool, holds: Bool) -> Bilingual {
        let n = name(owner)
        let wanted = quote(options)
        let has = explainer.value(owner).shown
        switch (negated, holds) {
        case (false, false):
            return Bilingual("\(n.chinese)须包含 \(wanted.chinese) 之一（当前 \(has.chinese)）",
                             "\(n.english) must include one of \(wanted.english) (has: \(has.english))")
        case (false, true):
            return Bilingual("\(n.chinese)包含 \(wanted.chinese) 之一（当前 \(has.chinese)）",
                             "\(n.english) include one of \(wanted.english) (has: \(has.english))")
        case (true, false):
            return Bilingual("\(n.chinese)不得包含 \(wanted.chinese) 中任何一项（当前 \(has.chinese)）",
                             "\(n.english) must include none of \(wanted.english) (has: \(has.english))")
        case (true, true):
            return Bilingual("\(n.chinese)不包含 \(wanted.chinese) 中任何一项", "\(n.english) include none of \(wanted.english)")
        }
    }

    private func noneTest(_ operand: Expression, mustBeMissing: Bool, holds: Bool) -> Bilingual {
        let n = name(operand)
        let v = explainer.value(operand).shown
        switch (mustBeMissing, holds) {
        case (true, false):
            return Bilingual("\(n.chinese)须为空（当前 \(v.chinese)）", "\(n.english) must not be recorded (is \(v.english))")
        case (true, true):
            return Bilingual("\(n.chinese)未记录", "\(n.english) is not recorded")
        case (false, false):
            return notRecorded(operand)
        case (false, true):
            return Bilingual("\(n.chinese)已记录（\(v.chinese)）", "\(n.english) is recorded (\(v.english))")
        }
    }
}

/// Gives every expression one static type, or the first reason it has none. A checked tree
/// cannot go wrong at run time except by the defined evaluation errors (overflow, division
/// by zero, dates out of range), which is what lets the compiler skip all dynamic checks.
public enum TypeChecker {
    public static func type(of e: Expression) throws(PolicyError) -> ValueType {
        switch e.kind {
        case .integer: return .integer
        case .text: return .text
        case .date: return .date
        case .boolean: return .boolean
        case .attribute(let attribute): return attribute.type

        case .list(let items):
            var elementType: ValueType?
            for item in items {
                guard item.isLiteral else { throw PolicyError(.listElementNotLiteral, at: item.position) }
                let t = try type(of: item)
                if let first = elementType, first != t {
                    throw PolicyError(.mixedList(first, t), at: item.position)
                }
                elementType = t
            }
            guard let elementType, let listType = elementType.listOf else {
                // Only boolean literals reach here: a list of true/false means nothing in a rule.
                throw PolicyError(.listElementNotLiteral, at: e.position)
            }
            return listType

        case .negate(let operand):
            let t = try scalar(operand)
            guard t == .integer else { throw PolicyError(.cannotNegate(t), at: e.position) }
            return .integer

        case .not(let operand):
            try condition(operand, Bilingual("not 的操作数", "not"))
            return .boolean

        case .all(let items):
            for item in items { try condition(item, Bilingual("and 的操作数", "and")) }
            return .boolean

        case .any(let items):
            for item in items { try condition(item, Bilingual("or 的操作数", "or")) }
            return .boolean

        case .arithmetic(let op, let left, let right):
            let l = try scalar(left)
            let r = try scalar(right)
            switch (op, l, r) {
            case (_, .integer, .integer): return .integer
            case (.plus, .date, .integer), (.plus, .integer, .date), (.minus, .date, .integer): return .date
            case (.minus, .date, .date): return .integer
            default: throw PolicyError(.cannotApply(op, l, r), at: e.position)
            }

        case .comparison(let op, let left, let right):
            let l = try type(of: left)
            let r = try type(of: right)
            guard l == r, !l.isList else { throw PolicyError(.cannotCompare(l, r), at: e.position) }
            if op.isOrdering, l != .integer, l != .date { throw PolicyError(.cannotOrder(op, l), at: e.position) }
            return .boolean

        case .membership(let element, let list, _):
            let elementType = try scalar(element)
            let listType = try type(of: list)
            guard let listElement = listType.listElement else {
                throw PolicyError(.membershipNeedsList(found: listType), at: list.position)
            }
            guard listElement == elementType else {
                throw PolicyError(.membershipMismatch(element: elementType, list: listType), at: e.position)
            }
            return .boolean

        case .noneTest(let operand, _):
            _ = try scalar(operand)
            return .boolean

        case .conditional(let c, let whenTrue, let whenFalse):
            try condition(c, Bilingual("if 的条件", "the condition of if"))
            let a = try scalar(whenTrue)
            let b = try scalar(whenFalse)
            guard a == b else { throw PolicyError(.branchMismatch(a, b), at: whenFalse.position) }
            return a

        case .call(let function, let arguments):
            return try call(function, arguments, at: e.position)
        }
    }

    private static func call(_ function: Function, _ arguments: [Expression], at position: SourcePosition) throws(PolicyError) -> ValueType {
        switch function {
        case .any:
            guard arguments.count == 2 else {
                throw PolicyError(.argumentCount(function, expected: Bilingual(" 2 个", "2 arguments"), found: arguments.count), at: position)
            }
            let a = try list(arguments[0], for: function)
            let b = try list(arguments[1], for: function)
            guard a == b else { throw PolicyError(.cannotCompare(a, b), at: arguments[1].position) }
            return .boolean
        case .count:
            guard arguments.count == 1 else {
                throw PolicyError(.argumentCount(function, expected: Bilingual(" 1 个", "1 argument"), found: arguments.count), at: position)
            }
            _ = try list(arguments[0], for: function)
            return .integer
        case .min, .max:
            guard arguments.count >= 2 else {
                throw PolicyError(.argumentCount(function, expected: Bilingual("至少 2 个", "at least 2 arguments"), found: arguments.count), at: position)
            }
            for argument in arguments {
                let t = try type(of: argument)
                guard t == .integer else {
                    throw PolicyError(.argumentType(function, expected: ValueType.integer.name, found: t), at: argument.position)
                }
            }
            return .integer
        }
    }

    private static func list(_ argument: Expression, for function: Function) throws(PolicyError) -> ValueType {
        let t = try type(of: argument)
        guard t.isList else {
            throw PolicyError(.argumentType(function, expected: Bilingual("列表", "a list"), found: t), at: argument.position)
        }
        return t
    }

    private static func condition(_ e: Expression, _ context: Bilingual) throws(PolicyError) {
        let t = try type(of: e)
        guard t == .boolean else { throw PolicyError(.needsCondition(context, found: t), at: e.position) }
    }

    /// Lists may only stand where a list is asked for (right of `in`, arguments of any/count).
    private static func scalar(_ e: Expression) throws(PolicyError) -> ValueType {
        let t = try type(of: e)
        if t.isList { throw PolicyError(.listNotAllowed(t), at: e.position) }
        return t
    }
}

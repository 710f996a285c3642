/// Prints a tree back as canonical source with the fewest parentheses that keep its shape:
/// parsing the output gives an equal tree. Used for round-trip tests and to quote
/// sub-expressions in explanations.
public enum Printer {
    public static func source(of expression: Expression) -> String {
        var out = ""
        write(expression, minimum: 0, into: &out)
        return out
    }

    public static func source(of policy: Policy) -> String {
        var out = ""
        if let name = policy.name { out += "policy \(quoted(name))\n" }
        out += "eligible: \(source(of: policy.eligible))\n"
        out += "amount: \(source(of: policy.amount))\n"
        out += "period: \(policy.period.rawValue)\n"
        return out
    }

    // Binding strength; a child weaker than its context is parenthesized.
    private static let conditional = 0, or = 1, and = 2, not = 3, comparison = 4, additive = 5,
                       multiplicative = 6, unary = 7, primary = 8

    private static func strength(of kind: ExpressionKind) -> Int {
        switch kind {
        case .conditional: return conditional
        case .any: return or
        case .all: return and
        case .not: return not
        case .comparison, .membership, .noneTest: return comparison
        case .arithmetic(let op, _, _): return op == .plus || op == .minus ? additive : multiplicative
        case .negate: return unary
        default: return primary
        }
    }

    private static func write(_ e: Expression, minimum: Int, into out: inout String) {
        let parenthesize = strength(of: e.kind) < minimum
        if parenthesize { out += "(" }
        switch e.kind {
        case .integer(let value): out += String(value)
        case .text(let value): out += quoted(value)
        case .date(let value): out += value.description
        case .boolean(let value): out += value ? "true" : "false"
        case .attribute(let attribute): out += attribute.spelling
        case .list(let items):
            out += "["
            separated(items, by: ", ", minimum: conditional, into: &out)
            out += "]"
        case .call(let function, let arguments):
            out += function.rawValue + "("
            separated(arguments, by: ", ", minimum: conditional, into: &out)
            out += ")"
        case .negate(let operand):
            out += "-"
            write(operand, minimum: unary, into: &out)
        case .not(let operand):
            out += "not "
            write(operand, minimum: not, into: &out)
        case .arithmetic(let op, let left, let right):
            let level = strength(of: e.kind)
            write(left, minimum: level, into: &out)
            out += " \(op.rawValue) "
            write(right, minimum: level + 1, into: &out)
        case .comparison(let op, let left, let right):
            write(left, minimum: additive, into: &out)
            out += " \(op.rawValue) "
            write(right, minimum: additive, into: &out)
        case .membership(let element, let list, let negated):
            write(element, minimum: additive, into: &out)
            out += negated ? " not in " : " in "
            write(list, minimum: additive, into: &out)
        case .noneTest(let operand, let negated):
            write(operand, minimum: additive, into: &out)
            out += negated ? " is not none" : " is none"
        case .all(let items):
            separated(items, by: " and ", minimum: not, into: &out)
        case .any(let items):
            separated(items, by: " or ", minimum: and, into: &out)
        case .conditional(let condition, let whenTrue, let whenFalse):
            out += "if "
            write(condition, minimum: or, into: &out)
            out += " then "
            write(whenTrue, minimum: or, into: &out)
            out += " else "
            write(whenFalse, minimum: conditional, into: &out)
        }
        if parenthesize { out += ")" }
    }

    private static func separated(_ items: [Expression], by separator: String, minimum: Int, into out: inout String) {
        for (i, item) in items.enumerated() {
            if i > 0 { out += separator }
            write(item, minimum: minimum, into: &out)
        }
    }

    /// Escapes so the lexer reads back exactly the same text.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

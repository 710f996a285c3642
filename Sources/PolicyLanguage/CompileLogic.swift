/// `and` / `or` as short-circuiting closures.
extension Compiler {
    /// Short lists get unrolled closures; the loop form costs an array walk per talent.
    static func all(_ items: [BoolBox]) -> BoolCode {
        switch items.count {
        case 1: return items[0].code
        case 2:
            let (a, b) = (items[0].code, items[1].code)
            return { (s, d) throws(EvaluationError) -> Bool in try a(s, d) ? b(s, d) : false }
        case 3:
            let (a, b, c) = (items[0].code, items[1].code, items[2].code)
            return { (s, d) throws(EvaluationError) -> Bool in
                guard try a(s, d), try b(s, d) else { return false }
                return try c(s, d)
            }
        default:
            return { (s, d) throws(EvaluationError) -> Bool in
                for item in items where try !item.code(s, d) { return false }
                return true
            }
        }
    }

    static func any(_ items: [BoolBox]) -> BoolCode {
        switch items.count {
        case 1: return items[0].code
        case 2:
            let (a, b) = (items[0].code, items[1].code)
            return { (s, d) throws(EvaluationError) -> Bool in try a(s, d) ? true : b(s, d) }
        default:
            return { (s, d) throws(EvaluationError) -> Bool in
                for item in items where try item.code(s, d) { return true }
                return false
            }
        }
    }
}

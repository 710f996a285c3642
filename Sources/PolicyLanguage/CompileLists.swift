/// `in`, `any`, `count`, `min` and `max`.
extension Compiler {
    static func membership(_ element: Code, _ list: Code, node: Expression) throws(PolicyError) -> BoolCode {
        switch (element, list) {
        case (.text(_, let c?), .list(.attribute(let a))):
            // The list's summary answers for most talents without reading the list.
            let query = ListSummary.Query([c])
            switch a {
            case .categories:
                return { s, _ in
                    let summary = s.pointee.categoriesSummary
                    return query.mustRead(summary) ? s.pointee.categories.contains(c) : query.holds(summary)
                }
            case .honors:
                return { s, _ in
                    let summary = s.pointee.honorsSummary
                    return query.mustRead(summary) ? s.pointee.honors.contains(c) : query.holds(summary)
                }
            }
        case (.text(let x, _), .list(.attribute(let a))):
            switch a {
            case .categories:
                return { (s, d) throws(EvaluationError) -> Bool in let v = try x(s, d); return !v.isMissing && s.pointee.categories.contains(v) }
            case .honors:
                return { (s, d) throws(EvaluationError) -> Bool in let v = try x(s, d); return !v.isMissing && s.pointee.honors.contains(v) }
            }
        case (.text(let x, _), .list(.texts(let set, _))):
            return { (s, d) throws(EvaluationError) -> Bool in try set.contains(x(s, d)) }
        case (.integer(let x, _), .list(.integers(let items))), (.date(let x, _), .list(.dates(let items))):
            return { (s, d) throws(EvaluationError) -> Bool in
                guard let v = try x(s, d) else { return false }
                return items.contains(v)
            }
        default:
            try mismatch(node)
        }
    }

    static func call(_ function: Function, _ arguments: [Code], node: Expression) throws(PolicyError) -> Code {
        switch function {
        case .any:
            guard arguments.count == 2, case .list(let a) = arguments[0], case .list(let b) = arguments[1] else { try mismatch(node) }
            return .boolean(overlap(a, b))
        case .count:
            guard arguments.count == 1, case .list(let a) = arguments[0] else { try mismatch(node) }
            switch a {
            case .attribute(.categories): return .integer({ s, _ in s.pointee.categories.count }, constant: nil)
            case .attribute(.honors): return .integer({ s, _ in s.pointee.honors.count }, constant: nil)
            case .texts(_, let ids): return .integer({ _, _ in ids.count }, constant: ids.count)
            case .integers(let items): return .integer({ _, _ in items.count }, constant: items.count)
            case .dates(let items): return .integer({ _, _ in items.count }, constant: items.count)
            }
        case .min, .max:
            var codes: [IntBox] = []
            for argument in arguments {
                guard case .integer(let c, _) = argument else { try mismatch(node) }
                codes.append(IntBox(code: c))
            }
            let takeMin = function == .min
            let arguments = codes
            return .integer({ (s, d) throws(EvaluationError) -> Int? in
                var best = 0
                var missing = false
                for (i, c) in arguments.enumerated() {
                    guard let v = try c.code(s, d) else {
                        missing = true
                        continue
                    }
                    if i == 0 || (takeMin ? v < best : v > best) { best = v }
                }
                return missing ? nil : best
            }, constant: nil)
        }
    }

    static func overlap(_ a: ListCode, _ b: ListCode) -> BoolCode {
        switch (a, b) {
        case (.attribute(let x), .texts(let set, let ids)), (.texts(let set, let ids), .attribute(let x)):
            let query = ListSummary.Query(ids)
            switch x {
            case .categories:
                return { s, _ in
                    let summary = s.pointee.categoriesSummary
                    return query.mustRead(summary) ? s.pointee.categories.contains { set.contains($0) } : query.holds(summary)
                }
            case .honors:
                return { s, _ in
                    let summary = s.pointee.honorsSummary
                    return query.mustRead(summary) ? s.pointee.honors.contains { set.contains($0) } : query.holds(summary)
                }
            }
        case (.attribute(let x), .attribute(let y)):
            switch (x, y) {
            case (.categories, .categories): return { s, _ in !s.pointee.categories.isEmpty }
            case (.honors, .honors): return { s, _ in !s.pointee.honors.isEmpty }
            case (.categories, .honors), (.honors, .categories):
                return { s, _ in s.pointee.categories.contains { s.pointee.honors.contains($0) } }
            }
        case (.texts(let set, _), .texts(_, let others)):
            let result = others.contains { set.contains($0) }
            return { _, _ in result }
        case (.integers(let x), .integers(let y)), (.dates(let x), .dates(let y)):
            let result = x.contains { y.contains($0) }
            return { _, _ in result }
        default:
            return { _, _ in false }
        }
    }
}

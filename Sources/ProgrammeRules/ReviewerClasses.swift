/// Reviewers grouped by (field, potential). Every reviewer of a class looks the same to an
/// application: the same arc cost and the same reduced cost, so the searches handle a class at
/// once and only look at a member to skip a conflict or an existing assignment. A call has some
/// 36 fields × a handful of potentials, i.e. about a hundred classes for 2,000 reviewers.
struct ReviewerClasses {
    var field: [Int32] = []
    var potential: [Int] = []
    /// Members of class k: `members[start[k] ..< start[k + 1]]`, ascending reviewer index.
    var start: [Int32] = [0]
    var members: [Int32] = []
    /// Classes of field g: `fieldFirst[g] ..< fieldFirst[g + 1]`, ascending potential.
    var fieldFirst: [Int32] = []

    var count: Int { field.count }

    init() {}

    /// Reviewers with a cap above 0 (the others can carry no flow), by (field, potential, index).
    init(_ network: FlowNetwork) {
        let order = (0..<network.reviewerCount).filter { network.cap[$0] > 0 }.sorted { x, y in
            let (fx, fy) = (network.reviewerField[x], network.reviewerField[y])
            if fx != fy { return fx < fy }
            let (px, py) = (network.reviewerPotential[x], network.reviewerPotential[y])
            return px != py ? px < py : x < y
        }
        fieldFirst = [Int32](repeating: 0, count: network.fieldCount + 1)
        for r in order {
            let f = network.reviewerField[r]
            let p = network.reviewerPotential[r]
            if field.last != f || potential.last != p {
                if !field.isEmpty { start.append(Int32(members.count)) }
                field.append(f)
                potential.append(p)
            }
            members.append(Int32(r))
        }
        if !field.isEmpty { start.append(Int32(members.count)) }
        var k = 0
        for g in 0...network.fieldCount {
            while k < field.count && Int(field[k]) < g { k += 1 }
            fieldFirst[g] = Int32(k)
        }
    }

    /// The class of field `g` with potential `p`, or -1.
    @inline(__always) func lookup(field g: Int, potential p: Int) -> Int {
        var k = Int(fieldFirst[g])
        let end = Int(fieldFirst[g + 1])
        while k < end {
            if potential[k] == p { return k }
            if potential[k] > p { return -1 }
            k += 1
        }
        return -1
    }

    func size(_ k: Int) -> Int { Int(start[k + 1] - start[k]) }
}

/// The assignment as a min-cost flow, kept implicit: source → application (capacity N, cost 0),
/// application → reviewer (capacity 1, cost `maxAffinity − affinity`, absent for a conflict),
/// reviewer → sink (capacity = cap, cost 0). The 20 million application → reviewer arcs of a
/// full-size call are never stored: an application's arcs are "every reviewer of every field,
/// less its conflicts and the reviewers it already has", and the search walks them through
/// `ReviewerClasses` (see `FlowNetwork+Distances` and `FlowNetwork+Augment`).
///
/// Indices are positions in the problem's arrays; `Int32` keeps the hot arrays small.
struct FlowNetwork {
    let applicationCount: Int
    let reviewerCount: Int
    let fieldCount: Int
    let applicationField: [Int32]
    let need: [Int32]
    let reviewerField: [Int32]
    let cap: [Int32]
    /// `cost[applicationField × fieldCount + reviewerField] = maxAffinity − affinity ≥ 0`.
    let cost: [Int32]
    let conflicts: ConflictBits

    /// Each application's reviewers: `applicationSlots[applicationSlotStart[a] ..< + applicationLoad[a]]`.
    var applicationSlotStart: [Int32]
    var applicationSlots: [Int32]
    var applicationLoad: [Int32]
    /// Each reviewer's applications: `reviewerSlots[reviewerSlotStart[r] ..< + reviewerLoad[r]]`.
    var reviewerSlotStart: [Int32]
    var reviewerSlots: [Int32]
    var reviewerLoad: [Int32]

    /// Node potentials (the dual prices); the source's is always 0. Reduced costs
    /// `cost(u, v) + p(u) − p(v)` of every residual arc stay ≥ 0: that is the optimality invariant.
    var applicationPotential: [Int]
    var reviewerPotential: [Int]
    var sinkPotential = 0

    /// Reviewers grouped by (field, potential), rebuilt whenever potentials change.
    var classes = ReviewerClasses()

    init(
        applicationField: [Int32], need: [Int32], reviewerField: [Int32], cap: [Int32], fieldCount: Int,
        affinity: (_ reviewerField: Int, _ applicationField: Int) -> Int, conflicts: ConflictBits
    ) {
        applicationCount = applicationField.count
        reviewerCount = reviewerField.count
        self.fieldCount = fieldCount
        self.applicationField = applicationField
        self.need = need
        self.reviewerField = reviewerField
        self.cap = cap
        self.conflicts = conflicts
        var maxAffinity = 0
        for r in 0..<fieldCount { for a in 0..<fieldCount { maxAffinity = max(maxAffinity, affinity(r, a)) } }
        var cost = [Int32](repeating: 0, count: fieldCount * fieldCount)
        for a in 0..<fieldCount { for r in 0..<fieldCount { cost[a * fieldCount + r] = Int32(maxAffinity - affinity(r, a)) } }
        self.cost = cost

        var start: [Int32] = [0]
        for n in need { start.append(start[start.count - 1] + n) }
        applicationSlotStart = start
        applicationSlots = [Int32](repeating: -1, count: Int(start[start.count - 1]))
        applicationLoad = [Int32](repeating: 0, count: need.count)
        start = [0]
        for c in cap { start.append(start[start.count - 1] + c) }
        reviewerSlotStart = start
        reviewerSlots = [Int32](repeating: -1, count: Int(start[start.count - 1]))
        reviewerLoad = [Int32](repeating: 0, count: cap.count)
        applicationPotential = [Int](repeating: 0, count: need.count)
        reviewerPotential = [Int](repeating: 0, count: cap.count)
    }

    /// The arc cost of application `a` to reviewer `r`.
    @inline(__always) func arcCost(_ a: Int, _ r: Int) -> Int {
        Int(cost[Int(applicationField[a]) * fieldCount + Int(reviewerField[r])])
    }

    /// No residual arc a → r: a conflict, or `r` already reviews `a` (the arc is saturated).
    @inline(__always) func isExcluded(_ a: Int, _ r: Int) -> Bool {
        if conflicts.contains(application: a, reviewer: r) { return true }
        let first = Int(applicationSlotStart[a])
        let end = first + Int(applicationLoad[a])
        var slot = first
        let reviewer = Int32(r)
        while slot < end {
            if applicationSlots[slot] == reviewer { return true }
            slot += 1
        }
        return false
    }

    func isAssigned(_ a: Int, _ r: Int) -> Bool {
        !conflicts.contains(application: a, reviewer: r) && isExcluded(a, r)
    }

    func hasDeficit(_ a: Int) -> Bool { applicationLoad[a] < need[a] }

    mutating func assign(_ a: Int, _ r: Int) {
        applicationSlots[Int(applicationSlotStart[a] + applicationLoad[a])] = Int32(r)
        applicationLoad[a] += 1
        reviewerSlots[Int(reviewerSlotStart[r] + reviewerLoad[r])] = Int32(a)
        reviewerLoad[r] += 1
    }

    mutating func unassign(_ a: Int, _ r: Int) {
        Self.remove(Int32(r), from: &applicationSlots, first: Int(applicationSlotStart[a]), count: &applicationLoad[a])
        Self.remove(Int32(a), from: &reviewerSlots, first: Int(reviewerSlotStart[r]), count: &reviewerLoad[r])
    }

    private static func remove(_ value: Int32, from slots: inout [Int32], first: Int, count: inout Int32) {
        let end = first + Int(count)
        for slot in first..<end where slots[slot] == value {
            slots[slot] = slots[end - 1]
            slots[end - 1] = -1
            count -= 1
            return
        }
    }

    /// The reviewers of application `a`.
    func reviewers(of a: Int) -> ArraySlice<Int32> {
        let first = Int(applicationSlotStart[a])
        return applicationSlots[first..<first + Int(applicationLoad[a])]
    }

    /// Solves: alternates a shortest-path pass (new potentials) with augmenting phases along
    /// zero-reduced-cost arcs, until every application has its reviewers or the sink is out of
    /// reach (the flow is then maximum; the short applications are reported by the caller).
    mutating func solve() {
        while (0..<applicationCount).contains(where: hasDeficit) {
            classes = ReviewerClasses(self)
            guard updatePotentials() else { return }
            classes = ReviewerClasses(self)
            while augmentAlongLayers() {}
        }
    }
}

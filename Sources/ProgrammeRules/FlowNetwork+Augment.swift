/// The augmenting phases of the primal-dual method: a maximum flow along arcs of reduced cost 0
/// (the admissible graph) by Dinic's method, i.e. breadth-first layers from the source, then a
/// blocking flow by depth-first search with a current-arc pointer per node. Augmenting along
/// zero arcs keeps every reduced cost ≥ 0, so the flow stays of minimum cost for its value.
extension FlowNetwork {
    /// One Dinic phase. Returns `false` when the sink is not reachable along admissible arcs (a
    /// new shortest-path pass is due), otherwise augments a blocking flow (at least one unit).
    mutating func augmentAlongLayers() -> Bool {
        var layers = Layers(self)
        guard layers.sinkHop < Int32.max else { return false }
        for a in 0..<applicationCount where layers.applicationHop[a] == 1 {
            while hasDeficit(a) && !layers.deadApplication[a] {
                if !augment(from: a, &layers) { break }
            }
        }
        return true
    }

    /// Depth-first search from application `a0` along layered admissible arcs to the sink; augments
    /// one unit on success. The path alternates application, reviewer, application, … reviewer.
    private mutating func augment(from a0: Int, _ layers: inout Layers) -> Bool {
        var path = [a0]
        while let top = path.last {
            if path.count % 2 == 1 {
                let r = nextReviewer(for: top, &layers)
                if r >= 0 {
                    path.append(r)
                    continue
                }
                layers.deadApplication[top] = true
                path.removeLast()
                guard let parent = path.last else { return false }
                layers.reviewerCursor[parent] += 1
            } else {
                if Int32(layers.reviewerHop[top]) + 1 == layers.sinkHop && reviewerLoad[top] < cap[top]
                    && reviewerPotential[top] == sinkPotential {
                    apply(path, &layers)
                    return true
                }
                let a = nextApplication(for: top, &layers)
                if a >= 0 {
                    path.append(a)
                    continue
                }
                layers.deadReviewer[top] = true
                path.removeLast()
                if let parent = path.last { layers.applicationCursor[parent] += 1 }
            }
        }
        return false
    }

    /// Moves the path's unit: each inner application swaps the reviewer it came back through for
    /// the next one; the first application gains a reviewer, the last reviewer gains an application.
    private mutating func apply(_ path: [Int], _ layers: inout Layers) {
        for i in stride(from: 2, to: path.count, by: 2) {
            unassign(path[i], path[i - 1])
            layers.reviewerCursor[path[i - 1]] += 1
        }
        for i in stride(from: 0, to: path.count, by: 2) { assign(path[i], path[i + 1]) }
    }

    /// The next admissible reviewer one layer further than application `a`, or -1.
    private func nextReviewer(for a: Int, _ layers: inout Layers) -> Int {
        let hop = layers.applicationHop[a] + 1
        let row = Int(applicationField[a]) * fieldCount
        while true {
            while layers.applicationCursor[a] < layers.applicationEnd[a] {
                let r = Int(layers.labelled[Int(layers.applicationCursor[a])])
                if !layers.deadReviewer[r] && !isExcluded(a, r) { return r }
                layers.applicationCursor[a] += 1
            }
            layers.applicationField[a] += 1
            let g = Int(layers.applicationField[a])
            if g >= fieldCount { return -1 }
            let k = classes.lookup(field: g, potential: Int(cost[row + g]) + applicationPotential[a])
            if k < 0 { continue }
            let (low, high) = layers.range(ofClass: k, hop: hop, classes: classes)
            layers.applicationCursor[a] = Int32(low)
            layers.applicationEnd[a] = Int32(high)
        }
    }

    /// The next application reachable backwards from reviewer `r` one layer further, or -1.
    private func nextApplication(for r: Int, _ layers: inout Layers) -> Int {
        while layers.reviewerCursor[r] < layers.reviewerNextEnd[r] {
            let a = Int(layers.reviewerNext[Int(layers.reviewerCursor[r])])
            if !layers.deadApplication[a] && isAssigned(a, r) { return a }
            layers.reviewerCursor[r] += 1
        }
        return -1
    }
}

/// The layered admissible graph of one Dinic phase, with the depth-first search's state.
struct Layers {
    var applicationHop: [Int32]
    var reviewerHop: [Int32]
    var sinkHop = Int32.max
    /// Per class, its members in the order the breadth-first search reached them (so by hop):
    /// `labelled[classes.start[k] ..< + labelledCount[k]]`.
    var labelled: [Int32]
    var labelledCount: [Int32]
    /// Per reviewer, the applications one hop further that it reaches backwards (assignments of
    /// reduced cost 0): `reviewerNext[reviewerNextStart[r] ..< reviewerNextEnd[r]]`.
    var reviewerNext: [Int32] = []
    var reviewerNextEnd: [Int32]
    /// Current arcs: for an application, the field it is looking at and the range of that field's
    /// class still to try; for a reviewer, a position in `reviewerNext`.
    var applicationField: [Int32]
    var applicationCursor: [Int32]
    var applicationEnd: [Int32]
    var reviewerCursor: [Int32]
    var deadApplication: [Bool]
    var deadReviewer: [Bool]

    /// Breadth-first search from the source over admissible arcs (reduced cost 0), up to the
    /// sink's layer. Applications scan their field's admissible class like `updatePotentials`:
    /// each reviewer is labelled once, so a search costs about applications × fields.
    init(_ network: FlowNetwork) {
        let classes = network.classes
        let applications = network.applicationCount
        applicationHop = [Int32](repeating: -1, count: applications)
        reviewerHop = [Int32](repeating: -1, count: network.reviewerCount)
        labelled = [Int32](repeating: -1, count: classes.members.count)
        labelledCount = [Int32](repeating: 0, count: classes.count)
        reviewerNextEnd = [Int32](repeating: 0, count: network.reviewerCount)
        reviewerCursor = [Int32](repeating: 0, count: network.reviewerCount)
        applicationField = [Int32](repeating: -1, count: applications)
        applicationCursor = [Int32](repeating: 0, count: applications)
        applicationEnd = [Int32](repeating: 0, count: applications)
        deadApplication = [Bool](repeating: false, count: applications)
        deadReviewer = [Bool](repeating: false, count: network.reviewerCount)

        var unlabelled = classes.members
        var remaining = (0..<classes.count).map { classes.size($0) }
        // Queue items: application a = a << 1, reviewer r = r << 1 | 1.
        var queue: [Int] = []
        for a in 0..<applications where network.hasDeficit(a) && network.applicationPotential[a] == 0 {
            applicationHop[a] = 1
            queue.append(a << 1)
        }
        var head = 0
        while head < queue.count {
            let item = queue[head]
            head += 1
            let node = item >> 1
            if item & 1 == 0 {
                let hop = applicationHop[node]
                if hop + 2 > sinkHop { continue }
                let row = Int(network.applicationField[node]) * network.fieldCount
                for g in 0..<network.fieldCount {
                    let k = classes.lookup(field: g, potential: Int(network.cost[row + g]) + network.applicationPotential[node])
                    if k < 0 || remaining[k] == 0 { continue }
                    let first = Int(classes.start[k])
                    var j = 0
                    while j < remaining[k] {
                        let r = Int(unlabelled[first + j])
                        if network.isExcluded(node, r) {
                            j += 1
                            continue
                        }
                        reviewerHop[r] = hop + 1
                        remaining[k] -= 1
                        unlabelled[first + j] = unlabelled[first + remaining[k]]
                        labelled[first + Int(labelledCount[k])] = Int32(r)
                        labelledCount[k] += 1
                        queue.append(r << 1 | 1)
                    }
                }
            } else {
                let r = node
                let hop = reviewerHop[r]
                if network.reviewerLoad[r] < network.cap[r] && network.reviewerPotential[r] == network.sinkPotential {
                    sinkHop = min(sinkHop, hop + 1)
                }
                reviewerCursor[r] = Int32(reviewerNext.count)
                if hop + 3 <= sinkHop {
                    let first = Int(network.reviewerSlotStart[r])
                    for slot in first..<first + Int(network.reviewerLoad[r]) {
                        let a = Int(network.reviewerSlots[slot])
                        guard network.reviewerPotential[r] - network.arcCost(a, r) == network.applicationPotential[a] else { continue }
                        if applicationHop[a] == -1 {
                            applicationHop[a] = hop + 1
                            queue.append(a << 1)
                        }
                        if applicationHop[a] == hop + 1 { reviewerNext.append(Int32(a)) }
                    }
                }
                reviewerNextEnd[r] = Int32(reviewerNext.count)
            }
        }
    }

    /// The positions in `labelled` of class k's members at `hop` (a contiguous run, as the
    /// breadth-first search labels by hop).
    func range(ofClass k: Int, hop: Int32, classes: ReviewerClasses) -> (Int, Int) {
        let first = Int(classes.start[k])
        let end = first + Int(labelledCount[k])
        func lowerBound(_ value: Int32) -> Int {
            var (low, high) = (first, end)
            while low < high {
                let middle = (low + high) / 2
                if reviewerHop[Int(labelled[middle])] < value { low = middle + 1 } else { high = middle }
            }
            return low
        }
        return (lowerBound(hop), lowerBound(hop + 1))
    }
}

/// The shortest-path pass of the primal-dual method: distances from the source in reduced
/// costs, then new potentials, so that every shortest source → sink path is made of arcs of
/// reduced cost 0 (and every residual arc keeps a reduced cost ≥ 0).
extension FlowNetwork {
    static let unreached = Int.max / 4

    /// Dial's algorithm (buckets, as reduced costs are small integers), stopped at the sink's
    /// distance `dT`; then `p(v) += min(d(v), dT)` for every node. Returns `false` when the sink
    /// cannot be reached: the flow is maximum.
    ///
    /// Application → reviewer arcs are scanned a class at a time: an application at distance d
    /// puts an *offer* for class k at d + reduced cost into the buckets; when the offer comes up,
    /// every member not yet reached gets its distance, except members excluded for that
    /// application (conflict or already assigned), which stay for a later offer. Offers come up in
    /// order of distance, so the first offer that reaches a reviewer gives its shortest distance,
    /// and each member is labelled once: a pass costs about
    /// (applications reached × classes) + reviewers + assignments + conflicts skipped.
    mutating func updatePotentials() -> Bool {
        let unreached = Self.unreached
        let applications = applicationCount
        var distance = [Int](repeating: unreached, count: applications)
        var reviewerDistance = [Int](repeating: unreached, count: reviewerCount)
        var done = [Bool](repeating: false, count: applications)
        var unlabelled = classes.members
        var remaining = (0..<classes.count).map { classes.size($0) }
        var buckets: [[Int]] = []
        var sinkDistance = unreached

        func push(_ level: Int, _ item: Int) {
            while buckets.count <= level { buckets.append([]) }
            buckets[level].append(item)
        }
        // Items: application a = a << 2; reviewer r = r << 2 | 1; offer (class k, application a) = (k·A + a) << 2 | 2.
        for a in 0..<applications where hasDeficit(a) {
            // Reduced cost of source → a: 0 + p(source) − p(a), with p(source) = 0.
            let d = -applicationPotential[a]
            distance[a] = d
            push(d, a << 2)
        }
        var level = 0
        while level < buckets.count && level < sinkDistance {
            var index = 0
            while index < buckets[level].count && level < sinkDistance {
                let item = buckets[level][index]
                index += 1
                let payload = item >> 2
                switch item & 3 {
                case 0:
                    let a = payload
                    if done[a] || distance[a] != level { continue }
                    done[a] = true
                    let row = Int(applicationField[a]) * fieldCount
                    let base = level + applicationPotential[a]
                    for k in 0..<classes.count where remaining[k] > 0 {
                        let offered = base + Int(cost[row + Int(classes.field[k])]) - classes.potential[k]
                        // A negative reduced cost means every member is excluded for `a` (the invariant).
                        if offered < level || offered >= sinkDistance { continue }
                        push(offered, ((k * applications + a) << 2) | 2)
                    }
                case 2:
                    let k = payload / applications
                    let a = payload % applications
                    let first = Int(classes.start[k])
                    var j = 0
                    while j < remaining[k] {
                        let r = Int(unlabelled[first + j])
                        if isExcluded(a, r) {
                            j += 1
                            continue
                        }
                        reviewerDistance[r] = level
                        remaining[k] -= 1
                        unlabelled[first + j] = unlabelled[first + remaining[k]]
                        push(level, (r << 2) | 1)
                    }
                default:
                    let r = payload
                    if reviewerLoad[r] < cap[r] {
                        sinkDistance = min(sinkDistance, level + reviewerPotential[r] - sinkPotential)
                    }
                    let first = Int(reviewerSlotStart[r])
                    for slot in first..<first + Int(reviewerLoad[r]) {
                        let a = Int(reviewerSlots[slot])
                        // Backward arc r → a of an assignment: cost −c(a, r).
                        let reached = level + reviewerPotential[r] - arcCost(a, r) - applicationPotential[a]
                        if reached < distance[a] && reached < sinkDistance {
                            distance[a] = reached
                            push(reached, a << 2)
                        }
                    }
                }
            }
            buckets[level] = []
            level += 1
        }
        guard sinkDistance < unreached else { return false }
        for a in 0..<applications { applicationPotential[a] += min(distance[a], sinkDistance) }
        for r in 0..<reviewerCount where cap[r] > 0 { reviewerPotential[r] += min(reviewerDistance[r], sinkDistance) }
        sinkPotential += sinkDistance
        return true
    }
}

@testable import ProgrammeRules

/// An independent exact solver for small problems: min-cost maximum flow on the explicit graph
/// (every application → reviewer arc stored), successive shortest paths by Bellman–Ford with
/// costs −affinity. Slow and simple on purpose: it shares no code with the library's solver.
struct ExactAssignment {
    /// Units placed (Σ reviewers assigned) and the total affinity of a min-cost maximum flow.
    static func optimum(_ problem: AssignmentProblem) -> (placed: Int, affinity: Int) {
        let apps = problem.applications.count
        let revs = problem.reviewers.count
        let source = apps + revs
        let sink = source + 1
        var graph = Graph(nodes: sink + 1)
        let conflicts = Set(problem.conflicts)
        for (a, application) in problem.applications.enumerated() {
            graph.add(source, a, capacity: application.reviewersNeeded, cost: 0)
            for (r, reviewer) in problem.reviewers.enumerated()
            where !conflicts.contains(ConflictPair(applicationId: application.id, reviewerId: reviewer.id)) {
                let affinity = problem.taxonomy.affinity(reviewer.field, application.field) ?? 0
                graph.add(a, apps + r, capacity: 1, cost: -affinity)
            }
        }
        for (r, reviewer) in problem.reviewers.enumerated() { graph.add(apps + r, sink, capacity: reviewer.maxLoad, cost: 0) }
        var placed = 0
        var cost = 0
        while let (path, pathCost) = graph.shortestPath(from: source, to: sink) {
            for arc in path {
                graph.capacity[arc] -= 1
                graph.capacity[arc ^ 1] += 1
            }
            placed += 1
            cost += pathCost
        }
        return (placed, -cost)
    }

    struct Graph {
        var head: [Int]
        var next: [Int] = []
        var to: [Int] = []
        var capacity: [Int] = []
        var cost: [Int] = []

        init(nodes: Int) { head = [Int](repeating: -1, count: nodes) }

        mutating func add(_ u: Int, _ v: Int, capacity c: Int, cost w: Int) {
            for (from, target, cap, price) in [(u, v, c, w), (v, u, 0, -w)] {
                to.append(target)
                capacity.append(cap)
                cost.append(price)
                next.append(head[from])
                head[from] = to.count - 1
            }
        }

        /// Bellman–Ford (queue-based) over residual arcs; one unit at a time.
        func shortestPath(from s: Int, to t: Int) -> ([Int], Int)? {
            let infinity = Int.max / 2
            var distance = [Int](repeating: infinity, count: head.count)
            var viaArc = [Int](repeating: -1, count: head.count)
            var inQueue = [Bool](repeating: false, count: head.count)
            var queue = [s]
            distance[s] = 0
            var index = 0
            while index < queue.count {
                let u = queue[index]
                index += 1
                inQueue[u] = false
                var arc = head[u]
                while arc >= 0 {
                    if capacity[arc] > 0 && distance[u] + cost[arc] < distance[to[arc]] {
                        distance[to[arc]] = distance[u] + cost[arc]
                        viaArc[to[arc]] = arc
                        if !inQueue[to[arc]] {
                            inQueue[to[arc]] = true
                            queue.append(to[arc])
                        }
                    }
                    arc = next[arc]
                }
            }
            guard distance[t] < infinity else { return nil }
            var path: [Int] = []
            var node = t
            while node != s {
                path.append(viaArc[node])
                node = to[viaArc[node] ^ 1]
            }
            return (path, distance[t])
        }
    }
}

/// Brute force for tiny problems: every choice of N reviewers per application.
enum BruteForceAssignment {
    /// The best (placed, affinity), lexicographically: most units placed, then most affinity.
    static func optimum(_ problem: AssignmentProblem) -> (placed: Int, affinity: Int) {
        let conflicts = Set(problem.conflicts)
        var load = [Int](repeating: 0, count: problem.reviewers.count)
        var best = (placed: -1, affinity: -1)
        func choose(_ a: Int, _ placed: Int, _ affinity: Int) {
            if a == problem.applications.count {
                if placed > best.placed || (placed == best.placed && affinity > best.affinity) { best = (placed, affinity) }
                return
            }
            let application = problem.applications[a]
            let eligible = problem.reviewers.indices.filter {
                !conflicts.contains(ConflictPair(applicationId: application.id, reviewerId: problem.reviewers[$0].id))
            }
            // Every subset of eligible reviewers of size ≤ N (fewer only when short).
            func subsets(_ from: Int, _ chosen: Int, _ gain: Int) {
                if chosen == application.reviewersNeeded || from == eligible.count {
                    choose(a + 1, placed + chosen, affinity + gain)
                    return
                }
                let r = eligible[from]
                if load[r] < problem.reviewers[r].maxLoad {
                    load[r] += 1
                    subsets(from + 1, chosen + 1, gain + (problem.taxonomy.affinity(problem.reviewers[r].field, application.field) ?? 0))
                    load[r] -= 1
                }
                subsets(from + 1, chosen, gain)
            }
            subsets(0, 0, 0)
        }
        choose(0, 0, 0)
        return best
    }
}

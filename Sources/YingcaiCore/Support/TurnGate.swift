/// At most `limit` holders at once; the others wait their turn in the order they came. For heavy
/// reads that gain nothing from running together: on two cores, eight city figures at once gave no
/// more answers a second than four at once, and their slowest took half as long again (p95 54-65
/// against 40-44 ms; `CoreConfiguration.figuresAtOnce`).
actor TurnGate {
    private let limit: Int
    private var holders = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        precondition(limit > 0)
        self.limit = limit
    }

    /// Runs `body` once a turn is free.
    nonisolated func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await enter()
        do {
            let result = try await body()
            await leave()
            return result
        } catch {
            await leave()
            throw error
        }
    }

    private func enter() async {
        if holders < limit { holders += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        // The turn passes straight to the first waiting (the count stays), or is given back.
        if waiting.isEmpty { holders -= 1 } else { waiting.removeFirst().resume() }
    }
}

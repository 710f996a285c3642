/// At most `limit` holders at once; the others wait their turn in the order they came. For heavy
/// reads that only share the machine's cores when run together: eight city figures side by side
/// on two cores each took eight times as long and finished in a heap, where one after another
/// they finish in the order they came (the mean is the same, the slowest are not).
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

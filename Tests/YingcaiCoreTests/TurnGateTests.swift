import NIOConcurrencyHelpers
import Testing
@testable import YingcaiCore

@Suite("Turns at a gate")
struct TurnGateTests {
    /// How many bodies run at once, and the most that ever did.
    final class Counter: Sendable {
        let state = NIOLockedValueBox((now: 0, most: 0, order: [Int]()))
        func enter(_ i: Int) { state.withLockedValue { $0.now += 1; $0.most = max($0.most, $0.now); $0.order.append(i) } }
        func leave() { state.withLockedValue { $0.now -= 1 } }
    }

    struct Failed: Error {}

    @Test("never more than the limit at once, every caller served, a failing body gives its turn back", arguments: [1, 3])
    func limit(_ limit: Int) async throws {
        let gate = TurnGate(limit: limit)
        let counter = Counter()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<40 {
                group.addTask {
                    do {
                        return try await gate.run {
                            counter.enter(i)
                            try await Task.sleep(for: .milliseconds(2))
                            counter.leave()
                            if i % 7 == 0 { throw Failed() }
                            return i
                        }
                    } catch is Failed { return -1 }
                }
            }
            var served = 0
            for try await _ in group { served += 1 }
            #expect(served == 40)
        }
        let seen = counter.state.withLockedValue { $0 }
        #expect(seen.most == limit)
        #expect(seen.order.count == 40 && seen.now == 0)
    }

    @Test("those who wait are let in in the order they came")
    func order() async throws {
        let gate = TurnGate(limit: 1)
        let counter = Counter()
        let (opened, open) = AsyncStream.makeStream(of: Void.self)
        // The first holds the turn until told; the others queue behind it one by one.
        let first = Task { try await gate.run { counter.enter(0); for await _ in opened { break } } }
        while counter.state.withLockedValue({ $0.order.isEmpty }) { await Task.yield() }
        var waiting: [Task<Void, any Error>] = []
        for i in 1...5 {
            waiting.append(Task { try await gate.run { counter.enter(i) } })
            // Until it waits at the gate (it cannot get in: the turn is held).
            try await Task.sleep(for: .milliseconds(20))
        }
        open.yield()
        try await first.value
        for t in waiting { try await t.value }
        #expect(counter.state.withLockedValue { $0.order } == [0, 1, 2, 3, 4, 5])
    }
}

import Metrics

/// Writes the sets of concurrent requests together: while one write is on its way to the database,
/// the sets that arrive queue up, and the next writer takes all of them (up to `maxBatch`) as one
/// merged set — one statement and one commit for many requests, the way PostgreSQL's own group
/// commit shares one WAL flush. Nothing waits for a timer: a lone request is written at once.
///
/// Each caller returns only after its rows are committed. When a merged write is refused by the
/// database (one request's idempotency key taken, an upload already used), nothing of it was
/// committed, and each set is written again on its own so that only the one at fault fails.
public actor WriteCoalescer {
    let database: Database
    let writers: Int
    let maxBatch: Int
    private var pending: [(set: WriteSet, done: CheckedContinuation<Void, any Error>)] = []
    private var running = 0
    /// Merged writes made so far and the sets they carried (their ratio is the mean batch size).
    public private(set) var writesMade = 0
    public private(set) var setsWritten = 0

    /// `writers`: how many merged writes may be on their way at once (each holds a connection).
    public init(database: Database, writers: Int, maxBatch: Int = 64) {
        self.database = database
        self.writers = max(1, writers)
        self.maxBatch = max(1, maxBatch)
    }

    /// Writes `set`; inside a transaction of the database, as part of that transaction.
    public nonisolated func write(_ set: WriteSet) async throws {
        if database.inTransaction { return try await database.write(set) }
        try await enqueue(set)
    }

    private func enqueue(_ set: WriteSet) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            pending.append((set, done))
            if running < writers {
                running += 1
                Task { await self.drain() }
            }
        }
    }

    private func take() -> [(set: WriteSet, done: CheckedContinuation<Void, any Error>)] {
        let batch = Array(pending.prefix(maxBatch))
        pending.removeFirst(batch.count)
        writesMade += 1
        setsWritten += batch.count
        // For operators: filings per commit is `yingcai_coalesced_sets_total / yingcai_coalesced_writes_total`.
        Counter(label: "yingcai_coalesced_writes_total").increment()
        Counter(label: "yingcai_coalesced_sets_total").increment(by: batch.count)
        return batch
    }

    private func drain() async {
        while !pending.isEmpty {
            await Self.flush(database, take())
        }
        running -= 1
    }

    private static func flush(_ database: Database, _ batch: [(set: WriteSet, done: CheckedContinuation<Void, any Error>)]) async {
        if batch.count > 1 {
            var merged = WriteSet()
            for item in batch { merged.merge(item.set) }
            do {
                try await database.writeReportingExpectations(merged)
                for item in batch { item.done.resume() }
                return
            } catch where Database.isRefusal(error) {
                // Rolled back whole: write each on its own below.
            } catch {
                // The connection failed: whether the statement committed is unknown, so writing the
                // sets again could write them twice. Each request fails; a client retries with its key.
                for item in batch { item.done.resume(throwing: error) }
                return
            }
        }
        var unavailable: (any Error)?
        for item in batch {
            // Once the database is gone, the rest are not tried one by one (each would wait for a
            // connection): they fail at once, and their clients retry with their keys.
            if let unavailable {
                item.done.resume(throwing: unavailable)
                continue
            }
            do {
                try await database.write(item.set)
                item.done.resume()
            } catch {
                if Database.isConnectionLoss(error) { unavailable = error }
                item.done.resume(throwing: error)
            }
        }
    }
}

/// A first-in, first-out lock for async code: the SQLite writer takes one transaction at a time,
/// in the order they asked, so that their BEGINs never interleave on the shared connection.
actor SerialQueue {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}

/// The best `capacity` values seen, kept in a heap whose root is the worst of them.
struct TopHeap<Value: Sendable>: Sendable {
    private var items: [Value] = []
    let capacity: Int
    let isBetter: @Sendable (Value, Value) -> Bool

    init(capacity: Int, isBetter: @escaping @Sendable (Value, Value) -> Bool) {
        self.capacity = capacity
        self.isBetter = isBetter
        items.reserveCapacity(capacity)
    }

    mutating func offer(_ value: Value) {
        guard capacity > 0 else { return }
        if items.count < capacity {
            items.append(value)
            siftUp(items.count - 1)
        } else if let worst = items.first, isBetter(value, worst) {
            items[0] = value
            siftDown(0)
        }
    }

    func sorted() -> [Value] { items.sorted(by: isBetter) }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            // The root holds the worst: a child worse than its parent moves up.
            guard isBetter(items[parent], items[child]) else { return }
            items.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var worst = parent
            if left < items.count, isBetter(items[worst], items[left]) { worst = left }
            if right < items.count, isBetter(items[worst], items[right]) { worst = right }
            if worst == parent { return }
            items.swapAt(parent, worst)
            parent = worst
        }
    }
}

extension Selection {
    static func values(constant: Int) -> Values {
        Values(depth: 0) { _, _, _, count, _, values, recorded, _ in
            for j in 0..<count {
                values[j] = constant
                recorded[j] = 1
            }
        }
    }

    static func values<R: Reading>(_ reading: R) -> Values {
        Values(depth: 0) { base, day, selection, count, dense, values, recorded, _ in
            let r = reading.on(day)
            for j in 0..<count {
                let v = r.read(base + talent(selection, j, dense))
                values[j] = v ?? 0
                recorded[j] = v == nil ? 0 : 1
            }
        }
    }

    /// `if c1 then a1 else if c2 then a2 … else otherwise`, computed from the last branch up:
    /// each `ck` into the first scratch level, each `ak` into the second, then chosen.
    static func choose(_ branches: [(Mask, Values)], otherwise: Values) -> Values {
        var depth = otherwise.depth
        for (c, a) in branches { depth = Swift.max(depth, c.depth + 1, a.depth + 2) }
        return Values(depth: depth) { base, day, selection, count, dense, values, recorded, scratch in
            otherwise.run(base, day, selection, count, dense, values, recorded, scratch)
            let test = scratch.assumingMemoryBound(to: UInt8.self)
            let level = scratch + levelBytes
            let branchValues = level.assumingMemoryBound(to: Int.self)
            let branchRecorded = (level + blockSize * 8).assumingMemoryBound(to: UInt8.self)
            for (c, a) in branches.reversed() {
                c.run(base, day, selection, count, dense, test, level)
                a.run(base, day, selection, count, dense, branchValues, branchRecorded, level + levelBytes)
                for j in 0..<count {
                    let take = test[j] != 0
                    values[j] = take ? branchValues[j] : values[j]
                    recorded[j] = take ? branchRecorded[j] : recorded[j]
                }
            }
        }
    }
}

extension Selection {
    static func mask<P: Predicate>(_ predicate: P) -> Mask {
        Mask(depth: 0) { base, day, selection, count, dense, out, _ in
            let p = predicate.on(day)
            if dense {
                for i in 0..<count { out[i] = UInt8(truncatingIfNeeded: one(p.holds(base + i))) }
            } else {
                for j in 0..<count { out[j] = UInt8(truncatingIfNeeded: one(p.holds(base + Int(selection[j])))) }
            }
        }
    }

    /// `and` (`any` false) or `or` (`any` true) of masks: the first into `out`, each other into
    /// the first scratch level and combined.
    static func combine(_ items: [Mask], or: Bool) -> Mask {
        let first = items[0]
        let rest = Array(items.dropFirst())
        let depth = Swift.max(first.depth, 1 + (rest.map(\.depth).max() ?? -1))
        return Mask(depth: depth) { base, day, selection, count, dense, out, scratch in
            first.run(base, day, selection, count, dense, out, scratch)
            let other = scratch.assumingMemoryBound(to: UInt8.self)
            for item in rest {
                item.run(base, day, selection, count, dense, other, scratch + levelBytes)
                if or {
                    for j in 0..<count { out[j] |= other[j] }
                } else {
                    for j in 0..<count { out[j] &= other[j] }
                }
            }
        }
    }

    static func not(_ item: Mask) -> Mask {
        Mask(depth: item.depth) { base, day, selection, count, dense, out, scratch in
            item.run(base, day, selection, count, dense, out, scratch)
            for j in 0..<count { out[j] ^= 1 }
        }
    }

    /// `if c then a else b` on conditions.
    static func choose(_ c: Mask, _ a: Mask, _ b: Mask) -> Mask {
        let depth = Swift.max(c.depth, 1 + Swift.max(a.depth, b.depth))
        return Mask(depth: depth) { base, day, selection, count, dense, out, scratch in
            c.run(base, day, selection, count, dense, out, scratch)
            let other = scratch.assumingMemoryBound(to: UInt8.self)
            a.run(base, day, selection, count, dense, other, scratch + levelBytes)
            for j in 0..<count { out[j] |= (out[j] & other[j]) << 1 }  // bit 1: c and a
            b.run(base, day, selection, count, dense, other, scratch + levelBytes)
            for j in 0..<count { out[j] = (out[j] >> 1) | (~out[j] & 1 & other[j]) }
        }
    }
}

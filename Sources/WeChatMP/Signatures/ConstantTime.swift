/// Equality whose running time does not depend on where two byte strings first differ, so a caller
/// probing signatures learns nothing from timing. The length of a SHA-1 hex digest is public.
enum ConstantTime {
    static func equals<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool
    where A.Element == UInt8, B.Element == UInt8 {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}

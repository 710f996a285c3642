/// The square grid being built, with a second layer recording which modules belong to
/// function patterns: those are never overwritten by data and never masked.
struct ModuleMatrix {
    let size: Int
    /// Row-major, `true` = dark.
    var modules: [Bool]
    var isFunction: [Bool]

    init(size: Int) {
        self.size = size
        modules = [Bool](repeating: false, count: size * size)
        isFunction = [Bool](repeating: false, count: size * size)
    }

    @inline(__always)
    func index(_ x: Int, _ y: Int) -> Int { y * size + x }

    subscript(x: Int, y: Int) -> Bool {
        get { modules[index(x, y)] }
        set { modules[index(x, y)] = newValue }
    }

    mutating func setFunction(_ x: Int, _ y: Int, dark: Bool) {
        let i = index(x, y)
        modules[i] = dark
        isFunction[i] = true
    }
}

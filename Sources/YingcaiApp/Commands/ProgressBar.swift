import Foundation

/// A progress line on standard error when it is a terminal (`[#####-----] 52% 520,000/1,000,000 rows
/// 41,230 rows/s`), and a line every 10% otherwise, so that logs of long runs show progress too.
final class ProgressBar: @unchecked Sendable {
    let total: Int
    let unit: String
    let start = Date()
    let isTerminal = isatty(2) != 0
    private var lastDraw = Date.distantPast
    private var lastDecile = -1
    private let lock = NSLock()

    init(total: Int, unit: String) {
        self.total = max(1, total)
        self.unit = unit
    }

    func update(_ done: Int, force: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        let fraction = min(1, Double(done) / Double(total))
        let rate = Double(done) / max(0.001, Date().timeIntervalSince(start))
        if isTerminal {
            guard force || Date().timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = Date()
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let line = "\r[\(bar)] \(Int(fraction * 100))% \(Self.grouped(done))/\(Self.grouped(total)) \(unit) \(Self.grouped(Int(rate))) \(unit)/s"
            FileHandle.standardError.write(Data(line.utf8))
        } else {
            let decile = Int(fraction * 10)
            guard force || decile > lastDecile else { return }
            lastDecile = decile
            FileHandle.standardError.write(Data("\(Int(fraction * 100))% \(Self.grouped(done))/\(Self.grouped(total)) \(unit), \(Self.grouped(Int(rate))) \(unit)/s\n".utf8))
        }
    }

    func finish(_ done: Int) {
        update(done, force: true)
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func grouped(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, c) in s.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }
}

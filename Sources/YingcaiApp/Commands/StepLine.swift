import Foundation

/// One line on standard error that says which step of a long command is running and for how long
/// (`加载演示数据 loading the demo · 历史工单 history 1500/3000 · 4.2 s`), rewritten in place on a
/// terminal and one line per step otherwise, closed with the total time.
final class StepLine: @unchecked Sendable {
    let title: String
    let start = Date()
    let isTerminal = isatty(2) != 0
    private let lock = NSLock()

    init(_ title: String) { self.title = title }

    var elapsed: String { String(format: "%.1f s", Date().timeIntervalSince(start)) }

    func step(_ name: String) {
        lock.lock()
        defer { lock.unlock() }
        let line = "\(title) · \(name) · \(elapsed)"
        FileHandle.standardError.write(Data((isTerminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
    }

    func done(_ summary: String) {
        lock.lock()
        defer { lock.unlock() }
        let line = "\(title) · \(summary) · \(elapsed)\n"
        FileHandle.standardError.write(Data(((isTerminal ? "\r\u{1B}[K" : "") + line).utf8))
    }
}

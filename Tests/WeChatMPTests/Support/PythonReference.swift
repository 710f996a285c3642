import Foundation

/// Runs the Python reference checkers beside these tests, when python3 and the modules they need
/// are installed; tests that need them are skipped otherwise, with the reason shown.
enum PythonReference {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static let hasWechatpy = canImport("wechatpy, xmltodict, cryptography")

    static func canImport(_ modules: String) -> Bool {
        (try? run(["-c", "import \(modules)"]).status) == 0
    }

    /// Runs `python3 arguments…` and returns its exit status and combined output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static func script(_ name: String) -> String { testsFolder.appendingPathComponent(name).path }
}

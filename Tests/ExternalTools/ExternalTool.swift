import Foundation

/// Runs a program the tests consult as an independent reference (python3 with wechatpy or
/// jsonschema, xmllint), and says whether it is there; tests that need one are skipped without it.
public enum ExternalTool {
    /// Runs `executable arguments…` and returns its exit status and combined output.
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// `python3 arguments…`.
    public static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try run("/usr/bin/env", ["python3"] + arguments)
    }

    /// Whether python3 can import every module named (comma-separated).
    public static func pythonCanImport(_ modules: String) -> Bool {
        (try? python(["-c", "import \(modules)"]).status) == 0
    }
}

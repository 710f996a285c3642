import ExternalTools
import Foundation

/// The Python reference checkers beside these tests (`ExternalTool` runs them).
enum PythonReference {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static let hasWechatpy = ExternalTool.pythonCanImport("wechatpy, xmltodict, cryptography")

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) { try ExternalTool.python(arguments) }

    static func script(_ name: String) -> String { testsFolder.appendingPathComponent(name).path }
}

import Foundation

/// libxml2's `xmllint --noout`, when installed (Debian: libxml2-utils), as a second opinion on
/// well-formedness beside `TestXML`.
enum XMLLint {
    static let path: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// nil when the document is well formed, else xmllint's complaint.
    static func problems(in document: String) throws -> String? {
        guard let path else { return nil }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("open311-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(document.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--noout", "--nonet", file.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : String(decoding: output, as: UTF8.self)
    }
}

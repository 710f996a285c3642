import ExternalTools
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
        let (status, output) = try ExternalTool.run(path, ["--noout", "--nonet", file.path])
        return status == 0 ? nil : output
    }
}

import Foundation
import Testing

/// Runs the real decoders the tests rely on. They are required, not optional: a missing tool
/// fails the test with the install command, so a CI image without them cannot pass silently.
enum ExternalTools {
    struct Missing: Error, CustomStringConvertible {
        let tool: String
        let package: String
        var description: String {
            "\(tool) is not installed; these tests need it. Install with: apt-get install -y \(package)"
        }
    }

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    static func path(of tool: String, package: String) throws -> String {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Missing(tool: tool, package: package)
    }

    /// Runs `executable` with `arguments`, feeding `input` on stdin; returns stdout and status.
    static func run(_ executable: String, _ arguments: [String], input: [UInt8]? = nil) throws -> (output: [UInt8], status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            // Write from another thread: a large input could otherwise fill the pipe while
            // the child blocks writing to a stdout nobody reads yet.
            let handle = stdin.fileHandleForWriting
            let data = Data(input)
            let writer = Thread {
                handle.write(data)
                try? handle.close()
            }
            writer.start()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ([UInt8](output), process.terminationStatus)
    }

    /// Decodes the single QR symbol in an image file with zbarimg. `-Sbinary` makes zbar
    /// return the byte-mode payload untouched instead of guessing a character set.
    static func zbarDecode(imageAt path: String) throws -> [UInt8] {
        let zbarimg = try self.path(of: "zbarimg", package: "zbar-tools")
        let (output, status) = try run(zbarimg, ["--raw", "-q", "-Sbinary", "-Sdisable", "-Sqrcode.enable", path])
        guard status == 0 else {
            throw Failed(description: "zbarimg found no QR code in \(path) (exit status \(status))")
        }
        return output
    }

    /// Rasterises an SVG file to PNG with librsvg.
    static func rasterise(svgAt svgPath: String, to pngPath: String) throws {
        let rsvg = try path(of: "rsvg-convert", package: "librsvg2-bin")
        let (_, status) = try run(rsvg, ["--background-color=white", "-o", pngPath, svgPath])
        guard status == 0 else { throw Failed(description: "rsvg-convert failed on \(svgPath) (exit status \(status))") }
    }

    /// Decompresses a gzip stream with the system gzip, an independent inflate implementation.
    static func gunzip(_ data: [UInt8]) throws -> [UInt8] {
        let gzip = try path(of: "gzip", package: "gzip")
        let (output, status) = try run(gzip, ["-dc"], input: data)
        guard status == 0 else { throw Failed(description: "gzip -dc rejected the stream (exit status \(status))") }
        return output
    }

    /// A fresh directory for one test's files.
    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qrcode-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}

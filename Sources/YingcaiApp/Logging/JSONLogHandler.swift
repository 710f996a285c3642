import Foundation
import Logging

/// One JSON object per line on standard error, for a log collector: time, level, message, label and
/// metadata (the request id among them). Callers never put personal data into messages or
/// metadata; the request log records route patterns, not URLs.
struct JSONLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        var fields: [String: String] = [
            "time": RFC3339.string(Int64(Date().timeIntervalSince1970 * 1000)),
            "level": level.rawValue,
            "msg": message.description,
            "logger": label,
        ]
        for (k, v) in metadata.merging(extra ?? [:], uniquingKeysWith: { $1 }) {
            fields[k == "hb.request.id" ? "requestId" : k] = v.description
        }
        guard var data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        data.append(0x0A)
        FileHandle.standardError.write(data)
    }
}

public enum LoggingSetup {
    /// Installs the process's log handler once (swift-log allows one bootstrap per process).
    public static func bootstrap(format: String, level: Logger.Level) {
        once.withLock {
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in
                if format == "text" {
                    var h = StreamLogHandler.standardError(label: label)
                    h.logLevel = level
                    return h
                }
                var h = JSONLogHandler(label: label)
                h.logLevel = level
                return h
            }
        }
    }

    nonisolated(unsafe) private static var done = false
    private static let once = NSLock()
}

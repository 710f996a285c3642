import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An incremental `multipart/form-data` parser (RFC 7578 over RFC 2046): fed the body piece by
/// piece as it arrives, it reports each part's headers, its bytes and its end. The delimiter is
/// found with `memchr` and `memcmp`, so a 10 MB file costs a copy, not a loop per byte (also in
/// a debug build). A body that does not end with the closing delimiter is not complete.
struct MultipartScanner {
    enum Event {
        case headers([String: String])  // names lower-cased
        case body(ArraySlice<UInt8>)
        case partEnd
    }

    enum Failure: Error { case syntax, headersTooLarge }

    private enum State { case preamble, afterDelimiter, headers, body, done }

    static let maxHeaderBytes = 16 * 1024
    static let maxPreambleBytes = 64 * 1024
    private let delimiter: [UInt8]  // CRLF "--" boundary
    private var state = State.preamble
    private var pending: [UInt8] = []
    private var preambleSeen = 0
    var complete: Bool { state == .done }

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first delimiter may open the body without the CRLF before it.
        pending = [13, 10]
    }

    mutating func feed(_ chunk: some Sequence<UInt8>, _ emit: (Event) throws -> Void) throws {
        pending.append(contentsOf: chunk)
        var start = 0
        defer { pending.removeFirst(start) }
        while start < pending.count {
            switch state {
            case .done:
                start = pending.count  // the epilogue is ignored
            case .preamble:
                if let at = find(delimiter, in: start) {
                    start = at + delimiter.count
                    state = .afterDelimiter
                } else {
                    let keep = min(pending.count - start, delimiter.count - 1)
                    preambleSeen += pending.count - start - keep
                    if preambleSeen > Self.maxPreambleBytes { throw Failure.syntax }
                    start = pending.count - keep
                    return
                }
            case .afterDelimiter:
                // "--" closes the body; CRLF (after optional transport padding) opens a part.
                var i = start
                while i < pending.count, pending[i] == 32 || pending[i] == 9 { i += 1 }
                guard i + 2 <= pending.count else { return }
                if pending[i] == 45, pending[i + 1] == 45 {
                    state = .done
                } else if pending[i] == 13, pending[i + 1] == 10 {
                    state = .headers
                } else {
                    throw Failure.syntax
                }
                start = i + 2
            case .headers:
                let end: Int
                if pending.count - start >= 2, pending[start] == 13, pending[start + 1] == 10 {
                    end = start  // no headers at all
                } else if let at = find([13, 10, 13, 10], in: start) {
                    end = at + 2
                } else {
                    if pending.count - start > Self.maxHeaderBytes { throw Failure.headersTooLarge }
                    return
                }
                if end - start > Self.maxHeaderBytes { throw Failure.headersTooLarge }
                try emit(.headers(try Self.headers(pending[start..<end])))
                start = end + 2
                state = .body
            case .body:
                if let at = find(delimiter, in: start) {
                    if at > start { try emit(.body(pending[start..<at])) }
                    try emit(.partEnd)
                    start = at + delimiter.count
                    state = .afterDelimiter
                } else {
                    // Everything but a tail that could be the start of the delimiter is the part's.
                    let keep = min(pending.count - start, delimiter.count - 1)
                    let cut = pending.count - keep
                    if cut > start { try emit(.body(pending[start..<cut])) }
                    start = cut
                    return
                }
            }
        }
    }

    /// The first place at or after `from` where `needle` occurs in what is pending.
    private func find(_ needle: [UInt8], in from: Int) -> Int? {
        let count = pending.count
        guard count - from >= needle.count else { return nil }
        return pending.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { n in
                var at = from
                let last = count - n.count
                while at <= last {
                    guard let hit = memchr(hay.baseAddress! + at, Int32(n[0]), last - at + 1) else { return nil }
                    let index = hay.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(hay.baseAddress! + index, n.baseAddress!, n.count) == 0 { return index }
                    at = index + 1
                }
                return nil
            }
        }
    }

    /// "Name: value" lines, each ended by CRLF.
    static func headers(_ block: ArraySlice<UInt8>) throws -> [String: String] {
        var out: [String: String] = [:]
        for line in block.split(separator: 10, omittingEmptySubsequences: true) {
            var line = line
            guard line.last == 13 else { throw Failure.syntax }
            line = line.dropLast()
            guard let colon = line.firstIndex(of: 58), colon > line.startIndex else { throw Failure.syntax }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            out[name] = value
        }
        return out
    }
}

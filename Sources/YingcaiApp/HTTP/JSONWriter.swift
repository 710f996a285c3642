/// A small JSON writer for the answers that lists send many of (talents, work orders): Foundation's
/// JSONEncoder spent a fifth of a search request's CPU. Writes bytes straight into one buffer.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func beginObject() { value(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma.removeLast() }
    mutating func beginArray() { value(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma.removeLast() }

    /// Writes `"key":`; the next call writes its value.
    mutating func key(_ k: StaticString) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        pendingValue = true
    }

    /// Writes `"key":` for a key known only when the answer is written (a map's).
    mutating func key(_ k: String) {
        comma()
        quoted(k)
        bytes.append(UInt8(ascii: ":"))
        pendingValue = true
    }

    mutating func string(_ s: String?) {
        value()
        guard let s else { bytes.append(contentsOf: Self.null); return }
        quoted(s)
    }

    private mutating func quoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A finite number as JSONEncoder writes it: a whole one without a fraction (`1`), any other
    /// in the shortest form that reads back the same (`0.9579`).
    mutating func double(_ v: Double) {
        value()
        precondition(v.isFinite, "JSON has no \(v)")
        if v == v.rounded(), abs(v) < 9_007_199_254_740_992 {
            bytes.append(contentsOf: String(Int64(v)).utf8)
        } else {
            bytes.append(contentsOf: v.description.utf8)
        }
    }

    /// `{"key": n, …}` in the order of the keys.
    mutating func counts(_ map: [String: Int64]) {
        beginObject()
        for (k, n) in map.sorted(by: { $0.key < $1.key }) { key(k); int(n) }
        endObject()
    }

    mutating func int(_ v: Int64?) {
        value()
        guard let v else { bytes.append(contentsOf: Self.null); return }
        bytes.append(contentsOf: String(v).utf8)
    }

    mutating func bool(_ v: Bool) {
        value()
        bytes.append(contentsOf: v ? Array("true".utf8) : Array("false".utf8))
    }

    mutating func strings(_ list: [String]) {
        beginArray()
        for s in list { string(s) }
        endArray()
    }

    /// A value that is already JSON text (stored as such).
    mutating func raw(_ text: String) {
        value()
        bytes.append(contentsOf: text.utf8)
    }

    mutating func null() { value(); bytes.append(contentsOf: Self.null) }

    static let null = Array("null".utf8)
    private var pendingValue = false

    /// Before a value: a comma if it is not the first in its array (object members get theirs in `key`).
    private mutating func value() {
        if pendingValue { pendingValue = false; return }
        comma()
    }

    private mutating func comma() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) } else { needsComma[needsComma.count - 1] = true }
    }
}

/// An answer that writes itself with `JSONWriter`.
protocol JSONWritable {
    func write(to json: inout JSONWriter)
}

extension JSON {
    static func text(writing value: some JSONWritable) -> String {
        var writer = JSONWriter()
        value.write(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func response(writing value: some JSONWritable, status: HTTPResponse.Status = .ok) -> Response {
        var writer = JSONWriter()
        value.write(to: &writer)
        return raw(writer.bytes, status: status)
    }
}

import Hummingbird

import Foundation
import Testing
@testable import YingcaiApp

@Suite("The hand-written JSON")
struct JSONWriterTests {
    /// What Foundation's encoder writes for `value` (sorted keys, as every answer).
    static func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try JSON.encoder.encode(value), as: UTF8.self)
    }

    @Test("numbers as JSONEncoder writes them: rates, averages, whole numbers, zero")
    func doubles() throws {
        let values: [Double] = [0, 1, 0.9579, 0.0001, 0.5, 2.4355, 12.5, 100, 1 / 3, 9999.9999, 123_456.0001, -0.25, 1e-7, 4.0e15]
        var json = JSONWriter()
        json.beginArray()
        for v in values { json.double(v) }
        json.endArray()
        #expect(String(decoding: json.bytes, as: UTF8.self) == (try Self.encoded(values)))
    }

    @Test("a map's counts in the order of their keys, keys escaped, as JSONEncoder writes them")
    func counts() throws {
        let map: [String: Int64] = ["resolved": 3, "closed": 12, "in_progress": 0, "a\"b": 1, "已办结": 7]
        var json = JSONWriter()
        json.counts(map)
        #expect(String(decoding: json.bytes, as: UTF8.self) == (try Self.encoded(map)))
    }
}

import Testing
@testable import YingcaiApp

@Suite("multipart/form-data, read piece by piece")
struct MultipartScannerTests {
    /// Parts as the scanner reports them, feeding `body` in pieces cut at `cuts`.
    func parse(_ body: [UInt8], boundary: String, cuts: [Int]) throws -> (parts: [(headers: [String: String], bytes: [UInt8])], complete: Bool) {
        var scanner = MultipartScanner(boundary: boundary)
        var parts: [(headers: [String: String], bytes: [UInt8])] = []
        var from = 0
        for cut in (cuts + [body.count]).sorted() where cut >= from {
            try scanner.feed(body[from..<cut]) { event in
                switch event {
                case .headers(let h): parts.append((h, []))
                case .body(let b): parts[parts.count - 1].bytes += b
                case .partEnd: break
                }
            }
            from = cut
        }
        return (parts, scanner.complete)
    }

    let boundary = "----yc7MA4YWxkTrZu0gW"

    func body(_ parts: [(name: String, filename: String?, bytes: [UInt8])], preamble: String = "") -> [UInt8] {
        var out = Array(preamble.utf8)
        for p in parts {
            out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(p.name)\"\(p.filename.map { "; filename=\"\($0)\"" } ?? "")\r\n".utf8)
            if p.filename != nil { out += Array("Content-Type: application/octet-stream\r\n".utf8) }
            out += Array("\r\n".utf8) + p.bytes + Array("\r\n".utf8)
        }
        return out + Array("--\(boundary)--\r\n".utf8)
    }

    @Test("the same parts however the body is cut, including bytes that look like the start of the delimiter")
    func anyCuts() throws {
        var rng = SystemRandomNumberGenerator()
        // Bytes made to resemble the delimiter: CR LF, dashes, the boundary's prefix.
        let tricky = Array("\r\n--\(boundary.dropLast())x\r\n-\r\r\n--".utf8)
        for round in 0..<300 {
            let file = (0..<Int.random(in: 0...600, using: &rng)).map { _ in
                Bool.random(using: &rng) ? tricky.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            let parts: [(name: String, filename: String?, bytes: [UInt8])] = [("_csrf", nil, Array("token".utf8)), ("file", "申报书.pdf", file), ("note", nil, [])]
            let whole = body(parts, preamble: round % 3 == 0 ? "ignored preamble\r\n" : "")
            let cuts = (0..<Int.random(in: 0...12, using: &rng)).map { _ in Int.random(in: 0...whole.count, using: &rng) }
            let (got, complete) = try parse(whole, boundary: boundary, cuts: cuts)
            #expect(complete)
            #expect(got.count == 3)
            #expect(got.map(\.bytes) == parts.map(\.bytes), "cuts \(cuts)")
            #expect(got[1].headers["content-disposition"] == "form-data; name=\"file\"; filename=\"申报书.pdf\"")
            #expect(got[1].headers["content-type"] == "application/octet-stream")
        }
    }

    @Test("a body cut off before its closing delimiter is not complete; broken syntax is refused")
    func refusals() throws {
        let whole = body([("file", "a.pdf", Array("%PDF-1.4".utf8))])
        for cut in [10, whole.count / 2, whole.count - 5] {
            #expect(try parse(Array(whole[..<cut]), boundary: boundary, cuts: []).complete == false)
        }
        // Something other than "--" or CRLF after a delimiter.
        #expect(throws: MultipartScanner.Failure.self) { try parse(Array("--\(boundary)xx".utf8), boundary: boundary, cuts: []) }
        // A header line without a colon.
        #expect(throws: MultipartScanner.Failure.self) { try parse(Array("--\(boundary)\r\nno colon here\r\n\r\nx\r\n--\(boundary)--".utf8), boundary: boundary, cuts: []) }
        // Headers that never end.
        let endless = Array("--\(boundary)\r\nX: ".utf8) + [UInt8](repeating: 65, count: 20_000)
        #expect(throws: MultipartScanner.Failure.self) { try parse(endless, boundary: boundary, cuts: [100]) }
    }
}

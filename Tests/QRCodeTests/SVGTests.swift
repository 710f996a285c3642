import Foundation
import Testing
@testable import QRCode

@Suite("SVG output")
struct SVGTests {
    /// Rasterised by librsvg and read back by zbar: proves the geometry, not just the markup.
    @Test("rasterised SVG decodes", arguments: [5, 120, 400])
    func rasterisedDecodes(length: Int) throws {
        let bytes = randomBytes(count: length, seed: UInt64(31 * length))
        let code = try QRCode(bytes: bytes)
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let svgPath = "\(directory)/code.svg", pngPath = "\(directory)/code.png"
        try code.svg(moduleSize: 3, title: "Talent code").write(toFile: svgPath, atomically: true, encoding: .utf8)
        try ExternalTools.rasterise(svgAt: svgPath, to: pngPath)
        #expect(try ExternalTools.zbarDecode(imageAt: pngPath) == bytes)
    }

    @Test("markup: one path, viewBox, crisp edges, white background, escaped title")
    func markup() throws {
        let code = try QRCode(text: "https://example.org/t/abc")
        let svg = code.svg(moduleSize: 5, quietZone: 4, title: "A & B <\"'>")
        let extent = code.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.contains("viewBox=\"0 0 \(extent) \(extent)\""))
        #expect(svg.contains("width=\"\(extent * 5)\" height=\"\(extent * 5)\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("<rect width=\"\(extent)\" height=\"\(extent)\" fill=\"#fff\"/>"))
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(svg.contains("<title>A &amp; B &lt;&quot;&apos;&gt;</title>"))
        #expect(!code.svg().contains("<title>"))
    }

    /// Parses the path back into modules: every dark module is covered exactly once and
    /// horizontal neighbours are merged into one run.
    @Test("path covers exactly the dark modules, one subpath per run")
    func pathMatchesModules() throws {
        let code = try QRCode(bytes: randomBytes(count: 77, seed: 5))
        let quiet = 2
        let svg = code.svg(quietZone: quiet)
        let d = try #require(svg.range(of: "d=\"")).upperBound
        let path = svg[d...].prefix { $0 != "\"" }

        var covered = Set<Int>()
        var runs = 0
        for command in path.split(separator: "z") {
            // "M<x> <y>h<n>v1h-<n>"
            let parts = command.dropFirst().split(whereSeparator: { " hv".contains($0) })
            let x = try #require(Int(parts[0])) - quiet, y = try #require(Int(parts[1])) - quiet
            let length = try #require(Int(parts[2]))
            #expect(parts[3] == "1" && parts[4] == "-\(length)")
            #expect(!code[x - 1, y] && !code[x + length, y], "run not maximal")
            for i in x..<(x + length) { #expect(covered.insert(y * code.size + i).inserted) }
            runs += 1
        }
        var dark = Set<Int>()
        for y in 0..<code.size { for x in 0..<code.size where code[x, y] { dark.insert(y * code.size + x) } }
        #expect(covered == dark)
        #expect(runs < dark.count / 2)
    }
}

import HTTPTypes
import Crypto
import Foundation
import Hummingbird

/// The pages and assets the application serves itself (no CDN: government networks are often
/// closed): read once from the bundle at start, answered from memory with an ETag.
struct StaticController {
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
        let etag: String
    }

    /// Content-Security-Policy of the pages: everything from this origin, no inline script.
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "worker-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

    let assets: [String: Asset]
    let pages: [String: Asset]

    init() {
        let root = Bundle.module.url(forResource: "Public", withExtension: nil)!
        func load(_ path: String) -> Data {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
                fatalError("missing bundled file Public/\(path)")
            }
            return data
        }
        func asset(_ data: Data, _ type: String) -> Asset {
            let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            return Asset(body: ByteBuffer(bytes: data), contentType: type, etag: "\"\(digest.prefix(32))\"")
        }
        let types = ["js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8", "svg": "image/svg+xml",
                     "png": "image/png", "html": "text/html; charset=utf-8"]
        var assets: [String: Asset] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("assets").path)) ?? []
        var combined = Data()
        for name in names.sorted() {
            let ext = String(name.split(separator: ".").last ?? "")
            guard let type = types[ext] else { continue }
            let data = load("assets/" + name)
            combined += data
            assets[name] = asset(data, type)
        }
        let page = load("verify.html")
        combined += page
        // The service worker caches the page and assets under a name derived from their content,
        // so a new release replaces the offline copy without anyone bumping a version by hand.
        let release = SHA256.hash(data: combined).prefix(6).map { String(format: "%02x", $0) }.joined()
        let worker = String(decoding: load("verifier-sw.js"), as: UTF8.self)
            .replacingOccurrences(of: "'yingcai-verifier-v1'", with: "'yingcai-verifier-\(release)'")
        self.assets = assets
        self.pages = ["verify": asset(page, types["html"]!), "verifier-sw.js": asset(Data(worker.utf8), types["js"]!)]
    }

    func add(to table: RouteTable) {
        table.add(.get, "/verify") { request, _ in
            var response = Self.answer(pages["verify"]!, request)
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
            response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
            return response
        }
        table.add(.get, "/verifier-sw.js") { request, _ in
            Self.answer(pages["verifier-sw.js"]!, request)
        }
        table.add(.get, "/assets/{name}") { request, context in
            guard let name = context.parameters.get("name"), let asset = assets[name] else { throw Problem.notFound() }
            return Self.answer(asset, request)
        }
    }

    /// 200 with the body, or 304 when the browser already holds this version. `no-cache`: always
    /// revalidated, so a new release is seen at once; the ETag keeps revalidation cheap.
    static func answer(_ asset: Asset, _ request: Request) -> Response {
        var headers: HTTPFields = [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "no-cache",
                                   HTTPField.Name("X-Content-Type-Options")!: "nosniff"]
        if request.headers[.ifNoneMatch] == asset.etag {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }
}

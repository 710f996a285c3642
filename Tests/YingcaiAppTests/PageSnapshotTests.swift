import Foundation
import HummingbirdTesting
import Testing
import WorkCalendar
import YingcaiCore

/// The main pages' HTML, kept beside the tests (`__Snapshots__/`), so that a change to a page is seen
/// in review. On a fixed clock and a fresh database every id, number and time is the same each run;
/// only the CSRF and once-only tokens differ and are replaced. After a deliberate change, run with
/// `SNAPSHOT_RECORD=1` and review the diff of the files.
@Suite("Page snapshots")
struct PageSnapshotTests {
    /// Wednesday 2026-11-25, 10:00 in Shanghai.
    static let start = LocalDate("2026-11-25")!.shanghaiStartMillis + 10 * 3_600_000
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    @Test("the portal, an order, the workbench and the dashboard look as recorded")
    func mainPages() async throws {
        try await TestApp.run(at: Self.start) { (env, client) async throws in
            let (talent, _) = try await client.certifiedTalent()
            let filed = try await client.call(.post, "/api/v1/work-orders", token: talent, json: [
                "channel": "web", "category": "service", "serviceItemCode": "YC-M-012", "title": "招聘对接", "content": "需要高级人才寻访服务",
                "form": ["requesterType": "个人求职", "serviceType": "高级人才寻访"],
            ])
            try #require(filed.status == 201, "\(filed.text)")
            let order = filed["id"] as! Int
            let dispatcher = try await client.login("dispatcher")
            let call = try await client.hotlineCall(category: "complaint", title: "投诉补贴未到账", as: dispatcher)["id"] as! Int
            try await client.act(call, "dispatch", as: dispatcher, ["leadOrg": "500112:HRSS", "coOrgs": ["500112:UNION"]])
            try await client.act(call, "accept", as: try await client.login("yubei-hrss"))
            for (user, path, name) in [("talent-a", "/portal", "portal"), ("city-hrss", "/orders/\(order)", "order"),
                                       ("yubei-hrss", "/workbench", "workbench"), ("leader", "/dashboard", "dashboard")] {
                let cookie = try await client.pageLogin(user)
                let page = try await client.page(path, cookie: cookie)
                #expect(page.status == 200, "\(name): \(page.status)")
                try Self.assertSnapshot(Self.scrubbed(page.text), named: name)
            }
        }
    }

    /// The page with its per-session tokens replaced.
    static func scrubbed(_ html: String) -> String {
        var out = html
        for name in ["_csrf", "_once"] {
            let pattern = try! NSRegularExpression(pattern: "name=\"\(name)\" value=\"[^\"]*\"")
            out = pattern.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: "name=\"\(name)\" value=\"…\"")
        }
        return out
    }

    static func assertSnapshot(_ html: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent("\(name).html")
        let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
        guard !record, let recorded = try? String(contentsOf: file, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try html.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded a new snapshot of \(name) at \(file.path): review it and run again", sourceLocation: sourceLocation)
            return
        }
        guard recorded != html else { return }
        let a = recorded.split(separator: "\n", omittingEmptySubsequences: false), b = html.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        Issue.record("""
            the page \(name) differs from its snapshot at line \(line + 1):
              recorded: \(line < a.count ? String(a[line]) : "(end)")
              now:      \(line < b.count ? String(b[line]) : "(end)")
            (SNAPSHOT_RECORD=1 records the page as it is now)
            """, sourceLocation: sourceLocation)
    }
}

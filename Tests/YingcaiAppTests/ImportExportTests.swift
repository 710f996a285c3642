import Foundation
import Organisations
import Testing
import YingcaiCore

@Suite("Importing and exporting the registry as CSV")
struct ImportExportTests {
    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "import-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let chineseHeader = "姓名,证件类型,证件号码,手机号,工作单位,区县代码,学历,职称,领域,人才类别,荣誉,来渝日期,层次,层次有效期至\r\n"

    @Test("a file with a BOM and Chinese headers imports every row, with categories and tiers")
    func importsChinese() async throws {
        try await TestApp.run { (env, client) async throws in
            let csv = "\u{FEFF}" + Self.chineseHeader
                + "张三,居民身份证,\(residentID("50011219800101123")),13800001111,重庆大学,500112,博士,正高级,人工智能,青年拔尖人才;名家名师,,2021-05-01,C,2030-12-31\r\n"
                + "\"李,四\",身份证,\(residentID("50010319800101123")),,西南大学,500103,硕士,,,,,2020-01-01,,\r\n"
            let path = try write(csv)
            let report = try await TalentImport(registry: env.core.talents).run(path: path, mode: .allOrNothing)
            #expect(report.committed)
            #expect(report.rows == 2)
            #expect(report.imported == 2)
            #expect(report.errors.isEmpty)
            let admin = try await client.login("admin")
            let list = try await client.call(.get, "/api/v1/talents?districtCode=500112", token: admin).items
            #expect(list.first?["name"] as? String == "张三")
            #expect(list.first?["tier"] as? String == "C")
            #expect(list.first?["categories"] as? [String] == ["青年拔尖人才", "名家名师"])
            #expect(try await client.list(.get, "/api/v1/talents?districtCode=500103", token: admin).first?["name"] as? String == "李,四")
        }
    }

    @Test("English headers in any order work too")
    func importsEnglish() async throws {
        try await TestApp.run { (env, _) async throws in
            let csv = "districtCode,name,idNumber,employer,education\n500112,Wang,\(residentID("50011219800101123")),CQU,博士\n"
            let report = try await TalentImport(registry: env.core.talents).run(path: try write(csv), mode: .allOrNothing)
            #expect(report.imported == 1)
        }
    }

    @Test("all-or-nothing writes nothing when a row is bad, and reports each bad row by line, field and reason")
    func allOrNothing() async throws {
        try await TestApp.run { (env, _) async throws in
            let good = residentID("50011219800101123")
            let csv = Self.chineseHeader
                + "张三,居民身份证,\(good),13800001111,重庆大学,500112,博士,,,,,2021-05-01,,\n"
                + "李四,居民身份证,500112198001011230,13800001111,重庆大学,500112,博士,,,,,2021-05-01,,\n"
                + "王五,居民身份证,\(good),1380000,重庆大学,999999,博士,,,,,2021-05-01,Z,\n"
                + "赵六,居民身份证,\(good),13800002222,重庆大学,500112,博士,,,,,2021-05-01,,\n"
            let report = try await TalentImport(registry: env.core.talents).run(path: try write(csv), mode: .allOrNothing)
            #expect(!report.committed)
            #expect(report.imported == 0)
            #expect(report.rowsWithErrors == 3)
            #expect(report.errors.contains { $0.row == 3 && $0.field == "idNumber" })
            let row4 = Set(report.errors.filter { $0.row == 4 }.map(\.field))
            #expect(row4 == ["phone", "districtCode", "tier", "tierValidUntil"])
            #expect(report.errors.filter { $0.row == 5 }.map(\.message) == ["文件中证件号码重复 / the identity number appears twice in the file"])
            let count = try await env.core.db.read { db in try await db.raw("SELECT COUNT(*) AS n FROM talents").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 0)
        }
    }

    @Test("skip-invalid writes the good rows, and reports duplicates against the registry")
    func skipInvalid() async throws {
        try await TestApp.run { (env, client) async throws in
            let admin = try await client.login("admin")
            let existing = residentID("50011219700101123")
            _ = try await client.call(.post, "/api/v1/talents", token: admin, json: talentBody(id: existing))
            let csv = Self.chineseHeader
                + "甲,居民身份证,\(residentID("50011219800101123")),,重庆大学,500112,博士,,,,,,,\n"
                + "乙,居民身份证,\(existing),,重庆大学,500112,博士,,,,,,,\n"
                + "丙,居民身份证,bad,,重庆大学,500112,博士,,,,,,,\n"
                + ",,,,,,,,,,,,,\n"
                + "丁,居民身份证,\(residentID("50011219800101124")),,重庆大学,500112,博士,,,,,,,\n"
            let report = try await TalentImport(registry: env.core.talents).run(path: try write(csv), mode: .skipInvalid)
            #expect(report.committed)
            #expect(report.imported == 2)
            #expect(report.errors.map(\.row) == [3, 4])
            #expect(report.errors[0].message.contains("已登记"))
            let count = try await env.core.db.read { db in try await db.raw("SELECT COUNT(*) AS n FROM talents").first()!.decode(column: "n", as: Int.self) }
            #expect(count == 3)
        }
    }

    @Test("unknown or missing columns are refused before anything is read")
    func headers() async throws {
        try await TestApp.run { (env, _) async throws in
            let importer = TalentImport(registry: env.core.talents)
            await #expect(throws: ImportError.self) { try await importer.run(path: try write("姓名,鞋码\n张三,42\n"), mode: .allOrNothing) }
            await #expect(throws: ImportError.self) { try await importer.run(path: try write("姓名,证件号码\n张三,1\n"), mode: .allOrNothing) }
        }
    }

    @Test("a file that is not UTF-8 is refused")
    func notUTF8() async throws {
        try await TestApp.run { (env, _) async throws in
            let path = NSTemporaryDirectory() + "gbk-\(UUID().uuidString).csv"
            var bytes = Array("name,idNumber,employer,districtCode,education\n".utf8)
            bytes += [0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0xFF, 0xFE, 0x0A]  // GBK 张三 and garbage
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
            await #expect(throws: ImportError.self) { try await TalentImport(registry: env.core.talents).run(path: path, mode: .skipInvalid) }
        }
    }

    @Test("the export opens in Excel: BOM, CRLF, masked numbers, quoted commas, formulas neutralised, only the caller's area")
    func export() async throws {
        try await TestApp.run { (_, client) async throws in
            let admin = try await client.login("admin")
            let id = residentID("50011219800101123")
            _ = try await client.call(.post, "/api/v1/talents", token: admin, json: talentBody(name: "=HYPERLINK(\"x\")", id: id))
            var other = talentBody(name: "李,四", id: residentID("50010319800101123"), district: "500103")
            other["employer"] = "@公司"
            _ = try await client.call(.post, "/api/v1/talents", token: admin, json: other)
            let answer = try await client.call(.get, "/api/v1/exports/talents.csv", token: admin)
            #expect(answer.status == 200)
            #expect(answer.headers[.contentType] == "text/csv; charset=utf-8")
            let bytes = Array(answer.body)
            #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
            let text = answer.text
            #expect(text.components(separatedBy: "\r\n").count == 4)  // header, two rows, final empty
            #expect(text.contains("500112********" + id.suffix(4)))
            #expect(!text.contains(id))
            #expect(text.contains("\"'=HYPERLINK(\"\"x\"\")\""))
            #expect(text.contains("\"李,四\""))
            #expect(text.contains(",'@公司,"))
            let butler = try await client.login("yubei-butler")
            let scoped = try await client.call(.get, "/api/v1/exports/talents.csv", token: butler).text
            #expect(scoped.components(separatedBy: "\r\n").count == 3)
            #expect(!scoped.contains("李,四"))
            let talent = try await client.login("verifier")
            #expect(try await client.code(.get, "/api/v1/exports/talents.csv", token: talent) == 403)
        }
    }
}

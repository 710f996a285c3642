import Foundation
import Testing

@Suite("Searching the registry")
struct SearchTests {
    @Test("by name prefix, district, tier and category, each alone and together")
    func filters() async throws {
        try await TestApp.run { (_, client) async throws in
            let admin = try await client.login("admin")
            let people: [(String, String, String, [String])] = [
                ("王明", "500112", "50011219800101101", ["青年拔尖人才"]), ("王亮", "500103", "50010319800101102", []),
                ("李王", "500112", "50011219800101103", ["名家名师"]), ("王", "500112", "50011219800101104", ["青年拔尖人才"]),
            ]
            var ids: [String: Int] = [:]
            for (name, district, id, cats) in people {
                let a = try await client.call(.post, "/api/v1/talents", token: admin,
                                              json: talentBody(name: name, id: residentID(id), district: district, categories: cats))
                ids[name] = a["id"] as? Int
            }
            _ = try await client.call(.post, "/api/v1/talents/\(ids["王明"]!)/certifications", token: admin,
                                      json: ["tier": "C", "validUntil": "2030-12-31", "basis": "认定"])
            func names(_ query: String) async throws -> [String] {
                let a = try await client.call(.get, "/api/v1/talents?\(query)", token: admin)
                #expect(a.status == 200, "\(a.text)")
                return a.items.compactMap { $0["name"] as? String }
            }
            let wang = "%E7%8E%8B"  // 王
            #expect(try await names("q=\(wang)") == ["王", "王亮", "王明"])
            #expect(try await names("q=\(wang)&districtCode=500112") == ["王", "王明"])
            #expect(try await names("tier=C") == ["王明"])
            #expect(try await names("category=%E9%9D%92%E5%B9%B4%E6%8B%94%E5%B0%96%E4%BA%BA%E6%89%8D").sorted() == ["王", "王明"])
            #expect(try await names("q=\(wang)&category=%E9%9D%92%E5%B9%B4%E6%8B%94%E5%B0%96%E4%BA%BA%E6%89%8D&districtCode=500112&tier=C") == ["王明"])
            // A whole ID number or phone number finds the person by keyed hash.
            #expect(try await names("q=\(residentID("50010319800101102"))") == ["王亮"])
            #expect(try await names("q=\(residentID("50010319800101102").lowercased())") == ["王亮"])
            #expect(try await names("q=13812345678").count == 4)
            #expect(try await names("q=13800000000").isEmpty)
        }
    }

    @Test("bad filters are 422 with the field")
    func badFilters() async throws {
        try await TestApp.run { (_, client) async throws in
            let admin = try await client.login("admin")
            #expect(try await client.fields(.get, "/api/v1/talents?tier=Z", token: admin) == ["tier"])
            #expect(try await client.fields(.get, "/api/v1/talents?limit=0", token: admin) == ["limit"])
            #expect(try await client.fields(.get, "/api/v1/talents?limit=501", token: admin) == ["limit"])
            #expect(try await client.fields(.get, "/api/v1/talents?limit=abc", token: admin) == ["limit"])
            #expect(try await client.fields(.get, "/api/v1/talents?cursor=%21%21", token: admin) == ["cursor"])
        }
    }

    @Test("cursor pages visit every record once, in name order and in newest-first order, while records are added")
    func pagination() async throws {
        try await TestApp.run { (_, client) async throws in
            let admin = try await client.login("admin")
            var all: Set<Int> = []
            for i in 0..<23 {
                let a = try await client.call(.post, "/api/v1/talents", token: admin,
                                              json: talentBody(name: "王\(i % 5)", id: residentID("500112198001\(String(format: "%02d", i % 28 + 1))1\(String(format: "%02d", i))"), phone: nil))
                #expect(a.status == 201, "\(a.text)")
                all.insert(a["id"] as! Int)
            }
            for query in ["q=%E7%8E%8B", "districtCode=500112", ""] {
                var seen: [Int] = []
                var names: [String] = []
                var cursor: String?
                var pages = 0
                repeat {
                    let a = try await client.call(.get, "/api/v1/talents?limit=5&\(query)" + (cursor.map { "&cursor=\($0)" } ?? ""), token: admin)
                    seen += a.items.compactMap { $0["id"] as? Int }
                    names += a.items.compactMap { $0["name"] as? String }
                    cursor = a["nextCursor"] as? String
                    pages += 1
                    if pages == 2 {
                        // A record added mid-way never makes a page repeat or skip one.
                        _ = try await client.call(.post, "/api/v1/talents", token: admin,
                                                  json: talentBody(name: "赵新", id: residentID("5001121990\(query.count)0101999"), phone: nil))
                    }
                } while cursor != nil
                #expect(Set(seen).isSuperset(of: all), "query \(query)")
                #expect(seen.count == Set(seen).count, "no repeats for \(query)")
                if query.hasPrefix("q=") { #expect(names == names.sorted()) } else { #expect(seen == seen.sorted(by: >)) }
            }
        }
    }
}

import Organisations
import Testing

@Suite("The organisation tree")
struct OrgTreeTests {
    let tree: OrgTree = {
        func n(_ code: String, _ parent: String?, _ kind: OrgKind) -> OrgNode {
            OrgNode(code: OrgCode(code)!, parent: parent.flatMap(OrgCode.init), name: code, nameEn: code, kind: kind)
        }
        return OrgTree([
            n("500000", nil, .city), n("500112", "500000", .district), n("500103", "500000", .district),
            n("X-GX", "500000", .functionalZone), n("500112:HRSS", "500112", .department), n("500000:TALENT", "500000", .department),
            n("500112001", "500112", .street), n("500112001001", "500112001", .community), n("500112001001-G1", "500112001001", .grid),
        ])
    }()

    @Test("codes are node codes or <node>:<DEPT>")
    func codes() {
        #expect(OrgCode("500112:HRSS")?.node == "500112")
        #expect(OrgCode("500112:HRSS")?.department == "HRSS")
        #expect(OrgCode("X-GX")?.department == nil)
        #expect(OrgCode("500112:") == nil)
        #expect(OrgCode("a:b:c") == nil)
        #expect(OrgCode("5001 12") == nil)
        #expect(OrgCode("") == nil)
    }

    @Test("a node is within itself and its ancestors, not its siblings or children")
    func within() {
        let yubei = OrgCode("500112")!, yuzhong = OrgCode("500103")!, city = OrgCode("500000")!
        let grid = OrgCode("500112001001-G1")!
        #expect(tree.isWithin(grid, yubei))
        #expect(tree.isWithin(grid, city))
        #expect(tree.isWithin(yubei, yubei))
        #expect(!tree.isWithin(grid, yuzhong))
        #expect(!tree.isWithin(yubei, grid))
        #expect(!tree.isWithin(OrgCode("999999")!, city))
    }

    @Test("a department works for the area of its node")
    func departmentArea() {
        #expect(tree.area(of: OrgCode("500112:HRSS")!) == OrgCode("500112"))
        #expect(tree.area(of: OrgCode("500000:TALENT")!) == OrgCode("500000"))
        #expect(tree.area(of: OrgCode("500112001")!) == OrgCode("500112001"))
    }

    @Test("the districts within an area: all for the city, one for a district, none for a street")
    func districts() {
        #expect(tree.districts(within: OrgCode("500000")!).map(\.rawValue) == ["500103", "500112", "X-GX"])
        #expect(tree.districts(within: OrgCode("500112")!).map(\.rawValue) == ["500112"])
        #expect(tree.districts(within: OrgCode("500112001")!).isEmpty)
        #expect(tree.allDistricts.map(\.code.rawValue) == ["500103", "500112", "X-GX"])
        #expect(OrgTree([]).allDistricts.isEmpty)
        #expect(tree.district(of: OrgCode("500112001001-G1")!) == OrgCode("500112"))
    }

    @Test("levels hold the levels below them only")
    func childKinds() {
        #expect(OrgKind.city.childKinds == [.district, .county, .functionalZone])
        #expect(OrgKind.district.childKinds == [.street])
        #expect(OrgKind.street.childKinds == [.community])
        #expect(OrgKind.community.childKinds == [.grid])
        #expect(OrgKind.grid.childKinds.isEmpty)
    }

    @Test("ancestry runs from the root down")
    func ancestry() {
        #expect(tree.ancestry(of: OrgCode("500112001001")!).map(\.rawValue) == ["500000", "500112", "500112001", "500112001001"])
        #expect(tree.subtree(of: OrgCode("500112")!).count == 5)
    }
}

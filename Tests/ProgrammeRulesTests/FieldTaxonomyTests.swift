import Testing
@testable import ProgrammeRules

@Suite struct FieldTaxonomyTests {
    let taxonomy = FieldTaxonomy.standard

    @Test func shape() {
        #expect(taxonomy.disciplines.count == 8)
        #expect((20...40).contains(taxonomy.fields.count))
        #expect(Set(taxonomy.fields.map(\.code)).count == taxonomy.fields.count)
        #expect(taxonomy.disciplines.map(\.chinese) == ["信息技术", "生物医药", "先进制造", "新材料", "能源环保", "现代农业", "经济管理", "教育文化"])
        for field in taxonomy.fields {
            #expect(field.code.allSatisfy { $0.isLowercase || $0 == "_" }, "\(field.code)")
            #expect(!field.chinese.isEmpty)
        }
        for discipline in taxonomy.disciplines {
            #expect(taxonomy.fields.filter { $0.discipline == discipline.code }.count >= 3)
        }
    }

    @Test func affinityLevels() {
        #expect(taxonomy.affinity("software", "software") == 3)
        #expect(taxonomy.affinity("software", "artificial_intelligence") == 2)
        #expect(taxonomy.affinity("artificial_intelligence", "software") == 2)
        #expect(taxonomy.affinity("software", "innovative_drugs") == 1)
        #expect(taxonomy.affinity("software", "unknown") == nil)
        let matrix = taxonomy.affinityMatrix
        for r in matrix.indices {
            for a in matrix.indices {
                #expect(matrix[r][a] == matrix[a][r])
                #expect((r == a) == (matrix[r][a] == 3))
            }
        }
    }

    @Test func refusesRepeatedCodes() {
        let disciplines = [FieldTaxonomy.Discipline(code: "d", chinese: "门类")]
        #expect(FieldTaxonomy(disciplines: disciplines, fields: [.init(code: "x", chinese: "甲", discipline: "d"),
                                                                 .init(code: "x", chinese: "乙", discipline: "d")]) == nil)
        #expect(FieldTaxonomy(disciplines: disciplines, fields: [.init(code: "x", chinese: "甲", discipline: "nope")]) == nil)
    }
}

import Testing
@testable import PolicyLanguage
import WorkCalendar

/// The bulk-run surface: interning, the compact subject, batch decisions, sharing across tasks.
@Suite("Bulk run")
struct BulkRunTests {
    @Test func textTableInternsOnce() {
        var texts = TextTable()
        let a = texts.intern("青年拔尖人才")
        #expect(texts.intern("青年拔尖人才") == a)
        #expect(texts.intern("国家级荣誉") != a)
        #expect(texts.intern(nil as String?) == .missing)
        #expect(texts.text(of: a) == "青年拔尖人才")
        #expect(texts.text(of: .missing) == nil)
        #expect(texts.id(of: "两院院士") == nil)
        #expect(texts.count == 2)
    }

    @Test func subjectIsCompactAndRoundTrips() {
        #expect(MemoryLayout<Subject>.size <= 72)
        var generator = Generator(seed: 6_000)
        var texts = TextTable()
        for _ in 0..<500 {
            let record = generator.record()
            #expect(TalentRecord(Subject(record, texts: &texts), texts: texts) == record)
        }
    }

    @Test func batchDecisionsMatchOneByOne() throws {
        var texts = TextTable()
        let policies = try ExamplePolicies.all.map { try Compiler.compile(try PolicyFile.parse($0), texts: &texts) }
        var generator = Generator(seed: 7_000)
        var subjects: [Subject] = []
        for _ in 0..<2_000 { subjects.append(Subject(generator.record(), texts: &texts)) }
        for policy in policies {
            let batch = policy.decide(subjects, on: standardDay)
            #expect(batch == subjects.map { policy.decide($0, on: standardDay) })
        }
    }

    @Test func compiledPoliciesAreSharedAcrossTasks() async throws {
        var texts = TextTable()
        let policy = try Compiler.compile(try PolicyFile.parse(ExamplePolicies.housingSubsidy), texts: &texts)
        var generator = Generator(seed: 8_000)
        var subjects: [Subject] = []
        for _ in 0..<4_000 { subjects.append(Subject(generator.record(), texts: &texts)) }
        let registry = subjects
        let expected = registry.map { policy.decide($0, on: standardDay) }
        let halves = await withTaskGroup(of: (Int, [Decision]).self) { group in
            for half in 0..<2 {
                group.addTask {
                    let slice = Array(registry[(half * 2_000)..<((half + 1) * 2_000)])
                    return (half, policy.decide(slice, on: standardDay))
                }
            }
            var results: [[Decision]] = [[], []]
            for await (half, decisions) in group { results[half] = decisions }
            return results
        }
        #expect(halves[0] + halves[1] == expected)
    }
}

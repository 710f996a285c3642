import Foundation
import Identity
import Organisations
import PersonalData
import SQLKit
import TestSupport
import Testing
import YingcaiCore

@Suite("Rotating the data key")
struct KeyRotationTests {
    @Test("after a rotation old values open, are re-sealed under the new key, and are still found by hash; a process without the new key says so")
    func rotation() async throws {
        try await TestCore.run { t in
            let first = t.core.vault.ring
            let admin = try await t.user("office-admin", [.admin], at: "500000")
            var ids: [(Int64, String)] = []
            for i in 0..<3 {
                let number = ProgrammeScenarioTests.idNumber("50011219900101\(i)23")
                let talent = try await t.core.db.transaction { db in
                    try await t.core.talents.register(TalentInput(name: "人才\(i)", idType: "resident_id", idNumber: number, phone: "1380000000\(i)",
                                                                  employer: "重庆大学", districtCode: "500112", education: "doctorate"), by: admin, on: db)
                }
                ids.append((talent.id, number))
            }
            // Another process rotates: a ring with a second key, the same first key.
            let rotated = first.rotated()
            #expect(rotated.current.id == 2 && rotated.first.base64 == first.first.base64)
            #expect(try DataKeyRing(text: rotated.text).keys.map(\.base64) == rotated.keys.map(\.base64))
            let after = Yingcai(db: t.core.db, dataKey: rotated.first, vault: PersonalDataVault(ring: rotated), clock: t.clock.clockwork, logger: t.logs.logger)
            #expect(try await after.valuesUnderOlderKeys() == 6)
            #expect(try await after.resealPersonalData() == 6)
            #expect(try await after.valuesUnderOlderKeys() == 0)
            #expect(try await after.resealPersonalData() == 0)
            for (id, number) in ids {
                #expect(try await after.talents.reveal(id, by: admin, requestId: nil).idNumber == number)
                // The hashes did not change: the number still finds its talent.
                #expect(try await after.talents.identify(name: "人才\(ids.firstIndex { $0.0 == id }!)", idNumber: number) == id)
            }
            // A process still holding only the first key, and no key file to read again: a clear error, not garbage.
            let stale = Yingcai(db: t.core.db, dataKey: first.first, vault: PersonalDataVault(ring: first), clock: t.clock.clockwork, logger: t.logs.logger)
            await #expect(throws: VaultError.unknownKey(2)) { try await stale.talents.reveal(ids[0].0, by: admin, requestId: nil) }
            // With a key file to read again (the running server's case), it picks up the new key by itself.
            let holder = RingHolder(first)
            let reloading = Yingcai(db: t.core.db, dataKey: first.first, vault: PersonalDataVault(ring: first, reload: { holder.ring }),
                                    clock: t.clock.clockwork, logger: t.logs.logger)
            holder.ring = rotated
            #expect(try await reloading.talents.reveal(ids[0].0, by: admin, requestId: nil).idNumber == ids[0].1)
            #expect(reloading.vault.key.id == 2)
        }
    }

    final class RingHolder: @unchecked Sendable {
        var ring: DataKeyRing
        init(_ ring: DataKeyRing) { self.ring = ring }
    }
}

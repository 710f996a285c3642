import PersonalData
import Testing

@Suite("Page cursors: opaque and tamper-evident")
struct CursorSealTests {
    let key = DataKey.generate()

    @Test("a sealed position opens to itself, under the same key on another instance, and hides the position")
    func roundTrip() {
        // Positions long enough that the sealed text cannot hold them by chance (a two-digit id
        // turned up in the base64 of its own cursor about once in a hundred runs).
        for position in ["4200000042", "2026-12-03T09:00:00Z_981", "{\"id\":7,\"name\":\"张三\"}", ""] {
            let cursor = CursorSeal(key: key).seal(position)
            #expect(CursorSeal(key: key).open(cursor) == position)
            #expect(position.isEmpty || !cursor.contains(position))
        }
    }

    @Test("a changed position, a changed or cut tag, another key's cursor and junk are refused")
    func tampering() {
        let seal = CursorSeal(key: key)
        let cursor = seal.seal("2026-12-03T09:00:00Z_981")
        let parts = cursor.split(separator: ".").map(String.init)
        // The position of a forged cursor: a readable id, re-encoded by hand.
        let forged = seal.seal("2026-12-03T09:00:00Z_982").split(separator: ".")[0] + "." + parts[1]
        #expect(seal.open(String(forged)) == nil)
        var tag = Array(parts[1])
        tag[3] = tag[3] == "A" ? "B" : "A"
        #expect(seal.open(parts[0] + "." + String(tag)) == nil)
        #expect(seal.open(parts[0] + "." + parts[1].dropLast(2)) == nil)
        #expect(seal.open(parts[0]) == nil)
        #expect(CursorSeal(key: DataKey.generate()).open(cursor) == nil)
        for junk in ["", ".", "981", "zzz", "a.b.c", "%%%.%%%"] { #expect(seal.open(junk) == nil) }
    }
}

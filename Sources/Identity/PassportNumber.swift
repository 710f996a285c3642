/// A passport number of a foreign talent. Formats differ by country, so only the shape every ICAO
/// machine-readable passport shares is checked: 5–20 letters and digits, stored upper-case.
public struct PassportNumber: Hashable, Sendable {
    public let value: String

    public init(_ text: String) throws(IdentityError) {
        let trimmed = text.trimmingSpaces().uppercased()
        guard (5...20).contains(trimmed.utf8.count),
              trimmed.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }) else {
            throw .badPassport
        }
        self.value = trimmed
    }
}

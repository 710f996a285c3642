/// The cities whose codes are trusted, as one file: what `/.well-known/yingcai-partners.json`
/// publishes, an admin loads (`PUT /api/v1/codes/partners`) and a verifier checks against offline —
/// `{"self"?: {…}, "partners": [{"cityCode", "name", "keys": {"keys": [JWK…]}, "revocations"?: "YCRL1…"}]}`
/// — or a city's bare key set `{"keys": [JWK…]}`. Read as written, entry by entry; what an entry
/// must satisfy is for the reader to check (and to name the entry that fails).
public struct PartnerFile: Sendable {
    public struct Entry: Sendable {
        public let cityCode: String?
        public let name: String?
        /// The entry's key set, or why it is not one; nil when the entry has none.
        public let keys: Result<JWKSet, TalentCodeError>?
        public let revocations: String?
    }

    /// A bare key set file: the set (or why it is not one).
    public let keys: Result<JWKSet, TalentCodeError>?
    /// The publishing city itself.
    public let own: Entry?
    public let partners: [Entry]?

    public static func parse(_ text: String) throws(TalentCodeError) -> PartnerFile {
        guard let value = JSON.parse(text), case .object = value else { throw .invalidPartnerFile("not a JSON object") }
        func entry(_ v: JSON) -> Entry {
            Entry(cityCode: v["cityCode"]?.string, name: v["name"]?.string, keys: v["keys"].map(keySet),
                  revocations: v["revocations"]?.string)
        }
        func keySet(_ v: JSON) -> Result<JWKSet, TalentCodeError> {
            do throws(TalentCodeError) { return .success(try JWKSet.from(v)) } catch { return .failure(error) }
        }
        var partners: [Entry]?
        if let list = value["partners"] {
            guard case .array(let items) = list else { throw .invalidPartnerFile("partners must be an array") }
            partners = items.map(entry)
        }
        let bare: Result<JWKSet, TalentCodeError>? = value["keys"].map { _ in keySet(value) }
        return PartnerFile(keys: bare, own: value["self"].map(entry), partners: partners)
    }
}

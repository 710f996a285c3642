import PersonalData

/// URL-safe base64 without padding: tokens and cursors.
public enum Base64URL {
    public static func encode(_ bytes: some Collection<UInt8>) -> String { Base64.encode(bytes, urlSafe: true) }
    public static func decode(_ text: String) -> [UInt8]? { Base64.decode(text) }
}

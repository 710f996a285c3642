/// `LIKE` patterns built from what a user typed: `%`, `_` and the escape character itself match only
/// themselves (a search for "%" must not match everything). Use with `ESCAPE '\'`, which both
/// dialects accept: `title LIKE \(bind: LikePattern.containing(q)) ESCAPE '\'`.
public enum LikePattern {
    public static func containing(_ text: String) -> String {
        "%" + escaped(text) + "%"
    }

    public static func startingWith(_ text: String) -> String {
        escaped(text) + "%"
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

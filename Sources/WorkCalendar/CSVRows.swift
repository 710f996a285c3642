/// Splits CSV text into physical lines and fields, keeping 1-based line numbers for messages.
///
/// Enough CSV for an admin's holiday table exported from Excel or WPS: commas, optional double
/// quotes with `""` escapes, CRLF or LF endings, a UTF-8 BOM. Quoted fields may not span lines.
enum CSVRows {
    struct Row {
        let line: Int
        let fields: [String]
    }

    /// Non-blank lines, each split into trimmed fields.
    static func rows(of text: String) -> [Row] {
        var scalars = Substring(text).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var rows: [Row] = []
        // Splitting on LF alone is enough: the CR of a CRLF ending is trimmed with the last field.
        for (offset, line) in scalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = split(line)
            if fields.allSatisfy(\.isEmpty) { continue }
            rows.append(Row(line: offset + 1, fields: fields))
        }
        return rows
    }

    private static func split(_ line: Substring.UnicodeScalarView.SubSequence) -> [String] {
        var fields: [String] = []
        var current = String.UnicodeScalarView()
        var quoted = false
        var iterator = line.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" { current.append("\""); pending = iterator.next() } else { quoted = false }
                } else {
                    current.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                fields.append(trimmed(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        fields.append(trimmed(current))
        return fields
    }

    /// Spreadsheet cells often carry stray spaces, including the full-width 　 of Chinese input.
    private static func trimmed(_ scalars: String.UnicodeScalarView) -> String {
        var view = Substring(String(scalars)).unicodeScalars
        while let first = view.first, first.properties.isWhitespace { view.removeFirst() }
        while let last = view.last, last.properties.isWhitespace { view.removeLast() }
        return String(view)
    }
}

extension SynonymTable {
    /// Reads the editors' file (`bench/kb/synonyms.csv`): one group a line, words separated by commas
    /// (`,` `，` or `、`); blank lines and lines starting with `#` are skipped. Words cannot contain commas,
    /// so no CSV quoting is needed; a line of one word only teaches the parser that word.
    public init(csv: String) {
        var groups: [[String]] = []
        for line in csv.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let words = trimmed.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" })
                .map { String($0) }
            groups.append(words)
        }
        self.init(groups: groups)
    }
}

/// One character of a text as search sees it: its folded scalar, its kind, and where it stands in the
/// original text (marks that follow it are part of its range, so a snippet never cuts them off).
struct TextUnit: Sendable {
    let folded: Unicode.Scalar
    let kind: CharacterKind
    var range: Range<String.Index>
}

/// A stretch of units that index together: a CJK run (连续汉字), a run of letters or a run of digits.
/// Letters and digits are separate runs (`ipv6` is `ipv` + `6`): PostgreSQL's parser reads a word such as
/// `1e5abc` as the number `1e5` and the word `abc`, so a token never mixes the two.
struct TextRun: Sendable {
    enum Kind: Sendable, Equatable { case cjk, letters, digits }
    let kind: Kind
    /// Indices into `AnalyzedText.units`.
    let units: Range<Int>
    /// No separator between this run and the one before it (`英才卡app`, `ipv6`).
    let joinsPrevious: Bool
}

/// A text cut into units and runs; the one analysis shared by indexing, query parsing and highlighting.
struct AnalyzedText: Sendable {
    let units: [TextUnit]
    let runs: [TextRun]

    init(_ text: String) {
        var units: [TextUnit] = []
        units.reserveCapacity(text.utf8.count / 2)
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let next = scalars.index(after: index)
            let scalar = scalars[index]
            let kind = CharacterKind(scalar)
            if kind == .mark {
                if let last = units.indices.last {
                    units[last].range = units[last].range.lowerBound..<next
                }
            } else {
                let folded = Folding.fold(scalar)
                // Folding can turn a full-width letter or digit into ASCII: classify what it became.
                let foldedKind = folded == scalar ? kind : CharacterKind(folded)
                units.append(TextUnit(folded: folded, kind: foldedKind, range: index..<next))
            }
            index = next
        }
        self.units = units
        self.runs = AnalyzedText.runs(of: units)
    }

    private static func runKind(_ kind: CharacterKind) -> TextRun.Kind? {
        switch kind {
        case .cjk: .cjk
        case .letter: .letters
        case .digit: .digits
        case .mark, .separator: nil
        }
    }

    private static func runs(of units: [TextUnit]) -> [TextRun] {
        var runs: [TextRun] = []
        var start = 0
        var current: TextRun.Kind?
        var joins = false
        for (i, unit) in units.enumerated() {
            let kind = runKind(unit.kind)
            if kind == current { continue }
            if let current { runs.append(TextRun(kind: current, units: start..<i, joinsPrevious: joins)) }
            // A new run right after another (no separator) is joined to it, e.g. the `6` of `ipv6`.
            joins = current != nil && kind != nil
            current = kind
            start = i
        }
        if let current { runs.append(TextRun(kind: current, units: start..<units.count, joinsPrevious: joins)) }
        return runs
    }

    func folded(_ run: TextRun) -> [Unicode.Scalar] {
        units[run.units].map(\.folded)
    }

    func foldedString(_ run: TextRun) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: units[run.units].lazy.map(\.folded))
        return String(s)
    }
}

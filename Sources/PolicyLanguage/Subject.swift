import WorkCalendar

/// A talent as a person writes it down: plain text and dates. Used to build `Subject`s, by the
/// reference evaluator, and by explanations, which must show values in words anyway.
public struct TalentRecord: Hashable, Sendable {
    public var tier: String?
    public var categories: [String]
    public var honors: [String]
    public var education: String?
    public var title: String?
    public var field: String?
    public var district: String?
    public var arrivalDate: LocalDate?
    public var birthDate: LocalDate?
    public var certifiedOn: LocalDate?
    public var tierValidUntil: LocalDate?
    /// Earlier payouts of the policy being evaluated (count and yuan).
    public var payouts: Int
    public var paidTotal: Int

    public init(tier: String? = nil, categories: [String] = [], honors: [String] = [], education: String? = nil,
                title: String? = nil, field: String? = nil, district: String? = nil, arrivalDate: LocalDate? = nil,
                birthDate: LocalDate? = nil, certifiedOn: LocalDate? = nil, tierValidUntil: LocalDate? = nil,
                payouts: Int = 0, paidTotal: Int = 0) {
        self.tier = tier
        self.categories = categories
        self.honors = honors
        self.education = education
        self.title = title
        self.field = field
        self.district = district
        self.arrivalDate = arrivalDate
        self.birthDate = birthDate
        self.certifiedOn = certifiedOn
        self.tierValidUntil = tierValidUntil
        self.payouts = payouts
        self.paidTotal = paidTotal
    }
}

/// A talent laid out for the bulk run: texts interned, dates packed as `yyyymmdd` (0 = not
/// recorded), one fixed slot per attribute. 72 bytes plus the two lists, so a million
/// of them stay in memory and in cache-friendly order.
public struct Subject: Sendable {
    public var tier: TextID
    public var education: TextID
    public var title: TextID
    public var field: TextID
    public var district: TextID
    var arrivalPacked: Int32
    var birthPacked: Int32
    var certifiedPacked: Int32
    var tierValidUntilPacked: Int32
    /// A summary of each list (`ListSummary`), kept in what was padding, so that most
    /// `"…" in categories` tests never read the list's storage — a cache miss per talent.
    private(set) var categoriesSummary: UInt16
    private(set) var honorsSummary: UInt16
    public var categories: [TextID] { didSet { categoriesSummary = ListSummary.of(categories) } }
    public var honors: [TextID] { didSet { honorsSummary = ListSummary.of(honors) } }
    public var payouts: Int
    public var paidTotal: Int

    public init(tier: TextID = .missing, categories: [TextID] = [], honors: [TextID] = [], education: TextID = .missing,
                title: TextID = .missing, field: TextID = .missing, district: TextID = .missing,
                arrivalDate: LocalDate? = nil, birthDate: LocalDate? = nil, certifiedOn: LocalDate? = nil,
                tierValidUntil: LocalDate? = nil, payouts: Int = 0, paidTotal: Int = 0) {
        self.tier = tier
        self.categories = categories
        self.honors = honors
        categoriesSummary = ListSummary.of(categories)
        honorsSummary = ListSummary.of(honors)
        self.education = education
        self.title = title
        self.field = field
        self.district = district
        arrivalPacked = Subject.pack(arrivalDate)
        birthPacked = Subject.pack(birthDate)
        certifiedPacked = Subject.pack(certifiedOn)
        tierValidUntilPacked = Subject.pack(tierValidUntil)
        self.payouts = payouts
        self.paidTotal = paidTotal
    }

    public init(_ record: TalentRecord, texts: inout TextTable) {
        self.init(tier: texts.intern(record.tier), categories: record.categories.map { texts.intern($0) },
                  honors: record.honors.map { texts.intern($0) }, education: texts.intern(record.education),
                  title: texts.intern(record.title), field: texts.intern(record.field),
                  district: texts.intern(record.district), arrivalDate: record.arrivalDate,
                  birthDate: record.birthDate, certifiedOn: record.certifiedOn,
                  tierValidUntil: record.tierValidUntil, payouts: record.payouts, paidTotal: record.paidTotal)
    }

    private static func pack(_ date: LocalDate?) -> Int32 {
        guard let date else { return 0 }
        return Int32(CalendarMath.packed(date))
    }

    public var arrivalDate: LocalDate? { arrivalPacked == 0 ? nil : CalendarMath.unpacked(Int(arrivalPacked)) }
    public var birthDate: LocalDate? { birthPacked == 0 ? nil : CalendarMath.unpacked(Int(birthPacked)) }
    public var certifiedOn: LocalDate? { certifiedPacked == 0 ? nil : CalendarMath.unpacked(Int(certifiedPacked)) }
    public var tierValidUntil: LocalDate? {
        tierValidUntilPacked == 0 ? nil : CalendarMath.unpacked(Int(tierValidUntilPacked))
    }
}

/// What a list of texts may hold, in 16 bits. Bit k (k < 15) is set when some element's id is
/// k modulo 15; bit 15 when some id is 15 or more. A list without bit 15 is therefore described
/// exactly, and any list is known not to hold a text whose bit is clear: only when bit 15 and
/// the text's bit are both set must the list itself be read. Interning the vocabulary of
/// categories and honours early (policy literals are interned when compiling) keeps its ids small.
enum ListSummary {
    static let large: UInt16 = 1 << 15

    @inline(__always)
    static func bits(_ id: TextID) -> UInt16 {
        let raw = UInt32(bitPattern: id.raw)
        let residue: UInt16 = 1 << UInt16(raw % 15)
        return raw < 15 ? residue : residue | large
    }

    static func of(_ ids: [TextID]) -> UInt16 {
        var summary: UInt16 = 0
        for id in ids { summary |= bits(id) }
        return summary
    }

    /// A test for "the list holds one of these texts".
    struct Query: Sendable {
        /// The residue bits of the texts.
        let residues: UInt16
        /// The bits of the texts below 15: the exact answer for a list without bit 15.
        let exact: UInt16

        init(_ ids: [TextID]) {
            var residues: UInt16 = 0, exact: UInt16 = 0
            for id in ids {
                let b = ListSummary.bits(id)
                residues |= b & ~ListSummary.large
                if b & ListSummary.large == 0 { exact |= b }
            }
            self.residues = residues
            self.exact = exact
        }

        /// Whether the list must be read; when not, `holds` is the answer.
        @inline(__always)
        func mustRead(_ summary: UInt16) -> Bool { summary & ListSummary.large != 0 && summary & residues != 0 }

        @inline(__always)
        func holds(_ summary: UInt16) -> Bool { summary & exact != 0 }
    }
}

extension TalentRecord {
    /// Back from the bulk layout, to explain a decision about one talent in words.
    public init(_ subject: Subject, texts: TextTable) {
        func text(_ id: TextID) -> String? { texts.text(of: id) }
        self.init(tier: text(subject.tier), categories: subject.categories.compactMap(text),
                  honors: subject.honors.compactMap(text), education: text(subject.education),
                  title: text(subject.title), field: text(subject.field), district: text(subject.district),
                  arrivalDate: subject.arrivalDate, birthDate: subject.birthDate, certifiedOn: subject.certifiedOn,
                  tierValidUntil: subject.tierValidUntil, payouts: subject.payouts, paidTotal: subject.paidTotal)
    }
}

/// The date a run evaluates "as of": what `today`, `age` and the `*_since_arrival` counts refer to.
/// Precomputed once per run, not per talent.
public struct EvaluationDay: Hashable, Sendable {
    public let date: LocalDate
    let packed: Int

    public init(_ date: LocalDate) {
        self.date = date
        packed = CalendarMath.packed(date)
    }
}

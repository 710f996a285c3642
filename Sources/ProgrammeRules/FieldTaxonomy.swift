/// 学科领域: the fields reviewers and applications are classed in, grouped into disciplines
/// (学科门类). Reviewer assignment prefers a reviewer of the application's own field, then one of
/// a neighbouring field (same discipline), then anyone (still allowed: see `affinity`).
public struct FieldTaxonomy: Sendable {
    /// One field: a stable snake_case code (stored), its Chinese name and its discipline's code.
    public struct Field: Sendable, Hashable, Codable {
        public let code: String
        public let chinese: String
        public let discipline: String

        public init(code: String, chinese: String, discipline: String) {
            self.code = code
            self.chinese = chinese
            self.discipline = discipline
        }
    }

    /// One discipline: code and Chinese name.
    public struct Discipline: Sendable, Hashable, Codable {
        public let code: String
        public let chinese: String

        public init(code: String, chinese: String) {
            self.code = code
            self.chinese = chinese
        }
    }

    public let disciplines: [Discipline]
    /// Every field, grouped by discipline in `disciplines` order; `index(of:)` numbers them so.
    public let fields: [Field]
    private let indexByCode: [String: Int]
    private let disciplineOfField: [Int]

    /// Builds a taxonomy; `nil` when a code repeats or a field names an unknown discipline.
    public init?(disciplines: [Discipline], fields: [Field]) {
        let disciplineIndex = Dictionary(disciplines.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        guard disciplineIndex.count == disciplines.count else { return nil }
        var indexByCode: [String: Int] = [:]
        var disciplineOfField: [Int] = []
        for (index, field) in fields.enumerated() {
            guard let discipline = disciplineIndex[field.discipline], indexByCode[field.code] == nil else { return nil }
            indexByCode[field.code] = index
            disciplineOfField.append(discipline)
        }
        self.disciplines = disciplines
        self.fields = fields
        self.indexByCode = indexByCode
        self.disciplineOfField = disciplineOfField
    }

    /// The field's position in `fields`, or `nil` for an unknown code.
    public func index(of code: String) -> Int? { indexByCode[code] }

    public func field(_ code: String) -> Field? { indexByCode[code].map { fields[$0] } }

    /// Affinity of a reviewer of field `reviewerField` for an application of field
    /// `applicationField`: 3 for the same field, 2 for a neighbouring field (the same discipline),
    /// 1 otherwise: a reviewer of another discipline is still allowed, only least preferred.
    /// `nil` when either code is unknown.
    public func affinity(_ reviewerField: String, _ applicationField: String) -> Int? {
        guard let r = indexByCode[reviewerField], let a = indexByCode[applicationField] else { return nil }
        return affinity(index: r, index: a)
    }

    /// `affinity` on field positions (`index(of:)`), for the assignment's inner loops.
    public func affinity(index reviewerField: Int, index applicationField: Int) -> Int {
        if reviewerField == applicationField { return 3 }
        return disciplineOfField[reviewerField] == disciplineOfField[applicationField] ? 2 : 1
    }

    /// The affinity of every pair of fields, row = reviewer field, column = application field.
    public var affinityMatrix: [[Int]] {
        fields.indices.map { r in fields.indices.map { a in affinity(index: r, index: a) } }
    }
}

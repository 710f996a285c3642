/// A value's name for people: Chinese first, English beside it. Codes (`phone`, `doctorate`) are for
/// the API and storage; labels are for pages and spreadsheets.
public struct Label: Sendable, Equatable, Hashable {
    public let chinese: String
    public let english: String

    public init(_ chinese: String, _ english: String) {
        self.chinese = chinese
        self.english = english
    }

    public func pick(english: Bool) -> String { english ? self.english : chinese }
}

/// An enumerated value with a stable code and its labels. The API accepts the code and either label
/// (a spreadsheet from a talent office says 博士, a script says `doctorate`).
public protocol Labelled: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    var label: Label { get }
}

extension Labelled {
    /// The value for a code or a label in either language (case and surrounding spaces ignored).
    public init?(parsing text: String) {
        let t = text.trimmed
        let folded = t.lowercased()
        guard let match = Self.allCases.first(where: {
            $0.rawValue.lowercased() == folded || $0.label.chinese == t || $0.label.english.lowercased() == folded
        }) else { return nil }
        self = match
    }

    /// Every code, for error messages and documentation.
    public static var codes: [String] { allCases.map(\.rawValue) }
}

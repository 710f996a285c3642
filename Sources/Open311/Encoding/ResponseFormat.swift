/// The two formats GeoReport defines, chosen by the resource's extension (`services.xml`,
/// `requests/123.json`). XML is required by the spec; JSON is offered too.
public enum ResponseFormat: String, Sendable, CaseIterable {
    case xml
    case json

    /// The Content-Type the spec prescribes.
    public var contentType: String {
        switch self {
        case .xml: "text/xml; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        }
    }

    /// Splits `638344.json` into `638344` and `.json`; nil when the extension is neither format.
    public static func split(_ lastPathComponent: String) -> (name: String, format: ResponseFormat)? {
        guard let dot = lastPathComponent.lastIndex(of: "."),
            let format = ResponseFormat(rawValue: String(lastPathComponent[lastPathComponent.index(after: dot)...]).lowercased())
        else { return nil }
        let name = String(lastPathComponent[..<dot])
        return name.isEmpty ? nil : (name, format)
    }
}

/// A GeoReport response body in either format.
public protocol GeoReportResponse: Sendable {
    /// The body in `format`, ready to send as UTF-8.
    func render(_ format: ResponseFormat) -> String
}

extension GeoReportResponse {
    public var xml: String { render(.xml) }
    public var json: String { render(.json) }
}

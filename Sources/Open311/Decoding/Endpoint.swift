/// The GeoReport resources by path (after the API base), so the web layer routes on a value:
/// `services.xml`, `services/033.json`, `requests.xml`, `requests/638344.xml` (the swagger file
/// spells it `request/…`, accepted too), `tokens/12345.xml`, and FixMyStreet's
/// `servicerequestupdates.xml`.
public enum Endpoint: Sendable, Equatable {
    case serviceList(ResponseFormat)
    case serviceDefinition(serviceCode: String, ResponseFormat)
    /// GET lists requests; POST files one.
    case requests(ResponseFormat)
    case request(serviceRequestID: String, ResponseFormat)
    case token(String, ResponseFormat)
    case serviceRequestUpdates(ResponseFormat)

    public static func parse(_ path: String) -> Endpoint? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch parts.count {
        case 1:
            guard let (name, format) = ResponseFormat.split(parts[0]) else { return nil }
            switch name {
            case "services": return .serviceList(format)
            case "requests": return .requests(format)
            case "servicerequestupdates": return .serviceRequestUpdates(format)
            default: return nil
            }
        case 2:
            guard let (encoded, format) = ResponseFormat.split(parts[1]), let id = percentDecoded(encoded), !id.isEmpty else { return nil }
            switch parts[0] {
            case "services": return .serviceDefinition(serviceCode: id, format)
            case "requests", "request": return .request(serviceRequestID: id, format)
            case "tokens": return .token(id, format)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The format the resource was asked in.
    public var format: ResponseFormat {
        switch self {
        case .serviceList(let f), .requests(let f), .serviceRequestUpdates(let f): f
        case .serviceDefinition(_, let f), .request(_, let f), .token(_, let f): f
        }
    }

    /// Percent-decoding of a path segment (`+` stays a plus there).
    static func percentDecoded(_ text: String) -> String? {
        try? FormFields.decode(Substring(text.replacingPlus()))
    }
}

extension String {
    /// `+` as `%2B`, so form decoding leaves it a plus.
    fileprivate func replacingPlus() -> String {
        var out = ""
        for character in self { out += character == "+" ? "%2B" : String(character) }
        return out
    }
}

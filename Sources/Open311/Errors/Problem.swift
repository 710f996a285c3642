/// One thing wrong with a GeoReport call, as a value. The edge turns a list of them into the spec's
/// error list (`<errors><error><code/><description/></error></errors>`) and an HTTP status.
public enum Problem: Sendable, Equatable, CustomStringConvertible {
    /// `jurisdiction_id` missing where the endpoint serves several jurisdictions.
    case missingJurisdiction
    /// `jurisdiction_id` names no jurisdiction served here.
    case unknownJurisdiction(String)
    /// POST without `api_key`.
    case missingAPIKey
    /// An `api_key` the caller's key store does not know.
    case invalidAPIKey
    case missingServiceCode
    /// No service with this code (or none the caller may use).
    case unknownServiceCode(String)
    /// No `service_request_id` or `token` with this value.
    case notFound(parameter: String, value: String)
    /// None of `lat` & `long`, `address_string`, `address_id`.
    case missingLocation
    /// Only one of `lat` and `long`.
    case incompleteCoordinates
    /// `lat` or `long` is not a decimal number, or is outside ±90 / ±180.
    case invalidCoordinate(parameter: String, value: String)
    /// A required attribute of the service definition has no answer.
    case missingAttribute(code: String)
    /// An attribute answer that does not fit its datatype or list of values.
    case invalidAttribute(code: String, reason: String)
    /// `description` longer than the spec's 4,000 characters.
    case descriptionTooLong(characters: Int)
    /// The same single-valued parameter given twice with different values.
    case conflictingValues(parameter: String)
    /// Any other parameter with a value of the wrong form.
    case invalidParameter(name: String, reason: String)
    /// `start_date` after `end_date`.
    case reversedDateRange
    /// `start_date`..`end_date` wider than the spec's 90 days.
    case dateRangeTooWide(maximumDays: Int)
    /// More `service_request_id`s in one call than the 1,000-request limit.
    case tooManyRequestIDs(maximum: Int)
    /// The body is not application/x-www-form-urlencoded UTF-8.
    case malformedBody(String)

    /// The HTTP status the spec assigns: 403 for API keys, 404 for things that do not exist,
    /// 400 for everything else.
    public var httpStatus: Int {
        switch self {
        case .missingAPIKey, .invalidAPIKey: 403
        case .unknownJurisdiction, .unknownServiceCode, .notFound: 404
        default: 400
        }
    }

    /// The entry for the error list. The code is the HTTP status, which the spec says it should
    /// match "in most cases"; clients such as FixMyStreet print `code: description`.
    public var apiError: APIError { APIError(code: httpStatus, description: description) }

    public var description: String {
        switch self {
        case .missingJurisdiction: "jurisdiction_id was not provided"
        case .unknownJurisdiction(let id): "jurisdiction_id \(id) was not found"
        case .missingAPIKey: "api_key was not provided -- can't proceed with create_request"
        case .invalidAPIKey: "Invalid api_key received -- can't proceed with create_request"
        case .missingServiceCode: "service_code was not provided"
        case .unknownServiceCode(let code): "service_code \(code) was not found"
        case .notFound(let parameter, let value): "\(parameter) \(value) was not found"
        case .missingLocation: "A full location parameter must be submitted: lat & long, address_string or address_id"
        case .incompleteCoordinates: "lat and long must both be sent"
        case .invalidCoordinate(let parameter, let value):
            "\(parameter) \(value) is not a WGS84 \(parameter == "lat" ? "latitude" : "longitude")"
        case .missingAttribute(let code): "attribute[\(code)] is required for this service"
        case .invalidAttribute(let code, let reason): "attribute[\(code)]: \(reason)"
        case .descriptionTooLong(let n): "description is limited to 4,000 characters (got \(n))"
        case .conflictingValues(let parameter): "\(parameter) was given more than once with different values"
        case .invalidParameter(let name, let reason): "\(name): \(reason)"
        case .reversedDateRange: "start_date is after end_date"
        case .dateRangeTooWide(let days): "start_date and end_date may not span more than \(days) days"
        case .tooManyRequestIDs(let maximum): "at most \(maximum) service_request_id values may be given"
        case .malformedBody(let reason): "the request body is not valid application/x-www-form-urlencoded UTF-8: \(reason)"
        }
    }
}

/// A POST requests body, decoded and checked for everything that does not need the database:
/// the caller then checks the API key, finds the service, and runs `check(against:)` with its
/// definition.
public struct ServiceRequestSubmission: Sendable, Equatable {
    public var jurisdictionID: String?
    public var serviceCode: String
    public var location: Location
    public var email: String?
    public var deviceID: String?
    public var accountID: String?
    public var firstName: String?
    public var lastName: String?
    public var phone: String?
    public var description: String?
    public var mediaURL: String?
    /// Passed on for the caller to check; a missing key is the caller's 403 (`Problem.missingAPIKey`).
    public var apiKey: String?
    /// Answers by attribute code, from `attribute[code]=v` and `attribute[code][]=v`.
    public var attributes: [String: [String]]

    /// At least one of the spec's three ways to say where; several may be given.
    public struct Location: Sendable, Equatable {
        public var coordinates: Coordinates?
        public var addressString: String?
        public var addressID: String?

        public init(coordinates: Coordinates? = nil, addressString: String? = nil, addressID: String? = nil) {
            self.coordinates = coordinates
            self.addressString = addressString
            self.addressID = addressID
        }
    }

    public init(
        jurisdictionID: String? = nil, serviceCode: String, location: Location, email: String? = nil, deviceID: String? = nil,
        accountID: String? = nil, firstName: String? = nil, lastName: String? = nil, phone: String? = nil,
        description: String? = nil, mediaURL: String? = nil, apiKey: String? = nil, attributes: [String: [String]] = [:]
    ) {
        self.jurisdictionID = jurisdictionID
        self.serviceCode = serviceCode
        self.location = location
        self.email = email
        self.deviceID = deviceID
        self.accountID = accountID
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.description = description
        self.mediaURL = mediaURL
        self.apiKey = apiKey
        self.attributes = attributes
    }

    /// The spec's limit on `description`.
    public static let maximumDescriptionLength = 4000
}

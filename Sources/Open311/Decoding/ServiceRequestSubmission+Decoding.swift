extension ServiceRequestSubmission {
    /// Decodes a urlencoded POST body; see `init(fields:)`.
    public init(body: String) throws(Open311Error) {
        try self.init(fields: FormFields(body))
    }

    /// Reads the spec's arguments, reporting every problem found rather than the first. Unknown
    /// names are ignored (FixMyStreet and others send extras), as are empty values.
    public init(fields: FormFields) throws(Open311Error) {
        var problems: [Problem] = []
        func single(_ name: String) -> String? {
            let values = fields.values(name)
            if Set(values).count > 1 { problems.append(.conflictingValues(parameter: name)) }
            return values.first
        }

        let serviceCode = single("service_code")
        if serviceCode == nil { problems.append(.missingServiceCode) }

        let lat = single("lat")
        let long = single("long")
        var coordinates: Coordinates?
        switch (lat, long) {
        case (nil, nil): break
        case (let lat?, let long?):
            let latitude = Self.coordinate(lat, limit: 90)
            let longitude = Self.coordinate(long, limit: 180)
            if latitude == nil { problems.append(.invalidCoordinate(parameter: "lat", value: lat)) }
            if longitude == nil { problems.append(.invalidCoordinate(parameter: "long", value: long)) }
            if let latitude, let longitude { coordinates = Coordinates(latitude: latitude, longitude: longitude) }
        default:
            problems.append(.incompleteCoordinates)
        }
        let location = Location(coordinates: coordinates, addressString: single("address_string"), addressID: single("address_id"))
        if lat == nil, long == nil, location.addressString == nil, location.addressID == nil { problems.append(.missingLocation) }

        let description = single("description")
        if let description, description.count > Self.maximumDescriptionLength {
            problems.append(.descriptionTooLong(characters: description.count))
        }
        let mediaURL = single("media_url")
        if let mediaURL, !Self.isWebURL(mediaURL) {
            problems.append(.invalidParameter(name: "media_url", reason: "must be an http or https URL"))
        }

        var attributes: [String: [String]] = [:]
        for (name, value) in fields.pairs where !value.isEmpty {
            guard let code = Self.attributeCode(name) else {
                if name.hasPrefix("attribute[") {
                    problems.append(.invalidParameter(name: name, reason: "expected attribute[code] or attribute[code][]"))
                }
                continue
            }
            attributes[code, default: []].append(value)
        }

        let scalars = (
            jurisdiction: single("jurisdiction_id"), email: single("email"), device: single("device_id"), account: single("account_id"),
            first: single("first_name"), last: single("last_name"), phone: single("phone"), key: single("api_key")
        )
        guard problems.isEmpty, let serviceCode else { throw Open311Error(problems) }
        self.init(
            jurisdictionID: scalars.jurisdiction, serviceCode: serviceCode, location: location, email: scalars.email,
            deviceID: scalars.device, accountID: scalars.account, firstName: scalars.first, lastName: scalars.last,
            phone: scalars.phone, description: description, mediaURL: mediaURL, apiKey: scalars.key, attributes: attributes
        )
    }

    /// `attribute[WHISPAWN]` and `attribute[WHISPAWN][]` → `WHISPAWN`.
    static func attributeCode(_ name: String) -> String? {
        guard name.hasPrefix("attribute["), name.hasSuffix("]") else { return nil }
        var inner = name.dropFirst("attribute[".count).dropLast()
        if inner.hasSuffix("][") { inner = inner.dropLast(2) }
        guard !inner.isEmpty, !inner.contains("["), !inner.contains("]") else { return nil }
        return String(inner)
    }

    /// A plain decimal (`37.76524078`, `-122.4212043`, `1e-3` refused) within ±limit.
    static func coordinate(_ text: String, limit: Double) -> Double? {
        let trimmed = text.trimmingCharacters(" ")
        var digits = 0
        for (index, scalar) in trimmed.unicodeScalars.enumerated() {
            switch scalar {
            case "0"..."9": digits += 1
            case "-", "+": if index != 0 { return nil }
            case ".": continue
            default: return nil
            }
        }
        guard digits > 0, trimmed.filter({ $0 == "." }).count <= 1, let value = Double(trimmed), value.isFinite,
            abs(value) <= limit
        else { return nil }
        return value
    }

    static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return false }
        return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F }
            && text.count > (lower.hasPrefix("https://") ? 8 : 7)
    }
}

extension String {
    func trimmingCharacters(_ character: Character) -> String {
        var text = Substring(self)
        while text.first == character { text.removeFirst() }
        while text.last == character { text.removeLast() }
        return String(text)
    }
}

import WorkCalendar

extension WorkOrder {
    /// The order as the JSON its `Codable` conformance writes (members in sorted order, absent
    /// optionals left out), written directly: the server stores it with every change of an order,
    /// where `JSONEncoder` cost several per cent of a filing. Decoded with `JSONDecoder` as usual.
    public var json: String {
        var out = JSONText()
        out.open()
        if let v = acceptedAt { out.member("acceptedAt", v) }
        if let v = callbackAt { out.member("callbackAt", v) }
        out.member("category", category.rawValue)
        if let v = closedAt { out.member("closedAt", v) }
        out.member("coOrgs", coOrgs)
        if let v = dispatchedAt { out.member("dispatchedAt", v) }
        if let v = escalatedDeadline { out.member("escalatedDeadline", v.description) }
        out.member("extensionsApproved", Int64(extensionsApproved))
        out.member("handlingDeadline", handlingDeadline.description)
        if let v = id { out.member("id", v) }
        if let v = leadOrg { out.member("leadOrg", v) }
        if let v = mergedInto { out.member("mergedInto", v) }
        out.member("opinionsFrom", opinionsFrom)
        if let v = pendingExtension { out.member("pendingExtension", Int64(v)) }
        if let v = ratedAt { out.member("ratedAt", v) }
        out.member("ratings", ratings.map(Int64.init))
        out.member("receivedAt", receivedAt)
        if let v = remainingWorkdays { out.member("remainingWorkdays", Int64(v)) }
        out.member("reopenCount", Int64(reopenCount))
        out.member("reratingUsed", reratingUsed)
        if let v = resolvedAt { out.member("resolvedAt", v) }
        if let v = signForDeadline { out.member("signForDeadline", v) }
        out.member("state", state.rawValue)
        if let v = suspendedOn { out.member("suspendedOn", v.description) }
        out.member("urgent", urgent)
        out.close()
        return out.text
    }
}

/// A JSON object written member by member.
struct JSONText {
    var text = ""
    private var first = true

    mutating func open() { text.reserveCapacity(400); text += "{" }
    mutating func close() { text += "}" }

    private mutating func key(_ k: String) {
        if !first { text += "," }
        first = false
        text += "\""
        text += k
        text += "\":"
    }

    mutating func member(_ k: String, _ v: Int64) { key(k); text += String(v) }
    mutating func member(_ k: String, _ v: Bool) { key(k); text += v ? "true" : "false" }
    mutating func member(_ k: String, _ v: String) { key(k); string(v) }
    mutating func member(_ k: String, _ v: [String]) {
        key(k)
        text += "["
        for (i, s) in v.enumerated() {
            if i > 0 { text += "," }
            string(s)
        }
        text += "]"
    }
    mutating func member(_ k: String, _ v: [Int64]) {
        key(k)
        text += "[" + v.map(String.init).joined(separator: ",") + "]"
    }

    /// A string with JSON's escapes: quote, backslash, and control characters.
    private mutating func string(_ s: String) {
        text += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}

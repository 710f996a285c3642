extension ServiceRequestSubmission {
    /// Checks the attribute answers against the service's definition: every required input
    /// attribute answered; list answers among the listed keys (one for `singlevaluelist`); numbers
    /// numeric; datetimes W3C date-times; `string` on one line. Answers to codes the definition does
    /// not have, or to non-input attributes, are ignored, as clients send extras.
    public func check(against definition: ServiceDefinition) throws(Open311Error) {
        var problems: [Problem] = []
        for attribute in definition.attributes.sorted(by: { $0.order < $1.order }) where attribute.variable {
            let answers = attributes[attribute.code] ?? []
            if answers.isEmpty {
                if attribute.required { problems.append(.missingAttribute(code: attribute.code)) }
                continue
            }
            if let reason = Self.reason(answers, misfit: attribute) {
                problems.append(.invalidAttribute(code: attribute.code, reason: reason))
            }
        }
        if !problems.isEmpty { throw Open311Error(problems) }
    }

    private static func reason(_ answers: [String], misfit attribute: ServiceAttribute) -> String? {
        if attribute.datatype != .multivaluelist, answers.count > 1 { return "takes one value, got \(answers.count)" }
        let keys = Set(attribute.values.map(\.key))
        for answer in answers {
            switch attribute.datatype {
            case .singlevaluelist, .multivaluelist:
                if !keys.contains(answer) { return "\(answer) is not one of the listed values" }
            case .number:
                if Double(answer.trimmingCharacters(" "))?.isFinite != true { return "\(answer) is not a number" }
            case .datetime:
                if W3CDateTime(parsing: answer) == nil { return "\(answer) is not a date-time such as 2026-12-03T10:40:00+08:00" }
            case .string:
                if answer.contains(where: \.isNewline) { return "must be a single line" }
            case .text:
                break
            }
        }
        return nil
    }
}

import ProgrammeRules

// The talent programme's enumerations with their labels, for pages and spreadsheets.

extension Special: Labelled {
    public var label: Label { Label(chinese, english) }
}

extension CallState: Labelled {
    public var label: Label {
        switch self {
        case .draft: Label(chinese, "Draft")
        case .open: Label(chinese, "Open for applications")
        case .closed: Label(chinese, "Closed")
        case .inReview: Label(chinese, "In review")
        case .ranked: Label(chinese, "Ranked")
        case .inNotice: Label(chinese, "In public notice")
        case .final: Label(chinese, "Final")
        }
    }
}

extension ApplicationState: Labelled {
    public var label: Label {
        switch self {
        case .submitted: Label(chinese, "Submitted")
        case .returned: Label(chinese, "Returned for a fix")
        case .recommended: Label(chinese, "Recommended by the district")
        case .inReview: Label(chinese, "In review")
        case .rejected: Label(chinese, "Not accepted")
        case .withdrawn: Label(chinese, "Withdrawn")
        case .selected: Label(chinese, "Selected")
        case .notSelected: Label(chinese, "Not selected")
        }
    }
}

extension ConflictCause: Labelled {
    public var label: Label {
        switch self {
        case .isApplicant: Label(chinese, "Is the applicant")
        case .isTeamMember: Label(chinese, "Is a team member")
        case .sameEmployer: Label(chinese, "Same employer")
        case .declaredCollaborator: Label(chinese, "Declared collaborator")
        case .excludedByApplicant: Label(chinese, "Excluded by the applicant")
        case .declaredByReviewer: Label(chinese, "Declared by the reviewer")
        }
    }
}

extension LumpSumFunding.Stage: Labelled {
    public var label: Label {
        switch self {
        case .onApproval: Label(chinese, "On approval")
        case .afterMidTermReport: Label(chinese, "After the mid-term report")
        case .afterCompletionReview: Label(chinese, "After the completion review")
        }
    }
}

/// 回避规则: every reason a reviewer may not review an application, found as data.
public enum ConflictRules {
    /// 申请回避: an applicant may exclude at most this many reviewers.
    public static let maxExclusions = 3

    /// Refuses more than `maxExclusions` exclusions, a blank reason, or a reviewer named twice.
    public static func validateExclusions(_ exclusions: [ReviewerExclusion]) -> Result<Void, ProgrammeError> {
        if exclusions.count > maxExclusions {
            return .failure(.invalid("exclusions", "申请回避的专家不能超过\(maxExclusions)名",
                                     "at most \(maxExclusions) reviewers may be excluded"))
        }
        var seen: Set<Int64> = []
        for exclusion in exclusions {
            if TextRule.isBlank(exclusion.reason) {
                return .failure(.invalid("exclusions", "申请回避须说明理由", "each exclusion needs a reason"))
            }
            if !seen.insert(exclusion.reviewerId).inserted {
                return .failure(.invalid("exclusions", "同一专家重复申请回避", "reviewer \(exclusion.reviewerId) is excluded twice"))
            }
        }
        return .success(())
    }

    /// Every conflict between one reviewer and one application, causes in `ConflictCause` order.
    public static func conflicts(_ reviewer: ReviewerProfile, _ application: ApplicationParties) -> [Conflict] {
        var found: [Conflict] = []
        collect(reviewer, EmployerName(reviewer.employer), application, application.employers.map(EmployerName.init), into: &found)
        return found
    }

    /// The pairwise rule, with the employer names already normalised (the bulk search normalises
    /// each name once, not once per pair).
    static func collect(
        _ reviewer: ReviewerProfile, _ employer: EmployerName, _ application: ApplicationParties, _ employers: [EmployerName],
        into found: inout [Conflict]
    ) {
        func add(_ cause: ConflictCause, _ detail: String) {
            found.append(Conflict(reviewerId: reviewer.id, applicationId: application.id, cause: cause, detail: detail))
        }
        if let talent = reviewer.talentId {
            if talent == application.applicantTalentId { add(.isApplicant, "talent \(talent)") }
            if application.teamMemberTalentIds.contains(talent) { add(.isTeamMember, "talent \(talent)") }
        }
        if !employer.isBlank, employers.contains(employer) { add(.sameEmployer, employer.key) }
        if !reviewer.collaboratorTalentIds.isEmpty {
            if reviewer.collaboratorTalentIds.contains(application.applicantTalentId) {
                add(.declaredCollaborator, "talent \(application.applicantTalentId)")
            }
            for talent in application.teamMemberTalentIds.sorted() where reviewer.collaboratorTalentIds.contains(talent) {
                add(.declaredCollaborator, "talent \(talent)")
            }
        }
        for exclusion in application.exclusions where exclusion.reviewerId == reviewer.id {
            add(.excludedByApplicant, String(TextRule.trimmed(exclusion.reason)))
        }
        if reviewer.recusedApplicationIds.contains(application.id) { add(.declaredByReviewer, "recused") }
    }

    /// Every conflict between `reviewers` and `applications`, in application order, then reviewer
    /// order (as given), then cause order; the same as calling `conflicts(_:_:)` on every pair, but
    /// through indexes, so it costs about the number of conflicts rather than of pairs.
    public static func allConflicts(reviewers: [ReviewerProfile], applications: [ApplicationParties]) -> [Conflict] {
        var byTalent: [Int64: [Int]] = [:]
        var byEmployer: [EmployerName: [Int]] = [:]
        var byCollaborator: [Int64: [Int]] = [:]
        var byRecusal: [Int64: [Int]] = [:]
        var reviewerIndex: [Int64: [Int]] = [:]
        let reviewerEmployers = reviewers.map { EmployerName($0.employer) }
        for (index, reviewer) in reviewers.enumerated() {
            if let talent = reviewer.talentId { byTalent[talent, default: []].append(index) }
            let employer = reviewerEmployers[index]
            if !employer.isBlank { byEmployer[employer, default: []].append(index) }
            for talent in reviewer.collaboratorTalentIds { byCollaborator[talent, default: []].append(index) }
            for application in reviewer.recusedApplicationIds { byRecusal[application, default: []].append(index) }
            reviewerIndex[reviewer.id, default: []].append(index)
        }
        var found: [Conflict] = []
        for application in applications {
            // Candidates through any index, then the pairwise rule on each: one definition of a conflict.
            var candidates: [Int] = []
            for talent in [application.applicantTalentId] + Array(application.teamMemberTalentIds) {
                candidates += byTalent[talent] ?? []
                candidates += byCollaborator[talent] ?? []
            }
            let employers = application.employers.map(EmployerName.init)
            for employer in Set(employers) { candidates += byEmployer[employer] ?? [] }
            for exclusion in application.exclusions { candidates += reviewerIndex[exclusion.reviewerId] ?? [] }
            candidates += byRecusal[application.id] ?? []
            var previous = -1
            for index in candidates.sorted() where index != previous {
                previous = index
                collect(reviewers[index], reviewerEmployers[index], application, employers, into: &found)
            }
        }
        return found
    }
}

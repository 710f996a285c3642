/// An application's final score in its special, ready to rank.
public struct RankingEntry: Sendable, Equatable, Codable {
    public var applicationId: Int64
    public var special: Special
    public var score: Double

    public init(applicationId: Int64, special: Special, score: Double) {
        self.applicationId = applicationId
        self.special = special
        self.score = score
    }
}

/// One special's ranking (排序) and selection (遴选).
public struct SpecialRanking: Sendable, Equatable {
    /// One place in the list.
    public struct Place: Sendable, Equatable {
        public var applicationId: Int64
        public var score: Double
        /// Competition rank: 1 + the number of applications scoring strictly higher (beyond the
        /// tie tolerance), so tied applications share a rank (1, 2, 2, 4).
        public var rank: Int
    }

    /// A tie straddling the quota line: the committee (评审委员会) decides; the rules never pick.
    public struct Tie: Sendable, Equatable {
        /// The tied applications, in id order.
        public var applicationIds: [Int64]
        /// How many of them can still be selected: quota − selected.count (≥ 1, < applicationIds.count).
        public var placesLeft: Int
        public var score: Double
    }

    public var special: Special
    public var quota: Int
    /// Every application, best first (ties in id order).
    public var places: [Place]
    /// Selected for sure: above the line, or in a tie group that fits entirely under the quota.
    public var selected: [Int64]
    /// A tie at the quota line, if any.
    public var tie: Tie?
    /// Not selected for sure: everything after the line (and after the tie group).
    public var notSelected: [Int64]
}

/// 排序与遴选: rank each special by score and select within its quota.
public enum Ranking {
    /// Scores closer than this are equal. Adjacent scores in the sorted list are compared, so a
    /// run of scores each within the tolerance of the next forms one tie group.
    public static let tieTolerance = 1e-9

    /// Ranks every special present in `entries`, in `Special` order.
    ///
    /// Selection walks the tie groups from the top: a group that fits in the places left is
    /// selected whole; the first group that does not fit while places are left is reported as the
    /// `tie` with the number of places left (a single application never ties: it simply does not
    /// fit, since the places are then exhausted); everything after is not selected. Quota 0 selects
    /// nothing; a quota at least the number of applications selects all; everyone tied with a
    /// smaller quota is one tie for the committee.
    ///
    /// Refuses a repeated application, a score that is not finite, and a special without a quota
    /// or with a negative one.
    public static func rank(_ entries: [RankingEntry], quotas: [Special: Int]) -> Result<[SpecialRanking], ProgrammeError> {
        var bySpecial: [Special: [RankingEntry]] = [:]
        var seen = Set<Int64>(minimumCapacity: entries.count)
        for entry in entries {
            if !seen.insert(entry.applicationId).inserted {
                return .failure(.invalid("entries", "申报\(entry.applicationId)重复", "application \(entry.applicationId) appears twice"))
            }
            guard entry.score.isFinite else {
                return .failure(.invalid("entries", "申报\(entry.applicationId)的得分无效",
                                         "application \(entry.applicationId) has no finite score"))
            }
            bySpecial[entry.special, default: []].append(entry)
        }
        var rankings: [SpecialRanking] = []
        for special in Special.allCases {
            guard let list = bySpecial[special] else { continue }
            guard let quota = quotas[special], quota >= 0 else {
                return .failure(.invalid("quotas", "“\(special.chinese)”专项没有有效名额", "\(special.english) has no valid quota"))
            }
            rankings.append(rank(list, special: special, quota: quota))
        }
        return .success(rankings)
    }

    static func rank(_ list: [RankingEntry], special: Special, quota: Int) -> SpecialRanking {
        let sorted = list.sorted { x, y in x.score != y.score ? x.score > y.score : x.applicationId < y.applicationId }
        var places: [SpecialRanking.Place] = []
        places.reserveCapacity(sorted.count)
        var selected: [Int64] = []
        var notSelected: [Int64] = []
        var tie: SpecialRanking.Tie?
        var groupStart = 0
        while groupStart < sorted.count {
            var groupEnd = groupStart + 1
            while groupEnd < sorted.count && sorted[groupEnd - 1].score - sorted[groupEnd].score <= tieTolerance { groupEnd += 1 }
            let group = sorted[groupStart..<groupEnd]
            for entry in group { places.append(.init(applicationId: entry.applicationId, score: entry.score, rank: groupStart + 1)) }
            let left = quota - selected.count
            if tie != nil || left <= 0 {
                notSelected += group.map(\.applicationId)
            } else if group.count <= left {
                selected += group.map(\.applicationId)
            } else {
                tie = .init(applicationIds: group.map(\.applicationId).sorted(), placesLeft: left, score: group[groupStart].score)
            }
            groupStart = groupEnd
        }
        return SpecialRanking(special: special, quota: quota, places: places, selected: selected, tie: tie, notSelected: notSelected)
    }
}

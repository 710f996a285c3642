import Foundation
import WorkCalendar

/// The life of one version of an article: written (draft), checked by a second editor of the
/// issuing department (reviewed), offered to the desk and the portal (published), and no longer
/// offered (expired: by its date, by hand, or replaced by a newer published version).
public enum ArticleState: String, Sendable, CaseIterable, Codable {
    case draft, reviewed, published, expired

    public var chinese: String {
        switch self {
        case .draft: "草稿"
        case .reviewed: "已审核"
        case .published: "已发布"
        case .expired: "已失效"
        }
    }
}

/// What an editor writes: a new article, or a new version of one.
public struct ArticleInput: Sendable, Codable {
    public var title: String?
    public var body: String?
    public var category: String?
    public var keywords: [String]?
    public var items: [String]?
    /// `500000` for the whole city, or a district's code.
    public var scope: String?
    public var effectiveOn: String?
    public var expiresOn: String?
    /// The issuing department (the editor's own when absent; a city admin may name another).
    public var orgCode: String?

    public init(title: String? = nil, body: String? = nil, category: String? = nil, keywords: [String]? = nil, items: [String]? = nil,
                scope: String? = nil, effectiveOn: String? = nil, expiresOn: String? = nil, orgCode: String? = nil) {
        self.title = title; self.body = body; self.category = category; self.keywords = keywords; self.items = items
        self.scope = scope; self.effectiveOn = effectiveOn; self.expiresOn = expiresOn; self.orgCode = orgCode
    }
}

public struct ArticleVersion: Sendable, Equatable {
    public let version: Int
    public let title: String
    public let body: String
    public let category: String
    public let keywords: [String]
    public let items: [String]
    public let scope: String
    public let effectiveOn: LocalDate
    public let expiresOn: LocalDate?
    public let state: ArticleState
    public let writtenBy: String
    public let writtenAt: Int64
    public let reviewedBy: String?
    public let publishedAt: Int64?
}

/// An article: the version offered now (if any), the latest version, and its ratings.
public struct Article: Sendable {
    public let id: Int64
    public let orgCode: String
    public let published: ArticleVersion?
    public let latest: ArticleVersion
    public let helpful: Int
    public let unhelpful: Int

    /// What a reader sees: the published version, or for its editors the latest.
    public var shown: ArticleVersion { published ?? latest }
}

/// A hit of a search: the article, its title and a snippet with the matched words marked.
public struct ArticleHit: Sendable {
    public struct Segment: Sendable, Equatable {
        public let text: String
        public let match: Bool
    }

    public let id: Int64
    public let title: String
    public let category: String
    public let scope: String
    public let orgCode: String
    public let items: [String]
    public let expiresOn: LocalDate?
    public let titleSegments: [Segment]
    public let snippet: [Segment]
}

/// Which published articles a search covers.
public struct ArticleFilter: Sendable {
    public var category: String?
    public var item: String?
    /// A district: that district's articles and the city's; nil: all scopes.
    public var district: String?

    public init(category: String? = nil, item: String? = nil, district: String? = nil) {
        self.category = category; self.item = item; self.district = district
    }
}

/// An inquiry answered or put through without any article: something the knowledge base lacks.
public struct KnowledgeGap: Sendable {
    public let callId: Int64
    public let line: String
    public let question: String
    public let outcome: CallOutcome
    public let closedAt: Int64
    public let dispatcherName: String
}

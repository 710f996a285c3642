import Foundation
import Hummingbird
import ProgrammeRules
import YingcaiCore

/// 重庆英才计划 over HTTP: calls, applications and their steps, the reviewer pool, the assignment,
/// scores, the ranking and its ties, projects with their tranches and reports; and, without
/// sign-in, the public notice and objections to it.
struct ProgrammeController {
    let app: Yingcai
    var programme: Programme { app.programme }

    func year(_ context: AppContext) throws -> Int {
        guard let y = context.parameters.get("year", as: Int.self) else { throw Problem.notFound() }
        return y
    }

    func id(_ context: AppContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw Problem.notFound() }
        return id
    }

    func addPublic(to table: RouteTable) {
        table.add(.get, "/api/v1/programme/notice") { _, _ in
            try JSON.response(["items": try await programme.publicNotices().map(NoticeDTO.init)])
        }
        table.add(.post, "/api/v1/programme/notice/objections") { request, context in
            struct Body: Decodable { let year: Int; let applicationId: Int64; let name: String?; let phone: String?; let text: String? }
            let body = try await JSON.decode(Body.self, from: request, context: context)
            let order = try await programme.object(body.year, application: body.applicationId, name: body.name, phone: body.phone, text: body.text,
                                                   address: context.clientAddress(request))
            return try JSON.response(["number": order.number], status: .created)
        }
    }

    func add(to api: APIRoutes) {
        addCalls(api)
        addApplications(api)
        addReview(api)
        addProjects(api)
    }

    func addCalls(_ api: APIRoutes) {
        api.get("/programme/calls") { _, context in
            try JSON.response(["items": try await programme.calls(by: try context.user()).map(CallDTO.init)])
        }
        api.post("/programme/calls") { request, context in
            let user = try context.user()
            let bytes = try await request.bodyData(context)
            let input = try JSON.decode(CallInput.self, from: bytes)
            return try await idempotentCreate(app, request, context, body: bytes) { _ in
                try JSON.text(CallDTO(try await programme.createCall(input, by: user)))
            }
        }
        api.get("/programme/calls/{year}") { _, context in
            try JSON.response(CallDTO(try await programme.call(try year(context), by: try context.user())))
        }
        api.patch("/programme/calls/{year}") { request, context in
            let input = try await JSON.decode(CallInput.self, from: request, context: context)
            return try JSON.response(CallDTO(try await programme.updateCall(try year(context), input, by: try context.user())))
        }
        api.post("/programme/calls/{year}/{action}") { _, context in
            let action = context.parameters.get("action") ?? ""
            guard CallAction(rawValue: action) != nil else { throw Problem.notFound("没有这个操作 / no such action") }
            return try JSON.response(CallDTO(try await programme.act(onCall: try year(context), action, by: try context.user())))
        }
        api.get("/programme/calls/{year}/eligibility") { request, context in
            let user = try context.user()
            guard let talent = user.talentId else { throw Problem.notFound() }
            let check = try await programme.eligibility(try year(context), special: request.uri.queryParameters.get("special") ?? "", talent: talent)
            return try JSON.response(EligibilityDTO(eligible: check.holds, reason: check.reason, reasonEn: check.reasonEn))
        }
        api.get("/programme/calls/{year}/figures") { _, context in
            let user = try context.user()
            guard user.isCityTalentOffice || user.hasAny(.leader, .admin) else { throw Problem.notFound() }
            let f = try await programme.figures(try year(context))
            return try JSON.response(FiguresDTO(f))
        }
    }

    func addApplications(_ api: APIRoutes) {
        api.post("/programme/calls/{year}/applications") { request, context in
            let user = try context.user()
            let y = try year(context)
            let bytes = try await request.bodyData(context)
            let input = try JSON.decode(NewApplication.self, from: bytes)
            return try await idempotentCreate(app, request, context, body: bytes) { _ in
                try JSON.text(ApplicationDTO(try await programme.apply(y, input, by: user)))
            }
        }
        api.get("/programme/applications") { request, context in
            let q = request.uri.queryParameters
            let limit = try Paging.limit(q.get("limit"))
            let after = try Paging.id(q.get("cursor"), app.cursors)
            let items = try await programme.applications(.init(year: q.get("year").flatMap { Int($0) }, special: q.get("special"), state: q.get("state"),
                                                                district: q.get("districtCode"), limit: limit, after: after), by: try context.user())
            return try JSON.response(PageDTO(items: items.map { ApplicationDTO($0) }, nextCursor: items.count == limit ? items.last.map { app.cursors.seal(String($0.id)) } : nil))
        }
        api.get("/programme/applications/{id}") { _, context in
            let user = try context.user()
            let a = try await programme.application(try id(context), by: user)
            return try JSON.response(ApplicationDTO(a, actions: try await programme.availableActions(a, by: user),
                                                    materials: try await programme.materials(of: a.id, by: user),
                                                    events: try await programme.events("application", a.id), showScores: user.isCityTalentOffice))
        }
        api.post("/programme/applications/{id}/{action}") { request, context in
            let user = try context.user()
            let appId = try id(context)
            let bytes = try await request.bodyData(context)
            let action = context.parameters.get("action") ?? ""
            switch action {
            case "recuse":
                struct Body: Decodable { let reason: String? }
                try await programme.recuse(application: appId, reason: (bytes.isEmpty ? nil : try JSON.decode(Body.self, from: bytes))?.reason, by: user)
                return Response(status: .noContent)
            case "swap":
                struct Body: Decodable { let replace: String; let with: String; let reason: String? }
                let body = try JSON.decode(Body.self, from: bytes)
                let view = try await programme.swap(application: appId, replacing: try await userId(body.replace), with: try await userId(body.with),
                                                    reason: body.reason, by: user)
                return try JSON.response(AssignmentDTO(view))
            default:
                guard ApplicationAction.allNames.contains(action) else { throw Problem.notFound("没有这个操作 / no such action") }
                struct Body: Decodable { let reason: String? }
                let reason = bytes.isEmpty ? nil : try JSON.decode(Body.self, from: bytes).reason
                let a = try await programme.act(onApplication: appId, action, reason: reason, by: user)
                return try JSON.response(ApplicationDTO(a, actions: try await programme.availableActions(a, by: user)))
            }
        }
        // Its own route: the router takes the constant `scores` before `{action}`, for every method.
        api.post("/programme/applications/{id}/scores") { request, context in
            struct Body: Decodable { let scores: [String: Double]; let comment: String? }
            let body = try await JSON.decode(Body.self, from: request, context: context)
            return try JSON.response(ScoreDTO(try await programme.score(application: try id(context), scores: body.scores, comment: body.comment,
                                                                        by: try context.user())))
        }
        api.get("/programme/applications/{id}/materials/{code}") { _, context in
            let (upload, data) = try await programme.material(try id(context), code: context.parameters.get("code") ?? "", by: try context.user())
            return UploadsController.download(upload, data)
        }
        api.get("/programme/applications/{id}/scores") { _, context in
            try JSON.response(["items": try await programme.scores(of: try id(context), by: try context.user()).map(ScoreDTO.init)])
        }
    }

    func userId(_ username: String) async throws -> Int64 {
        guard let u = try await app.accounts.user(username: username) else { throw CoreError.invalid("reviewer", "专家 \(username) 不存在 / no such reviewer") }
        return u.id
    }

    func addReview(_ api: APIRoutes) {
        api.get("/programme/reviewers") { request, context in
            let q = request.uri.queryParameters
            let limit = try Paging.limit(q.get("limit"))
            let items = try await programme.reviewers(by: try context.user(), limit: limit, after: try Paging.id(q.get("cursor"), app.cursors))
            return try JSON.response(PageDTO(items: items.map(ReviewerDTO.init), nextCursor: items.count == limit ? items.last.map { app.cursors.seal(String($0.userId)) } : nil))
        }
        api.put("/programme/reviewers/{username}") { request, context in
            let input = try await JSON.decode(ReviewerInput.self, from: request, context: context)
            return try JSON.response(ReviewerDTO(try await programme.setReviewer(context.parameters.get("username") ?? "", input, by: try context.user())))
        }
        api.get("/programme/me/reviews") { _, context in
            let tasks = try await programme.reviewTasks(by: try context.user())
            return try JSON.response(["items": tasks.map(ReviewTaskDTO.init)])
        }
        api.post("/programme/calls/{year}/assignment") { _, context in
            try JSON.response(AssignmentDTO(try await programme.assign(try year(context), by: try context.user())))
        }
        api.get("/programme/calls/{year}/assignment") { _, context in
            try JSON.response(AssignmentDTO(try await programme.assignment(try year(context), by: try context.user())))
        }
        api.get("/programme/calls/{year}/ranking") { request, context in
            let special = request.uri.queryParameters.get("special") ?? ""
            return try JSON.response(RankingDTO(try await programme.ranking(try year(context), special: special, by: try context.user())))
        }
        api.post("/programme/calls/{year}/ties") { request, context in
            struct Body: Decodable { let special: String; let selected: [Int64] }
            let body = try await JSON.decode(Body.self, from: request, context: context)
            return try JSON.response(RankingDTO(try await programme.decideTie(try year(context), special: body.special, selected: body.selected,
                                                                             by: try context.user())))
        }
    }

    func addProjects(_ api: APIRoutes) {
        api.get("/programme/projects") { request, context in
            let year = request.uri.queryParameters.get("year").flatMap { Int($0) }
            let limit = try Paging.limit(request.uri.queryParameters.get("limit"))
            let after = try Paging.id(request.uri.queryParameters.get("cursor"), app.cursors)
            let items = try await programme.projects(year: year, by: try context.user(), limit: limit, after: after)
            return try JSON.response(PageDTO(items: items.map(ProjectDTO.init),
                                             nextCursor: items.count == limit ? items.last.map { app.cursors.seal(String($0.application.id)) } : nil))
        }
        api.get("/programme/projects/{id}") { _, context in
            try JSON.response(ProjectDTO(try await programme.project(try id(context), by: try context.user())))
        }
        api.post("/programme/projects/{id}/{action}") { request, context in
            let user = try context.user()
            let projectId = try id(context)
            let bytes = try await request.bodyData(context)
            switch context.parameters.get("action") ?? "" {
            case "plan":
                struct Body: Decodable { let categories: [String: Int64] }
                return try JSON.response(ProjectDTO(try await programme.planSpending(projectId, try JSON.decode(Body.self, from: bytes).categories, by: user)))
            case "reports":
                struct Body: Decodable { let kind: String; let text: String?; let spending: [String: Int64]? }
                let b = try JSON.decode(Body.self, from: bytes)
                return try JSON.response(ProjectDTO(try await programme.report(projectId, kind: b.kind, text: b.text, spending: b.spending ?? [:], by: user)),
                                         status: .created)
            case "midterm", "completion":
                struct Body: Decodable { let result: String? }
                let result = bytes.isEmpty ? nil : try JSON.decode(Body.self, from: bytes).result
                return try JSON.response(ProjectDTO(try await programme.review(projectId, stage: context.parameters.get("action")!, result: result, by: user)))
            default:
                throw Problem.notFound("没有这个操作 / no such action")
            }
        }
    }
}

struct EligibilityDTO: Encodable {
    let eligible: Bool
    let reason: String
    let reasonEn: String
}

struct ReviewerDTO: Encodable {
    let username: String
    let name: String
    let field: String
    let employer: String
    let collaborators: [Int64]
    let maxLoad: Int
    init(_ r: ProgrammeReviewer) {
        username = r.username; name = r.displayName; field = r.field; employer = r.employer; collaborators = r.collaboratorIds; maxLoad = r.maxLoad
    }
}

struct ReviewTaskDTO: Encodable {
    let application: ApplicationDTO
    let rubric: [Rubric.Criterion]
    let myScore: ScoreDTO?
    let open: Bool
    init(_ t: ReviewTask) {
        application = ApplicationDTO(t.application); rubric = t.rubric.criteria; myScore = t.myScore.map(ScoreDTO.init); open = t.open
    }
}

struct FiguresDTO: Encodable {
    struct Line: Encodable {
        let special: String
        let applications: Int
        let selected: Int
        let budgetYuan: Int64
        let paidYuan: Int64
    }

    let year: Int
    let applications: Int
    let selected: Int
    let budgetYuan: Int64
    let paidYuan: Int64
    let specials: [Line]
    init(_ f: Programme.Figures) {
        year = f.year; applications = f.applications; selected = f.selected; budgetYuan = f.budgetYuan; paidYuan = f.paidYuan
        specials = f.lines.map { Line(special: $0.special.rawValue, applications: $0.applications, selected: $0.selected,
                                      budgetYuan: $0.budgetYuan, paidYuan: $0.paidYuan) }
    }
}

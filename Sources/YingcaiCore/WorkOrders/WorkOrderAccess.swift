import Organisations
import WorkOrderRules

/// Who may see an order, and in which capacities a user acts on it.
struct WorkOrderAccess {
    let tree: OrgTree
    let principal: Principal
    /// The butler of the order's talent, if any.
    let butlerId: Int64?

    func isRequester(_ r: WorkOrderRecord) -> Bool {
        (r.requesterId != nil && r.requesterId == principal.userId)
            || (r.talentId != nil && principal.has(.talent) && principal.talentId == r.talentId)
    }

    func isButler(_ r: WorkOrderRecord) -> Bool {
        principal.has(.butler) && ((butlerId != nil && butlerId == principal.userId) || r.filedBy == principal.userId)
    }

    /// Staff whose area holds the order's district.
    func coversDistrict(_ r: WorkOrderRecord) -> Bool {
        guard let district = OrgCode(r.districtCode) else { return false }
        return tree.isWithin(district, tree.area(of: principal.org))
    }

    func isLeadHandler(_ r: WorkOrderRecord) -> Bool {
        principal.hasAny(.handler, .admin) && r.rules.leadOrg == principal.org.rawValue
    }

    func isCoHandler(_ r: WorkOrderRecord) -> Bool {
        principal.hasAny(.handler, .admin) && r.rules.coOrgs.contains(principal.org.rawValue)
    }

    /// A user sees the orders they asked for or filed, those of their talents (a butler), those their
    /// org handles, and, for dispatchers, supervisors, leaders and admins, those of their area.
    func canSee(_ r: WorkOrderRecord) -> Bool {
        if isRequester(r) || isButler(r) || r.filedBy == principal.userId { return true }
        if isLeadHandler(r) || isCoHandler(r) { return true }
        if principal.hasAny(.dispatcher, .supervisor, .leader, .admin) { return coversDistrict(r) }
        return false
    }

    func actor(for r: WorkOrderRecord) -> WorkOrderActor {
        var capacities = Set<Capacity>()
        if isRequester(r) || isButler(r) { capacities.insert(.requester) }
        if principal.has(.dispatcher), coversDistrict(r) {
            capacities.insert(.dispatcher)
            // 回访: the hotline records the rating of a caller who has no account.
            if r.requesterId == nil { capacities.insert(.requester) }
        }
        if isLeadHandler(r) { capacities.insert(.leadHandler) }
        if principal.hasAny(.handler, .admin), r.rules.coOrgs.contains(principal.org.rawValue) {
            capacities.insert(.coHandler(org: principal.org.rawValue))
        }
        if principal.has(.supervisor), coversDistrict(r) { capacities.insert(.supervisor) }
        return WorkOrderActor(capacities)
    }
}

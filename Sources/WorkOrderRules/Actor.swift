/// In what role someone acts on one particular order. The API layer works this out from the
/// user and the order (a handler of the order's `leadOrg` is its `leadHandler`, of one of its
/// `coOrgs` a `coHandler`, the person who filed it its `requester`, …); the rules only ask
/// whether the needed capacity is there.
public enum Capacity: Hashable, Sendable {
    /// 诉求人: the person who filed the order.
    case requester
    /// 派单员 of the hotline.
    case dispatcher
    /// 主办单位的承办人: a handler of the order's lead organisation.
    case leadHandler
    /// 协办单位的承办人: a handler of the co-organisation `org`.
    case coHandler(org: String)
    /// 督办人: a supervisor of the node above.
    case supervisor
    /// The server itself: automatic routing, closing and escalation (scheduled jobs).
    case system
}

/// Whoever issues a command, with every capacity they hold for this order (one user may be,
/// say, both dispatcher and supervisor).
public struct Actor: Sendable, Hashable {
    public var capacities: Set<Capacity>

    public init(_ capacities: Set<Capacity>) {
        self.capacities = capacities
    }

    public init(_ capacities: Capacity...) {
        self.capacities = Set(capacities)
    }

    public func has(_ capacity: Capacity) -> Bool { capacities.contains(capacity) }

    public static let requester = Actor(.requester)
    public static let dispatcher = Actor(.dispatcher)
    public static let leadHandler = Actor(.leadHandler)
    public static let supervisor = Actor(.supervisor)
    public static let system = Actor(.system)
    public static func coHandler(_ org: String) -> Actor { Actor(.coHandler(org: org)) }
}

/// An unambiguous name for `Actor`: a module that also sees Swift's `Actor` protocol (or has
/// an `Actor` of its own) cannot write `WorkOrderRules.Actor`, because the enum
/// `WorkOrderRules` hides the module of the same name.
public typealias WorkOrderActor = Actor

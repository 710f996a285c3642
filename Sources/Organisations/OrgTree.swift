/// The organisation tree, held in memory: a few thousand nodes even for a city with its streets.
/// Visibility questions ("is this record under my node?") are answered here without the database.
public struct OrgTree: Sendable {
    public private(set) var nodes: [OrgCode: OrgNode] = [:]
    private var children: [OrgCode: [OrgCode]] = [:]
    public private(set) var root: OrgCode?

    public init(_ nodes: [OrgNode] = []) {
        for node in nodes { insert(node) }
    }

    public mutating func insert(_ node: OrgNode) {
        nodes[node.code] = node
        if let parent = node.parent {
            children[parent, default: []].append(node.code)
        } else {
            root = node.code
        }
    }

    public subscript(code: OrgCode) -> OrgNode? { nodes[code] }

    public func children(of code: OrgCode) -> [OrgNode] {
        (children[code] ?? []).compactMap { nodes[$0] }.sorted { $0.code < $1.code }
    }

    /// The chain from the root down to `code` (both included).
    public func ancestry(of code: OrgCode) -> [OrgCode] {
        var chain: [OrgCode] = []
        var current: OrgCode? = code
        while let c = current, let node = nodes[c] {
            chain.append(c)
            current = node.parent
            if chain.count > 64 { break }  // a cycle in bad reference data must not hang a request
        }
        return chain.reversed()
    }

    /// Whether `code` is `ancestor` or lies below it.
    public func isWithin(_ code: OrgCode, _ ancestor: OrgCode) -> Bool {
        var current: OrgCode? = code
        var steps = 0
        while let c = current, steps < 64 {
            if c == ancestor { return true }
            current = nodes[c]?.parent
            steps += 1
        }
        return false
    }

    /// The node whose area a user of `org` works for: a department acts for the node it belongs to
    /// (`500112:HRSS` sees what belongs to Yubei).
    public func area(of org: OrgCode) -> OrgCode {
        if let node = nodes[org], node.kind == .department, let parent = node.parent { return parent }
        return org
    }

    /// The district-level node (district, county or functional zone) at or above `code`, if any.
    public func district(of code: OrgCode) -> OrgCode? {
        ancestry(of: code).first { nodes[$0]?.kind.isDistrictLevel == true }
    }

    /// Every district-level node under (or at) `area`.
    public func districts(within area: OrgCode) -> [OrgCode] {
        nodes.values.filter { $0.kind.isDistrictLevel && isWithin($0.code, area) }.map(\.code).sorted()
    }

    /// Every district-level node of the whole tree, by code: what a form lets one choose from.
    public var allDistricts: [OrgNode] {
        guard let root else { return [] }
        return districts(within: root).compactMap { nodes[$0] }
    }

    /// All nodes at or below `code`, depth first.
    public func subtree(of code: OrgCode) -> [OrgNode] {
        guard let node = nodes[code] else { return [] }
        return [node] + children(of: code).flatMap { subtree(of: $0.code) }
    }
}

/// Bounds checked while parsing. Evaluation cost is linear in the size of the tree, so bounding
/// the source, the number of nodes and the depth bounds both evaluation time and stack use of
/// every recursive walk (checker, printer, compiler, evaluators) even on hostile input.
public struct ParseLimits: Hashable, Sendable {
    /// Source length in UTF-8 bytes.
    public var maxSourceBytes: Int
    /// Nesting depth: parentheses, brackets, calls, `not`, `if` and operator chains.
    public var maxDepth: Int
    /// Expression nodes in the whole file.
    public var maxNodes: Int

    public init(maxSourceBytes: Int = 65_536, maxDepth: Int = 64, maxNodes: Int = 4_096) {
        self.maxSourceBytes = maxSourceBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    public static let standard = ParseLimits()
}

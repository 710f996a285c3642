/// Settings of the core that an operator may change (environment variables; see the README).
public struct CoreConfiguration: Sendable {
    /// How long a bearer token lives, in seconds (8 hours).
    public var tokenLifetimeSeconds: Int64 = 8 * 3600
    /// How long an instance trusts a token it has checked without asking the database again; a
    /// sign-out on another instance takes effect here within this time (0: ask every time).
    public var sessionCacheSeconds: Int64 = 5
    /// On PostgreSQL: how many merged writes of new work orders may be on their way at once (each
    /// holds a pooled connection while it commits; see `WriteCoalescer`).
    public var filingWriters = 2
    /// How many figures requests an instance sums at once (`YINGCAI_FIGURES_AT_ONCE`); the others
    /// wait their turn in the order they came (`TurnGate`). Measured with 8 clients asking for the
    /// city's figures, on Citus with all three nodes on two cores: all 8 at once, p95 54-65 ms;
    /// 4 at once, 40-43 ms at the same rate; 2, fewer answers (the cores idle between a request's
    /// statements).
    public var figuresAtOnce = 4
    /// bcrypt cost: 12 takes ~260 ms per hash in release on these machines.
    public var bcryptCost: UInt8 = 12
    /// How failed sign-ins slow the next attempt, by username and client address.
    public var signInThrottle = SignInThrottle()
    /// How long an idempotency key is remembered.
    public var idempotencyWindowSeconds: Int64 = 24 * 3600
    /// Open311's `jurisdiction_id` for this deployment (`YINGCAI_OPEN311_JURISDICTION`).
    public var open311Jurisdiction = "cq.yingcai"
    /// The 公众号 (`YINGCAI_WECHAT_*`); nil: the WeChat channel is off.
    public var wechat: WeChatAccount?

    public init() {}
}

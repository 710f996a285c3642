/// What the code lets the holder use (人才服务权益), as a 32-bit mask in the payload.
///
/// Bits are part of the wire format: never renumber, only add. Unknown bits from a newer
/// issuer are kept (a verifier shows what it knows and ignores the rest).
public struct Entitlements: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// 医疗绿色通道 — priority registration and care at designated hospitals. Bit 0.
    public static let medicalGreenChannel = Entitlements(rawValue: 1 << 0)
    /// 机场贵宾通道 — airport VIP lane. Bit 1.
    public static let airportVIPLane = Entitlements(rawValue: 1 << 1)
    /// 子女入学 — children's schooling placement. Bit 2.
    public static let childrenSchooling = Entitlements(rawValue: 1 << 2)
    /// 人才住房 — talent housing. Bit 3.
    public static let housing = Entitlements(rawValue: 1 << 3)
    /// 交通出行 — public transport concessions. Bit 4.
    public static let transport = Entitlements(rawValue: 1 << 4)
    /// 文旅 — culture and tourism: scenic spots, museums, venues. Bit 5.
    public static let cultureTourism = Entitlements(rawValue: 1 << 5)
    /// 政务服务 — government services fast lane. Bit 6.
    public static let publicServices = Entitlements(rawValue: 1 << 6)
    /// 配偶就业 — spouse employment assistance. Bit 7.
    public static let spouseEmployment = Entitlements(rawValue: 1 << 7)

    /// Every entitlement this module knows, in bit order, with Chinese and English names.
    public static let known: [(entitlement: Entitlements, chinese: String, english: String)] = [
        (.medicalGreenChannel, "医疗绿色通道", "medical green channel"),
        (.airportVIPLane, "机场贵宾通道", "airport VIP lane"),
        (.childrenSchooling, "子女入学", "children's schooling"),
        (.housing, "人才住房", "talent housing"),
        (.transport, "交通出行", "transport"),
        (.cultureTourism, "文旅", "culture and tourism"),
        (.publicServices, "政务服务", "public services"),
        (.spouseEmployment, "配偶就业", "spouse employment"),
    ]

    /// Chinese names of the known entitlements present, in bit order.
    public var chineseNames: [String] { Self.known.filter { contains($0.entitlement) }.map(\.chinese) }
    /// English names of the known entitlements present, in bit order.
    public var englishNames: [String] { Self.known.filter { contains($0.entitlement) }.map(\.english) }
}

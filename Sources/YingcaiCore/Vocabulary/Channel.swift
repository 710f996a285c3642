/// 受理渠道: how an order reached the platform. The seeds name four (phone, web, WeChat, the
/// platform's own windows); grid reports and proactive payouts are the others.
public enum Channel: String, Labelled, Codable {
    case web
    case wechat
    case phone
    case window
    case grid
    case proactive
    /// Open311 GeoReport v2: an existing 311 client or city tool, with an API key.
    case open311

    public var label: Label {
        switch self {
        case .web: Label("网上办理", "Web")
        case .wechat: Label("微信公众号", "WeChat")
        case .phone: Label("热线电话", "Phone")
        case .window: Label("窗口", "Service window")
        case .grid: Label("网格上报", "Grid report")
        case .proactive: Label("免申即享", "Proactive payout")
        case .open311: Label("Open311 接口", "Open311")
        }
    }

    /// The channels a catalog item can be offered on (the others are not applications by a talent).
    public static let applicationChannels: [Channel] = [.web, .wechat, .phone, .window]
}

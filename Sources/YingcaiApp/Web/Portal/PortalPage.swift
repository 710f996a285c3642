import Organisations
import YingcaiCore

/// 我的英才服务: the talent's tier and card, their live code, their butler, their open orders and
/// the policies that pay them (and those they miss, with the condition missed).
struct PortalPage: Sendable {
    struct Standing: Sendable {
        let tier: String
        let tierLabel: String
        let talentName: String
        let districtName: String
    }

    struct Card: Sendable {
        let number: String
        let statusName: String
        let validUntil: String
    }

    struct Butler: Sendable {
        let name: String
        let phone: String?
    }

    struct Policy: Sendable {
        let name: String
        let amount: String
        let periodName: String
        let payoutStateName: String
        let payoutId: Int64?
        let canConfirm: Bool
    }

    struct Missed: Sendable {
        let name: String
        let missing: String
    }

    /// 重庆英才计划: the talent's applications and funded projects.
    struct ProgrammeItem: Sendable {
        let href: String
        let text: String
        let stateName: String
    }

    /// 微信公众号绑定: the code to send in the chat, or the follower bound; nil when WeChat is off.
    struct WeChat: Sendable {
        let title: String
        let account: String
        let bound: Bool
        let status: String
        let code: String?
        let instructions: String?
        let button: String
        let unbind: String
    }

    let talent: Standing
    let card: Card?
    let codeAvailable: Bool
    let codeReason: String?
    let butler: Butler?
    let orders: [OrderRow]
    let eligible: [Policy]
    let missed: [Missed]
    let programme: [ProgrammeItem]
    let wechat: WeChat?
}

import Foundation
import WorkCalendar
import WorkOrderRules
import YingcaiCore

/// A work order as the API shows it.
struct WorkOrderDTO: JSONWritable {
    let view: WorkOrderView

    func write(to json: inout JSONWriter) {
        let r = view.record
        let o = r.rules
        json.beginObject()
        json.key("id"); json.int(r.id)
        json.key("number"); json.string(r.number)
        json.key("state"); json.string(o.state.rawValue)
        json.key("stateName"); json.string(o.state.chinese)
        json.key("channel"); json.string(r.channel)
        json.key("category"); json.string(o.category.rawValue)
        json.key("serviceItemCode"); json.string(r.serviceItemCode)
        json.key("talentId"); json.int(r.talentId)
        json.key("contact")
        if r.contactName == nil && r.contactPhoneMasked == nil { json.null() } else {
            json.beginObject()
            json.key("name"); json.string(r.contactName)
            json.key("phone"); json.string(r.contactPhoneMasked)
            json.endObject()
        }
        json.key("title"); json.string(r.title)
        json.key("content"); json.string(r.content)
        json.key("districtCode"); json.string(r.districtCode)
        json.key("urgent"); json.bool(o.urgent)
        json.key("form"); json.raw(r.form)
        json.key("leadOrg"); json.string(o.leadOrg)
        json.key("coOrgs"); json.strings(o.coOrgs)
        json.key("opinionsFrom"); json.strings(o.opinionsFrom)
        json.key("receivedAt"); json.string(RFC3339.string(o.receivedAt))
        json.key("handlingDeadline"); json.string(RFC3339.string(view.handlingDeadlineAt))
        json.key("deadlines")
        json.beginObject()
        json.key("handlingDate"); json.string(o.handlingDeadline.description)
        json.key("handling"); json.string(RFC3339.string(view.handlingDeadlineAt))
        json.key("signFor"); json.string(o.signForDeadline.map(RFC3339.string))
        json.key("autoClose"); json.string(view.autoCloseAt.map(RFC3339.string))
        json.endObject()
        json.key("warning"); json.string(view.warning.rawValue)
        json.key("queue"); json.string(r.queue?.rawValue)
        json.key("dispatchedAt"); json.string(o.dispatchedAt.map(RFC3339.string))
        json.key("acceptedAt"); json.string(o.acceptedAt.map(RFC3339.string))
        json.key("resolvedAt"); json.string(o.resolvedAt.map(RFC3339.string))
        json.key("onTime")
        if let onTime = o.resolvedOnTime { json.bool(onTime) } else { json.null() }
        json.key("rating"); json.int(o.latestRating.map(Int64.init))
        json.key("ratings"); json.beginArray(); for r in o.ratings { json.int(Int64(r)) }; json.endArray()
        json.key("extensionsApproved"); json.int(Int64(o.extensionsApproved))
        json.key("pendingExtension"); json.int(o.pendingExtension.map(Int64.init))
        json.key("mergedInto"); json.int(o.mergedInto)
        json.key("closedAt"); json.string(o.closedAt.map(RFC3339.string))
        json.key("availableActions"); json.strings(view.availableActions)
        if let timeline = view.timeline {
            json.key("timeline")
            json.beginArray()
            for e in timeline {
                json.beginObject()
                json.key("seq"); json.int(Int64(e.seq))
                json.key("at"); json.string(RFC3339.string(e.at))
                json.key("actor"); json.string(e.actorName)
                json.key("action"); json.string(e.action)
                json.key("from"); json.string(e.from)
                json.key("to"); json.string(e.to)
                json.key("note"); json.string(e.note)
                json.key("data"); json.string(e.data)
                json.key("hash"); json.string(e.hash.map { String(format: "%02x", $0) }.joined())
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
    }
}

struct WorkOrderPageDTO: JSONWritable {
    let items: [WorkOrderView]
    let nextCursor: String?

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("items")
        json.beginArray()
        for v in items { WorkOrderDTO(view: v).write(to: &json) }
        json.endArray()
        json.key("nextCursor"); json.string(nextCursor)
        json.endObject()
    }
}

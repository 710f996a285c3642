import Foundation

/// Charts drawn as SVG by the server: no script, no library, readable on a wall and a phone.
enum Charts {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Horizontal bars, one row per item, the value written at the end of each bar.
    static func bars(_ items: [(label: String, value: Double, text: String)], title: String) -> String {
        let rowHeight = 26, labelWidth = 150, barWidth = 260, width = labelWidth + barWidth + 80
        let height = max(1, items.count) * rowHeight + 8
        let maxValue = max(items.map(\.value).max() ?? 1, 1)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(title))\" class=\"bars\">"
        out += "<title>\(escape(title))</title>"
        for (i, item) in items.enumerated() {
            let y = 4 + i * rowHeight
            let w = Int((item.value / maxValue) * Double(barWidth))
            out += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 17)\" text-anchor=\"end\" class=\"label\">\(escape(item.label))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(max(w, 1))\" height=\"\(rowHeight - 8)\" rx=\"3\" class=\"bar\"/>"
            out += "<text x=\"\(labelWidth + max(w, 1) + 6)\" y=\"\(y + 17)\" class=\"value\">\(escape(item.text))</text>"
        }
        return out + "</svg>"
    }

    /// Columns over time (weeks), with the first and last labels under the axis.
    static func columns(_ items: [(label: String, value: Double)], title: String) -> String {
        let width = 480, height = 200, left = 30, bottom = 30, top = 10
        let n = max(items.count, 1)
        let slot = Double(width - left - 10) / Double(n)
        let maxValue = max(items.map(\.value).max() ?? 1, 1)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(title))\" class=\"columns\">"
        out += "<title>\(escape(title))</title>"
        out += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 10)\" y2=\"\(height - bottom)\" class=\"axis\"/>"
        out += "<text x=\"\(left - 4)\" y=\"\(top + 10)\" text-anchor=\"end\" class=\"label\">\(Int(maxValue))</text>"
        for (i, item) in items.enumerated() {
            let h = Int(item.value / maxValue * Double(height - bottom - top))
            let x = Double(left) + Double(i) * slot + slot * 0.15
            out += "<rect x=\"\(Int(x))\" y=\"\(height - bottom - h)\" width=\"\(max(1, Int(slot * 0.7)))\" height=\"\(h)\" class=\"bar\"><title>\(escape(item.label)): \(Int(item.value))</title></rect>"
            if i == 0 || i == items.count - 1 || i == items.count / 2 {
                out += "<text x=\"\(Int(x + slot * 0.35))\" y=\"\(height - 10)\" text-anchor=\"middle\" class=\"label\">\(escape(item.label))</text>"
            }
        }
        return out + "</svg>"
    }
}

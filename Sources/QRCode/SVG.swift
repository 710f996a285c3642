extension QRCode {
    /// A compact SVG: a white background and a single `<path>` whose subpaths are the
    /// horizontal runs of dark modules. The viewBox is in module units, so the image scales
    /// losslessly; `moduleSize` only sets the intrinsic width/height in pixels.
    /// `shape-rendering="crispEdges"` stops anti-aliasing seams between adjacent runs.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String? = nil) -> String {
        let quiet = max(0, quietZone)
        let extent = size + 2 * quiet
        let pixels = extent * max(1, moduleSize)

        var path = ""
        path.reserveCapacity(size * size)
        for y in 0..<size {
            var x = 0
            while x < size {
                guard self[x, y] else { x += 1; continue }
                let start = x
                while x < size && self[x, y] { x += 1 }
                let run = x - start
                // Absolute move, then a 1-module-high rectangle drawn with relative lines.
                path += "M\(start + quiet) \(y + quiet)h\(run)v1h-\(run)z"
            }
        }

        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(pixels)" height="\#(pixels)""#
        svg += #" viewBox="0 0 \#(extent) \#(extent)" shape-rendering="crispEdges""#
        if let title {
            svg += #" role="img"><title>\#(escapeXML(title))</title>"#
        } else {
            svg += ">"
        }
        svg += ##"<rect width="\##(extent)" height="\##(extent)" fill="#fff"/>"##
        svg += ##"<path fill="#000" d="\##(path)"/></svg>"##
        return svg
    }
}

/// Escapes the five XML special characters, enough for text content and attribute values.
func escapeXML(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&apos;"
        default: result.append(character)
        }
    }
    return result
}

/// An encoded QR Code symbol (Model 2, byte mode), immutable and cheap to share.
public struct QRCode: Sendable {
    /// 1…40; the smallest version that holds the payload at the requested level.
    public let version: Int
    /// Modules per side, 17 + 4 × version, without quiet zone.
    public let size: Int
    /// The data mask (0…7) that scored lowest under the standard's penalty rules.
    public let mask: Int
    public let correction: ErrorCorrection
    /// Row-major, `true` = dark.
    let modules: [Bool]

    /// Encodes `bytes` in byte mode at `correction`, in the smallest version that fits.
    public init(bytes: [UInt8], correction: ErrorCorrection = .medium) throws(QRCodeError) {
        guard let version = DataEncoding.smallestVersion(byteCount: bytes.count, level: correction) else {
            throw .dataTooLong(bytes: bytes.count, max: QRCode.capacity(version: 40, correction: correction))
        }
        let data = DataEncoding.codewords(for: bytes, version: version, level: correction)
        let codewords = Interleaving.finalCodewords(data: data, version: version, level: correction)

        var matrix = ModuleMatrix(size: Tables.size(version: version))
        matrix.drawFunctionPatterns(version: version)
        matrix.placeCodewords(codewords)
        let mask = matrix.applyBestMask(level: correction)

        self.version = version
        self.size = matrix.size
        self.mask = mask
        self.correction = correction
        self.modules = matrix.modules
    }

    /// Encodes the UTF-8 bytes of `text`. No ECI header is written: current phone scanners
    /// detect UTF-8 in byte mode, and an ECI would cost space and confuse some older readers.
    public init(text: String, correction: ErrorCorrection = .medium) throws(QRCodeError) {
        try self.init(bytes: Array(text.utf8), correction: correction)
    }

    /// Whether the module at column `x`, row `y` is dark. Outside the symbol is light
    /// (the quiet zone), so renderers may read a margin without bounds checks.
    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// Largest byte-mode payload for a version and level (e.g. 14 bytes for 1-M, 2331 for 40-M).
    public static func capacity(version: Int, correction: ErrorCorrection) -> Int {
        precondition(Tables.versions.contains(version), "version must be 1...40")
        return Tables.byteCapacity(version: version, level: correction)
    }
}

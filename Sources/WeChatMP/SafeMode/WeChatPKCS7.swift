/// PKCS#7 padding as WeChat applies it: to a multiple of 32 bytes (not AES's 16), always adding
/// 1–32 bytes whose value is their count. swift-crypto's CBC pads to 16, so it runs with
/// `noPadding: true` and this pads instead.
enum WeChatPKCS7 {
    static let blockSize = 32

    static func pad(_ bytes: inout [UInt8]) {
        let count = blockSize - bytes.count % blockSize
        bytes.append(contentsOf: repeatElement(UInt8(count), count: count))
    }

    /// The length without padding. wechatpy trusts the last byte; this also checks that every
    /// padding byte agrees, which WeChat's own frames always satisfy.
    static func unpaddedCount(_ bytes: [UInt8]) throws(WeChatError) -> Int {
        guard let last = bytes.last, (1...blockSize).contains(Int(last)), Int(last) <= bytes.count else {
            throw .invalidPadding
        }
        let start = bytes.count - Int(last)
        var mismatch: UInt8 = 0
        for byte in bytes[start...] { mismatch |= byte ^ last }
        guard mismatch == 0 else { throw .invalidPadding }
        return start
    }
}

import TestRandom
import Foundation
@testable import QRCode

/// Deterministic pseudo-random bytes, so a failing payload can be reproduced.
typealias SeededGenerator = SplitMix64

func randomBytes(count: Int, seed: UInt64) -> [UInt8] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
}

/// Something shaped like a signed talent code: base64url payload, a dot, base64url signature.
func base64URLToken(length: Int, seed: UInt64) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    var generator = SeededGenerator(seed: seed)
    var token = String((0..<length).map { _ in alphabet[Int.random(in: 0..<64, using: &generator)] })
    let dot = token.index(token.startIndex, offsetBy: length * 2 / 3)
    token.replaceSubrange(dot...dot, with: ".")
    return token
}

/// Encodes, writes the PNG, and returns what zbarimg reads back.
func decodeViaPNG(_ code: QRCode, scale: Int = 3) throws -> [UInt8] {
    let directory = try ExternalTools.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = "\(directory)/code.png"
    try Data(code.png(scale: scale)).write(to: URL(fileURLWithPath: path))
    return try ExternalTools.zbarDecode(imageAt: path)
}

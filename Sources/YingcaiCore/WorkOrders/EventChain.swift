import Crypto
import Foundation

/// The tamper-evident timeline: each event carries SHA-256 over the previous event's hash and its
/// own fields, so changing, removing or reordering any stored event breaks every hash after it.
public enum EventChain {
    public static let genesis = [UInt8](repeating: 0, count: 32)

    public struct Fields: Sendable, Equatable {
        public let orderId: Int64
        public let seq: Int
        public let at: Int64
        public let actorId: Int64?
        public let actorName: String
        public let action: String
        public let from: String?
        public let to: String
        public let note: String?
        public let data: String?
    }

    public static func hash(previous: [UInt8], _ f: Fields) -> [UInt8] {
        var sha = SHA256()
        sha.update(data: previous)
        // Each field is length-prefixed so that no two different events serialise alike.
        for part in [String(f.orderId), String(f.seq), String(f.at), f.actorId.map(String.init) ?? "-", f.actorName,
                     f.action, f.from ?? "-", f.to, f.note ?? "-", f.data ?? "-"] {
            let bytes = Array(part.utf8)
            var length = UInt32(bytes.count).bigEndian
            withUnsafeBytes(of: &length) { sha.update(bufferPointer: $0) }
            sha.update(data: bytes)
        }
        return Array(sha.finalize())
    }

    /// Where a stored chain stops matching its hashes, if anywhere.
    public static func firstBreak(_ events: [(fields: Fields, hash: [UInt8])], lastHash: [UInt8]) -> Int? {
        var previous = genesis
        for (index, event) in events.enumerated() {
            if event.fields.seq != index + 1 { return index + 1 }
            let expected = hash(previous: previous, event.fields)
            if expected != event.hash { return event.fields.seq }
            previous = expected
        }
        if previous != lastHash { return events.count + 1 }
        return nil
    }
}

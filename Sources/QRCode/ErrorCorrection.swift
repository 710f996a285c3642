/// Error-correction level: how many codewords may be damaged and still be recovered
/// (roughly 7 %, 15 %, 25 % and 30 %).
public enum ErrorCorrection: Sendable, CaseIterable {
    case low, medium, quartile, high

    /// Row index into the block tables, which the standard lists in L, M, Q, H order.
    var tableIndex: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }

    /// The two bits written into the format information. They are not in L, M, Q, H order:
    /// the standard assigns L = 01, M = 00, Q = 11, H = 10.
    var formatBits: Int {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }
}

public enum QRCodeError: Error, Sendable, Equatable {
    /// The payload does not fit even a version 40 symbol at the requested level.
    case dataTooLong(bytes: Int, max: Int)
}

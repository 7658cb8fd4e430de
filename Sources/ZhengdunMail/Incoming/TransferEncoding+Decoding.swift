/// A body's Content-Transfer-Encoding (RFC 2045), read leniently: mail clients and gateways
/// break lines, drop padding and leave stray characters, and a reply is never refused for it.
enum TransferEncoding {
    case base64, quotedPrintable, identity

    init(header: String?) {
        switch header?.lowercased().stripping(" \t\"") {
        case "base64": self = .base64
        case "quoted-printable": self = .quotedPrintable
        default: self = .identity  // 7bit, 8bit, binary, and labels nobody defined
        }
    }

    func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        switch self {
        case .base64: Self.base64(bytes)
        case .quotedPrintable: Self.quotedPrintable(bytes, underscoreIsSpace: false)
        case .identity: Array(bytes)
        }
    }

    /// Each character's six bits, 0xFF for a byte that is not in the alphabet.
    private static let sextets: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        // The URL-safe alphabet turns up in mail from web forms.
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Base64 that skips whitespace and any other character outside the alphabet, needs no
    /// padding, and reads on after a `=` (some gateways join separately encoded pieces).
    static func base64(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4 * 3 + 3)
        var accumulator: UInt32 = 0
        var count = 0
        for byte in bytes {
            if byte == UInt8(ascii: "=") {
                // Padding ends a group: its whole bytes, then a fresh start.
                flush(accumulator, count, into: &out)
                accumulator = 0
                count = 0
                continue
            }
            let value = sextets[Int(byte)]
            if value == 0xFF { continue }
            accumulator = accumulator << 6 | UInt32(value)
            count += 1
            if count == 4 {
                out.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                out.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                count = 0
            }
        }
        // A last group cut short without padding.
        flush(accumulator, count, into: &out)
        return out
    }

    /// The whole bytes of a group of fewer than four sextets.
    private static func flush(_ accumulator: UInt32, _ count: Int, into out: inout [UInt8]) {
        if count == 2 {
            out.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        } else if count == 3 {
            out.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            out.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Quoted-printable (RFC 2045 §6.7): `=XX` in either case, soft line breaks (`=` at a line's
    /// end, even with spaces after it); a `=` that starts neither is kept as it is. With
    /// `underscoreIsSpace`, the Q encoding of RFC 2047.
    static func quotedPrintable(_ bytes: ArraySlice<UInt8>, underscoreIsSpace: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_") && underscoreIsSpace {
                out.append(0x20)
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "=") else {
                out.append(byte)
                index += 1
                continue
            }
            if index + 2 < end, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
                continue
            }
            // A soft line break: `=`, perhaps spaces or tabs, then CRLF or LF (or the end).
            var next = index + 1
            while next < end && (bytes[next] == 0x20 || bytes[next] == 0x09) { next += 1 }
            if next == end {
                index = end
            } else if bytes[next] == 0x0A {
                index = next + 1
            } else if bytes[next] == 0x0D && next + 1 < end && bytes[next + 1] == 0x0A {
                index = next + 2
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }
}

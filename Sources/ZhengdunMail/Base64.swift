/// Base64 (RFC 4648), for encoded-words and message bodies.
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The two characters of every 12 bits, stored as they lie in memory: a group of three
    /// bytes is two look-ups instead of four (every message body is base64).
    private static let pairs: [UInt16] = (0..<4096).map { bits in
        (UInt16(alphabet[bits >> 6]) | UInt16(alphabet[bits & 63]) << 8).littleEndian
    }

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        append(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `bytes` in base64 on one line.
    static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0, lineLength: .max, to: &out) }
    }

    /// Base64 in lines of 76 characters, CRLF-terminated, for a message body.
    static func lines(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        appendLines(bytes, to: &out)
        return out
    }

    static func appendLines(_ bytes: [UInt8], to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0, lineLength: 76, to: &out) }
        if !bytes.isEmpty { out += [0x0D, 0x0A] }
    }

    /// Four characters for each three bytes, padded; a CRLF between lines of `lineLength`
    /// characters (a multiple of four).
    static func append(_ input: UnsafeBufferPointer<UInt8>, lineLength: Int, to out: inout [UInt8]) {
        let characters = (input.count + 2) / 3 * 4
        guard characters > 0 else { return }
        let breaks = lineLength == .max ? 0 : (characters - 1) / lineLength
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "="), count: characters + breaks * 2))
        let perLine = lineLength == .max ? input.count : lineLength / 4 * 3
        out.withUnsafeMutableBufferPointer { buffer in
            pairs.withUnsafeBufferPointer { pairs in
                alphabet.withUnsafeBufferPointer { table in
                    let output = UnsafeMutableRawPointer(buffer.baseAddress!)
                    var position = start
                    var index = 0
                    while index < input.count {
                        if index > 0 {
                            output.storeBytes(of: (0x0A0D as UInt16).littleEndian, toByteOffset: position, as: UInt16.self)
                            position += 2
                        }
                        // A line's worth of whole groups, then what is left of the last one.
                        let end = min(index + perLine, input.count)
                        while index + 3 <= end {
                            let n = Int(input[index]) << 16 | Int(input[index + 1]) << 8 | Int(input[index + 2])
                            output.storeBytes(of: pairs[n >> 12], toByteOffset: position, as: UInt16.self)
                            output.storeBytes(of: pairs[n & 0xFFF], toByteOffset: position + 2, as: UInt16.self)
                            index += 3
                            position += 4
                        }
                        if index < end {
                            let rest = end - index
                            let n = Int(input[index]) << 16 | (rest == 2 ? Int(input[index + 1]) << 8 : 0)
                            buffer[position] = table[n >> 18 & 63]
                            buffer[position + 1] = table[n >> 12 & 63]
                            if rest == 2 { buffer[position + 2] = table[n >> 6 & 63] }
                            index = end
                            position += 4
                        }
                    }
                }
            }
        }
    }
}

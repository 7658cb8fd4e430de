/// Bytes written as lowercase hexadecimal digits, two to a byte: how digests and tags are shown
/// and stored.
enum Hex {
    static func lowercase<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: bytes.count * 2) { text in
            var position = 0
            for byte in bytes {
                text[position] = digits.utf8Start[Int(byte >> 4)]
                text[position + 1] = digits.utf8Start[Int(byte & 0xF)]
                position += 2
            }
            return position
        }
    }
}

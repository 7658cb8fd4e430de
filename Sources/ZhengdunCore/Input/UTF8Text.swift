/// Bytes read from a file or an argument taken as UTF-8 text, or refused with the place of the
/// first byte that is not: a workflow or configuration that is not UTF-8 is named with the line
/// and column where an editor finds the bad byte.
public enum UTF8Text {
    /// Where decoding stopped: 1-based line and column (columns in Unicode scalars, as every
    /// diagnostic counts them), the byte's offset from the start and its value.
    public struct BadByte: Error, Sendable, Hashable {
        public var line: Int
        public var column: Int
        public var offset: Int
        public var byte: UInt8
    }

    /// The text, or the first byte that is not part of valid UTF-8.
    public static func firstBadByte(_ bytes: some Collection<UInt8>) -> Result<String, BadByte> {
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        var line = 1
        var column = 1
        var offset = 0
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                if encoded.count == 1 && encoded.first == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error:
                let byte = bytes[bytes.index(bytes.startIndex, offsetBy: offset)]
                return .failure(BadByte(line: line, column: column, offset: offset, byte: byte))
            case .emptyInput:
                // Unreachable: String(validating:) refused the bytes.
                return .failure(BadByte(line: line, column: column, offset: offset, byte: 0))
            }
        }
    }

    /// The text of a file, or a diagnostic at the first bad byte.
    public static func decode(_ bytes: some Collection<UInt8>, file: String) -> Result<String, Diagnostic> {
        firstBadByte(bytes).mapError { bad in
            Diagnostic(at: SourceLocation(file: file, line: bad.line, column: bad.column), bad.message)
        }
    }
}

extension UTF8Text.BadByte {
    /// “not UTF-8 text: byte 0xFF”.
    public var message: Message {
        let hex = String(byte, radix: 16, uppercase: true)
        return Message.inputNotUTF8Byte(byte: "0x" + (hex.count == 1 ? "0" + hex : hex), offset: offset)
    }
}

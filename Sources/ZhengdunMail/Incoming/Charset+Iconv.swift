import Glibc

/// The character sets a reply from a Chinese mail client arrives in, turned into Swift text by
/// glibc's iconv. A reply is never refused for its bytes: what a charset cannot read becomes
/// U+FFFD, and a missing or unknown label is guessed (UTF-8 when the bytes are valid UTF-8,
/// else GB18030, which is what an unlabelled Chinese Windows client writes).
enum Charset {
    /// Text of `bytes` in the charset a message labels them with (nil: unlabelled).
    static func decode(_ bytes: ArraySlice<UInt8>, label: String?) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        guard let name = label.flatMap(iconvName) else { return guess(bytes) }
        if name == "UTF-8" { return String(decoding: bytes, as: UTF8.self) }
        return convert(bytes, from: name) ?? guess(bytes)
    }

    static func decode(_ bytes: [UInt8], label: String?) -> String { decode(bytes[...], label: label) }

    /// Raw 8-bit bytes no label speaks for (a header, a filename): UTF-8 if they are valid
    /// UTF-8, else GB18030.
    static func guess(_ bytes: ArraySlice<UInt8>) -> String {
        if let text = validUTF8(bytes) { return text }
        return convert(bytes, from: "GB18030") ?? String(decoding: bytes, as: UTF8.self)
    }

    private static func validUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The iconv name for a MIME charset label, nil when the label is unknown to us and to iconv.
    /// Mail labelled gb2312 routinely carries GBK characters (and GBK is GB18030's two-byte part),
    /// so every simplified-Chinese label is read as GB18030.
    static func iconvName(_ label: String) -> String? {
        var name = label.lowercased().stripping(" \t\"'")
        // RFC 2231 allows a language after the charset: `utf-8*zh`.
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        switch name {
        case "": return nil
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "UTF-8"
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us":
            return nil  // 8-bit bytes under an ASCII label are mislabelled: guess.
        case "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb18030", "euc-cn", "x-euc-cn", "csgb2312", "gb_2312-80",
            "chinese":
            return "GB18030"
        case "big5", "x-big5", "cn-big5", "big-5", "csbig5", "cp950", "x-x-big5", "big5_tw", "big5-tw": return "BIG5"
        case "big5-hkscs", "big5hkscs", "x-big5-hkscs": return "BIG5-HKSCS"
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "iso_8859-1": return "ISO-8859-1"
        case "windows-1252", "cp1252", "x-cp1252": return "WINDOWS-1252"
        default:
            // Any other label iconv knows (a Japanese or Korean sender): ask it.
            guard name.utf8.count <= 40, name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
            let descriptor = iconv_open("UTF-8", name)
            guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
            iconv_close(descriptor)
            return name
        }
    }

    /// `bytes` through iconv, each byte it cannot read replaced by U+FFFD; nil when iconv does
    /// not know `charset`.
    static func convert(_ bytes: ArraySlice<UInt8>, from charset: String) -> String? {
        let descriptor = iconv_open("UTF-8", charset)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        defer { iconv_close(descriptor) }
        var input = Array(bytes)
        // UTF-8 of a CJK character is at most 4 bytes for the 2 it takes in GB18030 or Big5;
        // the loop grows the output when a 4-byte GB18030 sequence needs more.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var written = 0
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        input.withUnsafeMutableBufferPointer { inputBuffer in
            guard let inputBase = inputBuffer.baseAddress else { return }
            var consumed = 0
            while consumed < inputBuffer.count {
                if output.count - written < 16 { output += repeatElement(0, count: output.count + 16) }
                var inLeft = inputBuffer.count - consumed
                var outLeft = output.count - written
                let result = output.withUnsafeMutableBufferPointer { outputBuffer -> Int in
                    guard let outputBase = outputBuffer.baseAddress else { return 0 }
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBase + consumed)
                        .assumingMemoryBound(to: CChar.self)
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBase + written)
                        .assumingMemoryBound(to: CChar.self)
                    return iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                }
                let error = result == -1 ? errno : 0
                consumed = inputBuffer.count - inLeft
                written = output.count - outLeft
                if result != -1 { break }
                if error == E2BIG {
                    output += repeatElement(0, count: output.count + 16)
                    continue
                }
                // EILSEQ (a byte this charset has no character for) or EINVAL (a sequence cut
                // off at the end): one replacement character, then on with the next byte.
                if output.count - written < 3 { output += repeatElement(0, count: output.count + 16) }
                output.replaceSubrange(written..<written + 3, with: replacement)
                written += 3
                consumed += 1
            }
        }
        return String(decoding: output[..<written], as: UTF8.self)
    }
}

extension StringProtocol {
    /// Without any of `characters` at either end.
    func stripping(_ characters: String) -> String {
        let set = characters.unicodeScalars
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !set.contains($0) }) else { return "" }
        guard let last = scalars.lastIndex(where: { !set.contains($0) }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex, let string = self as? String { return string }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

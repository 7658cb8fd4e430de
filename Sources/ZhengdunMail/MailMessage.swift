import Foundation

/// One email, built as RFC 5322 with MIME (RFC 2045–2047): UTF-8 throughout, the subject and
/// display names as encoded-words, the body in base64 so that no line of it can be read as a
/// header or end the message.
public struct MailMessage: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    /// Copied to (抄送): a 督办 letter's supervisors.
    public var cc: [MailAddress]
    public var subject: String
    public var text: String
    /// An HTML alternative to the text (reports); nil for plain text alone.
    public var html: String?
    public var date: Date
    public var messageID: String
    /// Extra headers zhengdun sets itself (never from what a person typed).
    public var headers: [(name: String, value: String)]
    /// Files sent with the message (the weekly report's page).
    public var attachments: [MailAttachment]

    public init(
        from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], subject: String, text: String, html: String? = nil, date: Date,
        messageID: String, headers: [(name: String, value: String)] = [], attachments: [MailAttachment] = []
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        self.messageID = messageID
        self.headers = headers
        self.attachments = attachments
    }

    /// An address list, one address a line.
    private static func append(_ addresses: [MailAddress], to out: inout [UInt8]) {
        for (index, address) in addresses.enumerated() {
            if index > 0 { out += ",\r\n ".utf8 }
            out += address.header.utf8
        }
    }

    /// The message as it goes to the transport, lines ending in CRLF; `Date` in `zone`.
    public func rendered(zone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) -> Data {
        // A subject a person influenced is flattened to one line before it is encoded.
        var subject = self.subject
        if subject.unicodeScalars.contains(where: {
            $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}"
        }) {
            subject = String(
                String.UnicodeScalarView(
                    self.subject.unicodeScalars.map {
                        $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
                    }))
        }
        var out: [UInt8] = []
        out.reserveCapacity(
            1024 + (text.utf8.count + (html?.utf8.count ?? 0)) * 3 / 2 + attachments.reduce(0) { $0 + $1.content.count * 3 / 2 })
        out += "From: ".utf8
        out += from.header.utf8
        out += "\r\nTo: ".utf8
        Self.append(to, to: &out)
        if !cc.isEmpty {
            out += "\r\nCc: ".utf8
            Self.append(cc, to: &out)
        }
        out += "\r\nSubject: ".utf8
        EncodedWord.append(text: subject, to: &out)
        out += "\r\nDate: ".utf8
        out += Self.rfc5322Date(date, zone: zone).utf8
        out += "\r\nMessage-ID: <".utf8
        out += messageID.utf8
        out += ">\r\nMIME-Version: 1.0\r\n".utf8
        for header in headers {
            out += header.name.utf8
            out += ": ".utf8
            out += header.value.utf8
            out += "\r\n".utf8
        }
        // Boundaries start with "=_", which no base64 line can, and neither begins the other.
        var id: [UInt8] = []
        for byte in messageID.utf8
        where id.count < 32 && ((0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)) {
            id.append(byte)
        }
        let alternatives = Array("=_zhengdun_".utf8) + id
        guard !attachments.isEmpty else {
            body(boundary: alternatives, into: &out)
            return Data(out)
        }
        // The body and the files, mixed: the body part first, then each file.
        let boundary = Array("=_mixed_".utf8) + id
        out += "Content-Type: multipart/mixed;\r\n boundary=\"".utf8 + boundary + "\"\r\n\r\n".utf8
        out += Self.delimiter(boundary)
        body(boundary: alternatives, into: &out)
        for attachment in attachments {
            out += Self.delimiter(boundary)
            out += attachment.part
        }
        out += Self.delimiter(boundary, last: true)
        return Data(out)
    }

    /// The text, or the text and its HTML alternative, with the headers that say which.
    private func body(boundary: [UInt8], into out: inout [UInt8]) {
        guard let html else {
            out += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8
            Base64.appendLines(Self.crlf(text), to: &out)
            return
        }
        out += "Content-Type: multipart/alternative;\r\n boundary=\"".utf8 + boundary + "\"\r\n\r\n".utf8
        for (type, content) in [("text/plain", text), ("text/html", html)] {
            out += Self.delimiter(boundary)
            out += "Content-Type: \(type); charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8
            Base64.appendLines(Self.crlf(content), to: &out)
        }
        out += Self.delimiter(boundary, last: true)
    }

    /// The line that begins a part (`--boundary`), or that ends the last one (`--boundary--`).
    private static func delimiter(_ boundary: [UInt8], last: Bool = false) -> [UInt8] {
        Array("--".utf8) + boundary + Array((last ? "--\r\n" : "\r\n").utf8)
    }

    /// The text's bytes with every line ending (LF, CR or CRLF) written as CRLF.
    static func crlf(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8 + 2)
            guard let base = bytes.baseAddress else { return out }
            // Runs without a line ending are copied whole. Without a carriage return anywhere
            // (as templates write text) the line feeds are found by memchr.
            if memchr(base, 0x0D, bytes.count) == nil {
                let end = base + bytes.count
                var start = base
                while let found = memchr(start, 0x0A, end - start).map({ UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) }) {
                    out.append(contentsOf: UnsafeBufferPointer(start: start, count: found - start))
                    out.append(0x0D)
                    out.append(0x0A)
                    start = found + 1
                }
                out.append(contentsOf: UnsafeBufferPointer(start: start, count: end - start))
                return out
            }
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x0A || byte == 0x0D else { index += 1; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                out.append(0x0D)
                out.append(0x0A)
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                start = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
            return out
        }
    }

    /// `Wed, 04 Mar 2026 18:00:00 +0800`, in the zone the deployment keeps.
    static func rfc5322Date(_ date: Date, zone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        // Written digit by digit: every message of a pass carries one.
        var out: [UInt8] = []
        out.reserveCapacity(32)
        func two(_ n: Int) { out.append(0x30 + UInt8(n / 10 % 10)); out.append(0x30 + UInt8(n % 10)) }
        out += weekdays[((days % 7) + 7) % 7].utf8
        out += ", ".utf8
        two(day)
        out.append(0x20)
        out += months[month - 1].utf8
        out.append(0x20)
        out += String(year).utf8
        out.append(0x20)
        two(secondOfDay / 3600)
        out.append(0x3A)
        two(secondOfDay / 60 % 60)
        out.append(0x3A)
        two(secondOfDay % 60)
        out.append(0x20)
        out.append(offset < 0 ? 0x2D : 0x2B)
        two(abs(offset) / 3600)
        two(abs(offset) / 60 % 60)
        return String(decoding: out, as: UTF8.self)
    }
}

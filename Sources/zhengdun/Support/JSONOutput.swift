import Foundation
import ZhengdunCore

/// `--json` output: sorted keys, indented, UTF-8 as is, instants as ISO 8601 in the
/// deployment's timezone, one document per command.
enum JSONOutput {
    static func print<Value: Encodable>(_ value: Value, zone: TimeZone) throws {
        Swift.print(try text(value, zone: zone))
    }

    /// The document, without a line end.
    static func text<Value: Encodable>(_ value: Value, zone: TimeZone) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Warnings and other messages as text in the reader's language.
        encoder.userInfo[Message.languageKey] = Language.current
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(zone.iso8601(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Lines for stderr: warnings that do not stop a command.
enum Warnings {
    static func print(_ lines: [String]) {
        for line in lines { FileHandle.standardError.write(Data("zhengdun: \(say(.warningLine(warning: "\(line)")))\n".utf8)) }
    }

    static func print(_ messages: [Message]) {
        print(messages.map { $0.text(in: .current) })
    }
}

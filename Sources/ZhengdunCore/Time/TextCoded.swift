/// A value written as text in workflow files, the database and JSON (`10wd`, `2026-03-04`,
/// `09:00`): it is read with `parse` and written back as its `description`.
public protocol TextCoded: Codable, CustomStringConvertible {
    static func parse(_ text: String) throws(ParseFailure) -> Self
}

extension TextCoded {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Self.parse(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

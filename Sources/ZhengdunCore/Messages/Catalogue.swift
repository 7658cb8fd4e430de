/// The texts of the messages, one table per language. A `{name}` in a text is replaced by the
/// message's value of that name; `{name|one|other}` picks a word by the count `name` holds.
public enum Catalogue {
    /// The text of `key` in `language`; a key missing from a catalogue (which the tests forbid)
    /// falls back to English, then to the key itself.
    public static func text(_ key: MessageKey, in language: Language) -> String {
        table(language)[key] ?? english[key] ?? key.rawValue
    }

    public static func table(_ language: Language) -> [MessageKey: String] {
        switch language {
        case .en: return english
        case .zh: return chinese
        }
    }

    /// The placeholder names a text uses, for checking the catalogues against each other.
    public static func placeholders(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close].prefix { $0 != "|" }))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

import Foundation
import ZhengdunCore
import ZhengdunService

extension Language {
    /// The command line's language: `--lang zh|en` when given (anywhere on the line), else the
    /// locale environment (`LC_ALL`, `LC_MESSAGES`, `LANG`): Chinese for zh_*, English otherwise.
    static let current: Language = taking(CommandLine.arguments).language ?? Language(environment: ProcessInfo.processInfo.environment)

    /// `--lang` taken out of `arguments`: the last language it names, a value it gave that
    /// names none we speak (a usage error), and the arguments left for the parser.
    static func taking(_ arguments: [String]) -> (language: Language?, unknown: String?, rest: [String]) {
        var language: Language?
        var unknown: String?
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument == "--lang" || argument.hasPrefix("--lang=") else {
                rest.append(argument)
                index += 1
                continue
            }
            let value = argument == "--lang" ? (index + 1 < arguments.count ? arguments[index + 1] : "") : String(argument.dropFirst(7))
            if let named = Language(tag: value) { language = named } else { unknown = unknown ?? value }
            index += argument == "--lang" ? 2 : 1
        }
        return (language, unknown, rest)
    }
}

/// A message in the command line's language.
func say(_ message: Message) -> String {
    message.text(in: .current)
}

/// A text of the command line (a help text, a heading) in its language, written beside its use.
func say(en: String, zh: String) -> String {
    Language.current == .zh ? zh : en
}

/// An error in the command line's language where it is one of ours (a refusal, the store's, the
/// socket's, a file's problems), else as it describes itself.
func said(_ error: any Error) -> String {
    (error as? any ExplainedError)?.text(in: .current) ?? "\(error)"
}

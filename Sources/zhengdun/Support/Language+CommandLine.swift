import Foundation
import ZhengdunCore

extension Language {
    /// The command line's language: `--lang zh|en` when given (anywhere on the line), else the
    /// locale environment (`LC_ALL`, `LC_MESSAGES`, `LANG`): Chinese for zh_*, English otherwise.
    static let current: Language = {
        let arguments = CommandLine.arguments
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count, let language = Language(tag: arguments[index + 1]) { return language }
            if argument.hasPrefix("--lang="), let language = Language(tag: String(argument.dropFirst(7))) { return language }
        }
        return Language(environment: ProcessInfo.processInfo.environment)
    }()

    /// The arguments without `--lang`, for the parser; a `--lang` that names no language we
    /// speak is a usage error.
    static func stripping(_ arguments: [String]) throws -> [String] {
        var kept: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--lang" || argument.hasPrefix("--lang=") {
                let value = argument == "--lang" ? (index + 1 < arguments.count ? arguments[index + 1] : "") : String(argument.dropFirst(7))
                guard Language(tag: value) != nil else { throw LanguageError(value: value) }
                index += argument == "--lang" ? 2 : 1
                continue
            }
            kept.append(argument)
            index += 1
        }
        return kept
    }

    struct LanguageError: Error {
        var value: String
    }
}

/// A message of the catalogue in the command line's language.
func say(_ key: MessageKey, _ arguments: [String: MessageValue] = [:]) -> String {
    Message(key, arguments).text(in: .current)
}

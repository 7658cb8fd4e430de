/// The options every command takes, accepted before the subcommand as well as after it:
/// `zhengdun --db FILE log P1` as `zhengdun log P1 --db FILE`. The argument parser reads a
/// subcommand's options only after its name, so those written before it are moved behind the
/// command's own words (`--lang`, which the command line reads anywhere, is taken out before).
enum LeadingOptions {
    /// Options with a value that every command taking a database also takes.
    static let withValue: Set<String> = ["--db", "--socket", "--config", "--as"]

    /// `arguments` with the leading global options moved to the end, before a `--` if there is one.
    static func moved(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if withValue.contains(argument), index + 1 < arguments.count {
                leading += arguments[index...index + 1]
                index += 2
            } else if let equals = argument.firstIndex(of: "="), withValue.contains(String(argument[..<equals])) {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty else { return arguments }
        var rest = Array(arguments[index...])
        rest.insert(contentsOf: leading, at: rest.firstIndex(of: "--") ?? rest.endIndex)
        return rest
    }
}

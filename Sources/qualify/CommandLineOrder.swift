import ArgumentParser

/// `qualify --database team.sqlite export all` is how people write it, but
/// ArgumentParser reads options before the command word as the default
/// command's (the assistant's) and then fails on the word with the
/// assistant's usage. The global options in front are moved behind the
/// command's words (`account add`), and a first word that is no command is
/// refused by name.
enum CommandLineOrder: Equatable {
    case arguments([String])
    case unknownCommand(String)

    /// The global options that take a value (`--database PATH`, `--prompts DIR`).
    private static let valued: Set<String> = ["--database", "--prompts"]

    static func arranged(_ arguments: [String], root: ParsableCommand.Type) -> CommandLineOrder {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if valued.contains(argument) {
                guard index + 1 < arguments.count else { return .arguments(arguments) }
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if argument == "--no-color" || valued.contains(where: { argument.hasPrefix($0 + "=") }) {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        // Nothing but global options, or another option first (--help, --version): ArgumentParser's to read.
        guard index < arguments.count, !arguments[index].hasPrefix("-") else { return .arguments(arguments) }
        let word = arguments[index]
        if word == "help" { return .arguments(arguments) }
        var command: ParsableCommand.Type = root
        var end = index
        while end < arguments.count, let next = subcommand(of: command, named: arguments[end]) {
            command = next
            end += 1
        }
        guard end > index else { return .unknownCommand(word) }
        return .arguments(Array(arguments[index..<end]) + leading + arguments[end...])
    }

    private static func subcommand(of command: ParsableCommand.Type, named name: String) -> ParsableCommand.Type? {
        command.configuration.subcommands.first { $0._commandName == name }
    }
}

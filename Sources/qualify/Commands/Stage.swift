import ArgumentParser
import QualifyKit
import QualifyStore

extension Qualify {
    /// `qualify stage`: named apart from the Stage record it works on.
    struct StageCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stage",
            abstract: "Configure the sales stages: order, default probability, closed won or lost.",
            subcommands: [List.self, Add.self, Rename.self, Move.self, Remove.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the stages in pipeline order.")
            @OptionGroup var options: GlobalOptions

            func run() throws {
                let database = try options.openDatabase()
                let counts = try database.opportunityCountsByStage()
                let rows = try database.stages().map { stage in
                    ["\(stage.position)", stage.name, "\(stage.probability)%", stage.closed.map { "closed \($0.rawValue)" } ?? "open",
                     "\(counts[stage.id!] ?? 0)"]
                }
                for line in TextTable.lines(header: ["#", "Stage", "Prob.", "State", "Opportunities"], rows: rows) {
                    options.console().say(line)
                }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a stage.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The stage's name, exact (case counts, as in vtiger and SuiteCRM).") var name: String
            @Option(help: "Default probability, 0-99 (100 for a closed-won stage).") var probability: Int
            @Option(help: "won or lost, for a stage that closes the deal.") var closed: StageOutcome?
            @Option(help: "Position in the list, 1 = first (default: an open stage before the closed ones, a closed one last).") var position: Int?

            func run() throws {
                let stage = try options.openDatabase(.creating).addStage(named: name, probability: probability, closed: closed, position: position)
                options.console().say("Added stage \"\(stage.name)\" at position \(stage.position), \(stage.probability)%.")
            }
        }

        struct Rename: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a stage; its opportunities keep it.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The stage's current name.") var name: String
            @Argument(help: "The new name.") var newName: String

            func run() throws {
                try options.openDatabase().renameStage(name, to: newName)
                options.console().say("Renamed stage \"\(name)\" to \"\(newName)\".")
            }
        }

        struct Move: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "move", abstract: "Move a stage to another position.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The stage's name.") var name: String
            @Argument(help: "The new position, 1 = first.") var position: Int

            func run() throws {
                try options.openDatabase().moveStage(name, to: position)
                options.console().say("Moved stage \"\(name)\" to position \(position).")
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove",
                abstract: "Remove a stage; refused while opportunities use it, unless --reassign names where they go.")
            @OptionGroup var options: GlobalOptions
            @Argument(help: "The stage's name.") var name: String
            @Option(name: .customLong("reassign"), help: "Move its opportunities to this stage first.") var reassign: String?

            func run() throws {
                let moved = try options.openDatabase().removeStage(name, reassignTo: reassign, changedBy: try Environment.rep())
                let note = moved > 0 ? "; \(moved) opportunit\(moved == 1 ? "y" : "ies") moved to \"\(reassign ?? "")\"" : ""
                options.console().say("Removed stage \"\(name)\"\(note).")
            }
        }
    }
}

extension StageOutcome: ExpressibleByArgument {}

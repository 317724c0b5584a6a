import ArgumentParser
import Foundation
import QualifyKit
import QualifyStore
import QualifySync

extension Qualify {
    /// `qualify rep`: who the rep is to the team.
    struct RepCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rep",
            abstract: "The rep's name on what this laptop captured.",
            subcommands: [Claim.self])

        /// A rep who used qualify before joining the team captured under their login; the team server
        /// takes only rows under the name it knows, so the rep claims them once.
        struct Claim: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "claim",
                abstract: "Make what this laptop captured under another name (your login, before QUALIFY_REP) yours.",
                discussion: """
                    Re-attributes the statements, letters, history rows and marks this laptop captured under \
                    OLD-NAME and has not synced to your name ($QUALIFY_REP, else owner: in config.yaml), and the \
                    deals it created with OLD-NAME as their owner, in one transaction, and keeps a record of the claim. The buyer's words are not changed. Rows pulled \
                    from the team server or brought by import all stay as they are.
                    """)
            @OptionGroup var options: GlobalOptions
            @Argument(help: ArgumentHelp("The name the rows carry now, as qualify sync names it.", valueName: "old-name"))
            var oldName: String

            func run() throws {
                let rep = try Environment.rep()
                guard rep != oldName else {
                    throw CommandFailure("you are \(rep) already; set QUALIFY_REP (or owner: in config.yaml) to the name the team server knows for you, then claim \(oldName).")
                }
                let database = try options.openDatabase()
                let login = Environment.value("USER") ?? Environment.value("LOGNAME") ?? ProcessInfo.processInfo.userName
                let report = try database.claimRows(from: oldName, as: rep, claimedBy: login)
                let console = options.console()
                if report.total == 0 {
                    console.say("Nothing captured on this laptop under \"\(oldName)\" waits to be synced; nothing changed.")
                } else {
                    let counts = SyncTable.all.compactMap { table in report.claimed[table.kind].map { SyncSummary.noun(table.kind, $0) } }
                        + (report.ownedDeals > 0 ? ["the owner of \(counted(report.ownedDeals, "deal"))"] : [])
                    console.say("Claimed for \(rep) what was captured under \"\(oldName)\": \(counts.joined(separator: ", ")).")
                }
                if report.leftImported > 0 {
                    console.say("Left as they are: \(report.leftImported) rows under \"\(oldName)\" that import all brought from another laptop.")
                }
            }
        }
    }
}

import QualifyKit
import ArgumentParser
import Foundation
import QualifyPrompts
import QualifySync

extension Qualify {
    struct Server: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "server",
            abstract: "Set up the team's PostgreSQL server: its schema, reps and managers.",
            discussion: """
                Run by whoever administers the team's database, as a PostgreSQL user that may create roles. \
                Passwords come from PGPASSWORD or ~/.pgpass (mode 0600), never from the URL.
                """,
            subcommands: [Init.self, AddRep.self, AddManager.self])

        struct Init: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "init", abstract: "Create or migrate the team schema on a PostgreSQL database of its own.")
            @Argument(help: ArgumentHelp("postgres://USER@HOST:PORT/DATABASE[?sslmode=require]", valueName: "url"))
            var url: String

            func run() throws {
                let server = try TeamServerAccess.server(url: url)
                let applied = try TeamServerAccess.report { () throws(SyncError) in try server.initialize() }
                if applied.isEmpty {
                    print("The team schema on \(server.address.display) is up to date.")
                } else {
                    for step in applied { print("applied \(step)") }
                    // Pasted into a shell as printed: the URL of a socket or a port holds "&".
                    print("The team schema on \(server.address.display) is ready. Next: qualify server add-rep LOGIN --name \"Full Name\" --password-stdin '\(url)' < LOGIN.pass")
                }
            }
        }

        struct AddRep: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add-rep", abstract: "Add a rep: a login that syncs and may add only statements captured under their name.")
            @OptionGroup var member: MemberOptions
            func run() throws { try member.add(as: .rep) }
        }

        struct AddManager: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add-manager", abstract: "Add a manager: a login that syncs and reviews the whole team.")
            @OptionGroup var member: MemberOptions
            func run() throws { try member.add(as: .manager) }
        }
    }
}

struct MemberOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Their PostgreSQL login name, e.g. ana.", valueName: "login"))
    var login: String
    @Argument(help: ArgumentHelp("postgres://USER@HOST:PORT/DATABASE of the team server (default: server: in config.yaml).", valueName: "url"))
    var url: String?
    @Option(help: ArgumentHelp("Their name as on what they capture ($QUALIFY_REP or owner: on their laptop; default: the login).", valueName: "name"))
    var name: String?
    @Flag(help: "Read their new password from the first line of standard input (sent as a SCRAM verifier, never in clear).")
    var passwordStdin = false

    func add(as role: TeamServer.Role) throws {
        let server = try TeamServerAccess.server(url: url)
        var password: String?
        if passwordStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("--password-stdin: standard input had no password on its first line.")
            }
            password = line
        }
        let memberName = name ?? login
        let wasMember = try TeamServerAccess.report { () throws(SyncError) in
            try server.addMember(role: login, name: memberName, as: role, password: password)
        }
        if wasMember {
            print("Updated \(role.rawValue) \(login) (\(memberName)) on \(server.address.display)" + (password == nil ? "; the password is unchanged." : "; the password is the new one."))
        } else {
            print("Added \(role.rawValue) \(login) (\(memberName)) to \(server.address.display).")
        }
    }
}

/// Where commands find the team server and its password, and how its errors reach the user.
enum TeamServerAccess {
    static func server(url: String?) throws -> TeamServer {
        let settings = try Environment.settings()
        guard let text = url ?? settings.server else {
            throw ValidationError("give the team server's URL (postgres://USER@HOST/DATABASE), or set server: in \(Environment.settingsFile.path).")
        }
        let address: ServerAddress
        do {
            address = try ServerAddress(text, defaultUser: Environment.value("PGUSER") ?? Environment.value("USER") ?? ProcessInfo.processInfo.userName)
        } catch {
            if error.isUsage { throw ValidationError(error.description) }
            throw CommandFailure(error.description)
        }
        let password = PasswordSource.password(for: address, environment: ProcessInfo.processInfo.environment) {
            Console(colors: false).note($0)
        }
        return TeamServer(address: address, password: password)
    }

    @discardableResult
    static func report<T>(_ body: () throws(SyncError) -> T) throws -> T {
        do { return try body() } catch {
            if error.isUsage { throw ValidationError(error.description) }
            throw CommandFailure(error.description)
        }
    }
}

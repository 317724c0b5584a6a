import Foundation
import Testing

/// A throwaway PostgreSQL cluster in a temporary folder: a Unix socket for
/// most tests and 127.0.0.1 with TLS (a self-signed certificate made here)
/// for the TLS test. PostgreSQL refuses to run as root, so as root the
/// server runs as the `postgres` system user.
final class PostgresCluster: Sendable {
    let folder: String
    let port: Int
    let binaries: String
    var certificate: String { folder + "/server.crt" }

    @TaskLocal static var current: PostgresCluster?

    /// Where Debian's postgresql package puts the server programs, newest version first.
    static let binaryFolder: String? = {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted(by: >).map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/pg_ctl") }
    }()

    /// In CI (CI=true, or QUALIFY_REQUIRE_POSTGRES=1 from .ci/run) a missing server fails the tests instead of skipping them.
    static let isRequired: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return environment["CI"] == "true" || environment["QUALIFY_REQUIRE_POSTGRES"] == "1"
    }()

    static var shouldRun: Bool { binaryFolder != nil || isRequired }

    private static var isRoot: Bool { getuid() == 0 }

    static func start() throws -> PostgresCluster {
        guard let binaries = binaryFolder else {
            throw ClusterError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl); make test installs it with apt-get as root.")
        }
        let folder = "/tmp/qualify-pg-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if isRoot { try run("/bin/chown", ["postgres", folder]) }
        try asServerUser(binaries + "/initdb", ["-D", folder + "/data", "-U", "postgres", "--auth-local=trust",
                                                 "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"])
        try asServerUser("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                              "-keyout", folder + "/server.key", "-out", folder + "/server.crt",
                                              "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        var lastError: (any Error)?
        for _ in 0..<5 {
            let cluster = PostgresCluster(folder: folder, port: Int.random(in: 20_000...60_000), binaries: binaries)
            do {
                try cluster.startServer()
                return cluster
            } catch {
                lastError = error
            }
        }
        throw lastError ?? ClusterError("the test cluster did not start")
    }

    private init(folder: String, port: Int, binaries: String) {
        self.folder = folder
        self.port = port
        self.binaries = binaries
    }

    func startServer() throws {
        let options = "-k \(folder) -p \(port) -c listen_addresses='127.0.0.1' -c ssl=on -c ssl_cert_file=\(folder)/server.crt -c ssl_key_file=\(folder)/server.key -c fsync=off"
        // The server outlives pg_ctl. Foundation's Process learns that a child ended when every holder of a
        // descriptor it gave the child has closed it, so the server must inherit none: bash closes them first.
        let closeInherited = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@""#
        try Self.asServerUser("/bin/bash", ["-c", closeInherited, "pg_ctl", binaries + "/pg_ctl", "-D", folder + "/data",
                                            "-l", folder + "/log", "-o", options, "-w", "-t", "60", "start"],
                              capturing: false)
    }

    /// `fast` ends every session at once: a sync in the middle of a push loses its connection.
    func stopServer() {
        _ = try? Self.asServerUser(binaries + "/pg_ctl", ["-D", folder + "/data", "-m", "fast", "-w", "stop"])
    }

    func destroy() {
        stopServer()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A URL for `user` on `database` over the Unix socket.
    func url(_ user: String, _ database: String) -> String {
        "postgres://\(user)@/\(database)?host=\(folder)&port=\(port)"
    }

    /// psql as `user`; the rows come back unaligned, one per line.
    @discardableResult
    func psql(_ sql: String, user: String = "postgres", database: String = "postgres") throws -> (status: Int32, output: String, error: String) {
        try Self.capture("/usr/bin/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", folder, "-p", String(port),
                                           "-U", user, "-d", database, "-c", sql])
    }

    /// A new empty database for one test.
    func makeDatabase() throws -> String {
        let name = "team_" + UUID().uuidString.prefix(8).lowercased()
        let result = try psql("CREATE DATABASE \(name)")
        guard result.status == 0 else { throw ClusterError("CREATE DATABASE failed: \(result.error)") }
        return name
    }

    private static func asServerUser(_ program: String, _ arguments: [String], capturing: Bool = true) throws {
        if isRoot { try run("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments, capturing: capturing) }
        else { try run(program, arguments, capturing: capturing) }
    }

    private static func run(_ program: String, _ arguments: [String], capturing: Bool = true) throws {
        let result = try capture(program, arguments, capturing: capturing)
        guard result.status == 0 else {
            throw ClusterError("\(program) \(arguments.joined(separator: " ")) failed: \(result.error)\(result.output)")
        }
    }

    static func capture(_ program: String, _ arguments: [String], capturing: Bool = true) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        if !capturing {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return (process.terminationStatus, "", "")
        }
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errors = ErrorCollector(error.fileHandleForReading)
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: errors.wait(), as: UTF8.self))
    }
}

struct ClusterError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Starts one cluster around a whole suite and stops it afterwards.
struct PostgresClusterTrait: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        let cluster = try PostgresCluster.start()
        defer { cluster.destroy() }
        try await PostgresCluster.$current.withValue(cluster) { try await function() }
    }
}

extension Trait where Self == PostgresClusterTrait {
    static var postgresCluster: Self { PostgresClusterTrait() }
}

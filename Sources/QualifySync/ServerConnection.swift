import Foundation
import PostgresNIO
import QualifyStore

/// How qualify reaches the team server: one connection per command, TLS as
/// the URL's sslmode asks, and errors turned into one line a rep can act on.
struct ServerConnection {
    static let logger: Logger = {
        var logger = Logger(label: "qualify.sync")
        // postgres-nio's own diagnostics are for its developers; qualify reports failures itself.
        logger.logLevel = .critical
        return logger
    }()

    static func open(_ address: ServerAddress, password: String?) async throws -> PostgresConnection {
        let configuration: PostgresConnection.Configuration
        switch address.endpoint {
        case .socket(let folder, let port):
            configuration = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(port)", username: address.user,
                                  password: password, database: address.database)
        case .tcp(let host, let port):
            configuration = .init(host: host, port: port, username: address.user, password: password,
                                  database: address.database, tls: try tls(for: address))
        }
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw describe(error, address: address)
        }
    }

    private static func tls(for address: ServerAddress) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch address.tls {
        case .disable:
            return .disable
        case .prefer, .require:
            // libpq's prefer and require encrypt without checking who answers.
            configuration.certificateVerification = .none
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
        }
        if let root = address.rootCertificate {
            guard FileManager.default.isReadableFile(atPath: root) else {
                throw SyncError("cannot read the server's certificate authority \(root) (sslrootcert); check the path.")
            }
            configuration.trustRoots = .file(root)
        }
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: configuration) } catch {
            throw SyncError("cannot use the TLS settings for \(address.display): \(error)")
        }
        return address.tls == .prefer ? .prefer(context) : .require(context)
    }

    /// A failed TLS handshake as the user can act on it: BoringSSL's reason (CERTIFICATE_VERIFY_FAILED),
    /// not the whole error with the build's source paths in it.
    private static func tlsFailure(_ error: any Error, address: ServerAddress) -> SyncError {
        let text = "\(error)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return SyncError("the server's certificate could not be verified for \(address.display): no certificate authority trusted here (sslrootcert, else the system's) signed it for that host; give sslrootcert=the server's ca.crt, or sslmode=require to encrypt without checking.")
        }
        let reason = text.firstMatch(of: /OPENSSL_internal:([A-Z0-9_]+)/).map { " (\($0.1))" } ?? ""
        return SyncError("the TLS handshake with \(address.display) failed\(reason); check sslmode and sslrootcert.")
    }

    /// postgres-nio's errors, as one line that says what happened and what to do.
    static func describe(_ error: any Error, address: ServerAddress) -> SyncError {
        if let error = error as? SyncError { return error }
        // The laptop's own database refused (a pulled row it cannot store, a full disk): the server was
        // reached, and the store's message already says what to do.
        if let error = error as? StoreError { return SyncError(error.description) }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState] ?? ""
                switch state {
                case "28P01", "28000":
                    return SyncError("the server refused \(address.user)'s login (\(message)); check the password in ~/.pgpass or PGPASSWORD, or ask whoever runs qualify server to add you.")
                case "57P01", "57P02", "57P03":
                    return SyncError("the team server shut down during the command (\(message)); nothing half-done was kept. Run it again when the server is back.")
                case "3D000":
                    return SyncError("\(message) on \(address.display); ask whoever runs the team server for the right URL.")
                case "42501" where message.contains("row-level security"):
                    return SyncError("the team server refused: \(message); nothing of this push was kept. A member pushes only what was captured under their own name (QUALIFY_REP or owner: in config.yaml must be the name the server knows for \(address.user)).")
                case "42501":
                    return SyncError("the team server refused: \(message).")
                default:
                    return SyncError("the team server answered: \(message).")
                }
            }
            if let underlying = error.underlying, underlying is NIOSSLError || "\(type(of: underlying))".contains("SSL") {
                return tlsFailure(underlying, address: address)
            }
            switch error.code {
            case .authMechanismRequiresPassword:
                return SyncError("\(address.display) asks for \(address.user)'s password; put it in ~/.pgpass (mode 0600) or PGPASSWORD.")
            case .saslError:
                return SyncError("the server refused \(address.user)'s login; check the password in ~/.pgpass or PGPASSWORD.")
            case .connectionError where !address.resolves:
                return SyncError("the host name in \(address.display) does not resolve (no such host, or no network); check the URL's host.")
            case .serverClosedConnection, .connectionError, .uncleanShutdown:
                return SyncError("the connection to \(address.display) was lost or refused; nothing half-done was kept. Check that the server runs, then run the command again.")
            case .sslUnsupported:
                return SyncError("\(address.display) does not offer TLS, and sslmode asks for it; ask whoever runs the server, or drop sslmode.")
            default:
                break
            }
            if let underlying = error.underlying {
                return SyncError("cannot reach \(address.display): \(underlying). Check that the server runs, then run the command again.")
            }
            return SyncError("the connection to \(address.display) failed (\(error.code)); run the command again.")
        }
        if error is NIOSSLError || "\(type(of: error))".contains("SSL") {
            return tlsFailure(error, address: address)
        }
        return SyncError("cannot reach \(address.display): \(error). Check that the server runs, then run the command again.")
    }
}

extension PostgresConnection {
    /// Runs SQL whose text qualify built from its own table definitions (never from user input).
    func run(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) async throws {
        // Read to the end: query() returns at the first row, and an error the server sends after it
        // (its connection cut mid-statement) must surface here, not stay in a discarded sequence.
        for try await _ in try await query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: ServerConnection.logger) {}
    }

    /// The rows of such a query, every column read as text.
    func texts(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) async throws -> [[String?]] {
        var result: [[String?]] = []
        for try await row in try await query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: ServerConnection.logger) {
            var values: [String?] = []
            for cell in row { values.append(try cell.decode(String?.self)) }
            result.append(values)
        }
        return result
    }
}

/// A quoted identifier: our names are camelCase, as the local schema spells them.
func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

/// A quoted string literal, for the few statements (CREATE ROLE) that take no parameters.
func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

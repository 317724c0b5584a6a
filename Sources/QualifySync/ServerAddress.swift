import Foundation

/// A refusal or failure the user can act on; the command prints it as one line.
public struct SyncError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// Bad input (a malformed URL): exit 64 instead of 1.
    public let isUsage: Bool

    init(_ description: String, isUsage: Bool = false) {
        self.description = description
        self.isUsage = isUsage
    }
}

/// Where the team server is, in libpq's URL form:
/// `postgres://user@host:port/db?sslmode=require`, or a Unix socket folder
/// as `postgres://user@/db?host=/run/postgresql`.
public struct ServerAddress: Sendable, Equatable {
    /// Whether the host name resolves (a socket folder always does): asked after a refused
    /// connection, so an unknown host is not reported as a server that is down.
    var resolves: Bool {
        guard case .tcp(let host, _) = endpoint else { return true }
        var result: UnsafeMutablePointer<addrinfo>?
        defer { if let result { freeaddrinfo(result) } }
        return getaddrinfo(host, nil, nil, &result) == 0
    }

    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case socket(folder: String, port: Int)
    }

    /// libpq's sslmode, reduced to what postgres-nio can do.
    public enum TLSMode: String, Sendable, Equatable {
        /// No TLS (a Unix socket never uses TLS).
        case disable
        /// TLS when the server offers it, certificate not checked (libpq's default, `prefer`).
        case prefer
        /// TLS or no connection; certificate not checked, as libpq's `require` without a root certificate.
        case require
        /// TLS with the certificate checked against `sslrootcert` (or the system's roots), host name too.
        case verifyFull = "verify-full"
        /// As verify-full, without the host name.
        case verifyCA = "verify-ca"
    }

    public var endpoint: Endpoint
    public var user: String
    public var database: String
    public var tls: TLSMode
    /// `sslrootcert=PATH`: the certificate authority that signed the server's certificate.
    public var rootCertificate: String?

    /// The URL without anything secret, for messages.
    public var display: String {
        switch endpoint {
        case .tcp(let host, let port): return "postgres://\(user)@\(host):\(port)/\(database)"
        case .socket(let folder, let port): return "postgres://\(user)@/\(database)?host=\(folder)&port=\(port)"
        }
    }

    public init(_ text: String, defaultUser: String) throws(SyncError) {
        let usage = "give the server as postgres://USER@HOST:PORT/DATABASE (add ?sslmode=require for TLS)"
        guard let components = URLComponents(string: text),
              ["postgres", "postgresql"].contains(components.scheme?.lowercased() ?? "") else {
            throw SyncError("\"\(text)\" is not a PostgreSQL URL; \(usage).", isUsage: true)
        }
        if components.password != nil {
            throw SyncError("the server URL holds a password; remove it and put the password in ~/.pgpass (mode 0600) or PGPASSWORD, so it is never stored or shown in clear.", isUsage: true)
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let known: Set<String> = ["sslmode", "host", "port", "sslrootcert", "user", "dbname"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw SyncError("the server URL has an unknown parameter \"\(unknown)\"; qualify understands \(known.sorted().joined(separator: ", ")).", isUsage: true)
        }
        user = query["user"] ?? components.percentEncodedUser?.removingPercentEncoding ?? defaultUser
        let path = components.percentEncodedPath.removingPercentEncoding ?? ""
        database = query["dbname"] ?? String(path.drop { $0 == "/" })
        if database.isEmpty { database = user }
        let portText = query["port"] ?? components.port.map(String.init) ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw SyncError("\"\(portText)\" is not a port; \(usage).", isUsage: true)
        }
        let host = query["host"] ?? components.percentEncodedHost?.removingPercentEncoding ?? ""
        if host.isEmpty || host.hasPrefix("/") {
            endpoint = .socket(folder: host.isEmpty ? "/var/run/postgresql" : host, port: port)
        } else {
            endpoint = .tcp(host: host, port: port)
        }
        let mode = query["sslmode"] ?? "prefer"
        switch mode {
        case "disable", "allow": tls = .disable
        case "prefer": tls = .prefer
        case "require": tls = query["sslrootcert"] == nil ? .require : .verifyCA
        case "verify-ca": tls = .verifyCA
        case "verify-full": tls = .verifyFull
        default:
            throw SyncError("sslmode \"\(mode)\" is unknown; give disable, prefer, require, verify-ca or verify-full.", isUsage: true)
        }
        if case .socket = endpoint, tls == .require || tls == .verifyCA || tls == .verifyFull {
            throw SyncError("sslmode=\(mode) needs a TCP host; a Unix socket never uses TLS.", isUsage: true)
        }
        if case .socket = endpoint { tls = .disable }
        rootCertificate = query["sslrootcert"]
    }
}

/// The password for an address: PGPASSWORD, else the first matching line of
/// ~/.pgpass (or PGPASSFILE), as libpq reads them. Never stored, never printed.
public enum PasswordSource {
    public static func password(for address: ServerAddress, environment: [String: String],
                                warn: (String) -> Void) -> String? {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        let path = environment["PGPASSFILE"] ?? (home as NSString).appendingPathComponent(".pgpass")
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        if info.st_mode & 0o077 != 0 {
            warn("\(path) is readable by others; it was ignored. Run: chmod 600 \(path)")
            return nil
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let (host, port): (String, Int) = switch address.endpoint {
        case .tcp(let host, let port): (host, port)
        case .socket(_, let port): ("localhost", port)
        }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = splitFields(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), address.database, address.user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// Splits on unescaped colons; `\:` and `\\` are a colon and a backslash.
    private static func splitFields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false }
            else if character == "\\" { escaped = true }
            else if character == ":" { fields.append(current); current = "" }
            else { current.append(character) }
        }
        fields.append(current)
        return fields
    }
}

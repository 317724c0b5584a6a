import Foundation
import PostgresNIO
import QualifyStore

/// `qualify server …`: setting up the team's database and its members.
/// Each call connects, does its work and disconnects; the caller is synchronous.
public struct TeamServer: Sendable {
    public let address: ServerAddress
    let password: String?

    public init(address: ServerAddress, password: String?) {
        self.address = address
        self.password = password
    }

    public enum Role: String, Sendable {
        case rep, manager
        var group: String { self == .rep ? ServerSchema.reps : ServerSchema.managers }
    }

    /// Creates or migrates the team schema. Returns the migrations applied (empty: already current).
    public func initialize() throws(SyncError) -> [String] {
        try call { connection in
            try await connection.run("BEGIN")
            try await connection.run("SELECT pg_advisory_xact_lock(\(ServerSchema.pushLock))")
            let foreign = try await connection.texts("""
                SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'qualify')
                  AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
                ORDER BY 1 LIMIT 4
                """).compactMap { $0[0] }
            guard foreign.isEmpty else {
                try await connection.run("ROLLBACK")
                throw SyncError("\(address.display) holds tables qualify does not own (\(foreign.joined(separator: ", "))); nothing was changed. Give qualify a database of its own, e.g. createdb qualify_team.")
            }
            let current = try await Self.schemaVersion(connection)
            if current > ServerSchema.newestVersion {
                try await connection.run("ROLLBACK")
                throw SyncError("\(address.display) was set up by a newer qualify (schema \(current)); nothing was changed. Update qualify.")
            }
            var applied: [String] = []
            for migration in ServerSchema.migrations where migration.version > current {
                for statement in migration.statements() { try await connection.run(statement) }
                var binds = PostgresBindings()
                binds.append(migration.version)
                binds.append(migration.name)
                try await connection.run("INSERT INTO qualify.migration (version, name) VALUES ($1, $2)", binds)
                applied.append("\(migration.version): \(migration.name)")
            }
            let present = Set(try await connection.texts("""
                SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'qualify'
                """).compactMap { $0[0] })
            for statement in ServerSchema.missingColumns(present: present) {
                try await connection.run(statement)
                applied.append(statement)
            }
            try await connection.run("COMMIT")
            return applied
        }
    }

    /// The schema version on the server: 0 for none, -1 for a `qualify` schema qualify did not make.
    static func schemaVersion(_ connection: PostgresConnection) async throws -> Int {
        let schema = try await connection.texts("SELECT to_regclass('qualify.migration')::text, (SELECT 1 FROM pg_namespace WHERE nspname = 'qualify')::text")
        if schema.first?[0] == nil {
            if schema.first?[1] != nil {
                throw SyncError("the database has a schema named qualify that qualify did not make; nothing was changed. Give qualify a database of its own.")
            }
            return 0
        }
        let version = try await connection.texts("SELECT max(version)::text FROM qualify.migration")
        return Int(version.first?[0] ?? "0") ?? 0
    }

    /// Creates (or updates) a login role in the reps' or managers' group.
    /// `name` is the name the member's statements are captured under
    /// (QUALIFY_REP or `owner` in config.yaml on their laptop). True when the member was there
    /// already (updated: group, name, and the password when one is given).
    @discardableResult
    public func addMember(role roleName: String, name: String, as role: Role, password newPassword: String?) throws(SyncError) -> Bool {
        guard !roleName.isEmpty, !name.isEmpty else {
            throw SyncError("give the member's login name and their name as they capture statements.", isUsage: true)
        }
        let address = self.address
        return try call { connection in
            guard try await Self.schemaVersion(connection) > 0 else {
                throw SyncError("\(address.display) has no team schema yet; run qualify server init \(address.display) first.")
            }
            // Checked inside the transaction that adds the member (closing the connection rolls it back).
            try await connection.run("BEGIN")
            // One name, one member: the server tells reps apart by the name on what they capture.
            var nameBinds = binds(name)
            nameBinds.append(roleName)
            if let holder = try await connection.texts("SELECT role FROM qualify.member WHERE name = $1 AND role <> $2", nameBinds).first.flatMap({ $0[0] }) {
                throw SyncError("\"\(name)\" is already the name of member \(holder); each member captures under a name of their own. Give \(roleName) another --name.")
            }
            let wasMember = try await !connection.texts("SELECT 1::text FROM qualify.member WHERE role = $1", binds(roleName)).isEmpty
            let exists = try await connection.texts("SELECT 1::text FROM pg_roles WHERE rolname = $1", binds(roleName))
            if exists.isEmpty {
                try await connection.run("CREATE ROLE \(quoted(roleName)) LOGIN")
            }
            try await connection.run("GRANT \(role.group) TO \(quoted(roleName))")
            let other: Role = role == .rep ? .manager : .rep
            try await connection.run("REVOKE \(other.group) FROM \(quoted(roleName))")
            if let newPassword {
                // Sent as a SCRAM verifier, so the server and its logs never see the password itself.
                try await connection.run("ALTER ROLE \(quoted(roleName)) PASSWORD \(literal(SCRAMVerifier.make(password: newPassword)))")
            }
            var memberBinds = binds(roleName)
            memberBinds.append(name)
            memberBinds.append(role.rawValue)
            try await connection.run("""
                INSERT INTO qualify.member (role, name, kind) VALUES ($1, $2, $3)
                ON CONFLICT (role) DO UPDATE SET name = excluded.name, kind = excluded.kind
                """, memberBinds)
            try await connection.run("COMMIT")
            return wasMember
        }
    }

    /// Runs `body` on a fresh connection and closes it; every failure becomes one line.
    func call<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws(SyncError) -> T {
        let address = self.address, password = self.password
        do {
            return try AsyncBridge.run {
                let connection = try await ServerConnection.open(address, password: password)
                do {
                    let value = try await body(connection)
                    try? await connection.close()
                    return value
                } catch {
                    try? await connection.close()
                    throw error
                }
            }
        } catch {
            throw ServerConnection.describe(error, address: address)
        }
    }
}

func binds(_ values: String...) -> PostgresBindings {
    var bindings = PostgresBindings()
    for value in values { bindings.append(value) }
    return bindings
}

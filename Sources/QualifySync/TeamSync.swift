import Foundation
import PostgresNIO
import QualifyStore

/// What one `qualify sync` moved, per kind of record.
public struct SyncSummary: Sendable, Equatable {
    /// Rows the server did not have before this push.
    public var pushed: [String: Int] = [:]
    /// Accounts, contacts, opportunities and leads whose new values the server took.
    public var pushedUpdates: [String: Int] = [:]
    public var pulled: [String: Int] = [:]
    public var pulledUpdates: [String: Int] = [:]
    public var superseded: [SupersededChange] = []
    public var answersChangedTwice: [String] = []
    public var removedDeals: [String] = []

    public var lines: [String] {
        ["pushed: " + Self.counts(pushed, updates: pushedUpdates), "pulled: " + Self.counts(pulled, updates: pulledUpdates)]
            + superseded.map { "superseded: \($0)" } + answersChangedTwice.map { "changed twice: \($0)" }
            + removedDeals.map { "removed: \($0)" }
    }

    private static func counts(_ added: [String: Int], updates: [String: Int]) -> String {
        var parts: [String] = []
        for table in SyncTable.all {
            if let count = added[table.kind], count > 0 { parts.append(noun(table.kind, count)) }
            if let count = updates[table.kind], count > 0 { parts.append(noun(table.kind, count) + " changed") }
        }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }

    public static func noun(_ kind: String, _ count: Int) -> String {
        let names: [String: (String, String)] = [
            "account": ("account", "accounts"), "contact": ("contact", "contacts"),
            "opportunity": ("opportunity", "opportunities"), "opportunityChange": ("history row", "history rows"),
            "statement": ("statement", "statements"), "letter": ("letter", "letters"), "lead": ("lead", "leads"),
            "letterQuote": ("traced quote", "traced quotes"), "letterMark": ("sent/confirmed mark", "sent/confirmed marks"),
            "planStep": ("plan step", "plan steps"), "fieldChange": ("contact or plan step change", "contact or plan step changes"),
            "removal": ("removal", "removals"),
        ]
        let (one, many) = names[kind] ?? (kind, kind)
        return "\(count) \(count == 1 ? one : many)"
    }
}

/// One member's last sync, for `qualify sync --status`.
public struct MemberStatus: Sendable, Equatable {
    public var name: String
    public var role: String
    public var kind: String
    public var lastSync: String?
}

/// `qualify sync`: push what the server lacks in one transaction, then pull
/// what the team added, page by page. Local rows count as pushed only once
/// the server committed; pulled pages are applied with the position they
/// reached. A cut at any moment leaves both sides whole; the next sync resumes.
public struct TeamSync: Sendable {
    public let server: TeamServer
    public let database: QualifyDatabase
    public let context: EditContext
    /// Rows per COPY chunk and per pulled page: memory stays flat at any size.
    public var pageSize = 5_000

    public init(server: TeamServer, database: QualifyDatabase, context: EditContext) {
        self.server = server
        self.database = database
        self.context = context
    }

    public func run() throws(SyncError) -> SyncSummary {
        let identity: SyncIdentity
        let plan: PushPlan
        do {
            identity = try database.syncIdentity()
            plan = try database.planPush()
        } catch {
            throw SyncError(error.description)
        }
        let sync = self
        return try server.call { connection in
            let (teamId, memberName) = try await sync.checkTeam(connection, identity: identity)
            if !plan.isEmpty { try sync.refuseOtherNames(memberName) }
            var summary = SyncSummary()
            let pushedChanges = try await sync.push(plan, identity: identity, over: connection, into: &summary)
            try sync.database.finishPush(plan)
            try await sync.pull(identity: identity, pushedChanges: pushedChanges, over: connection, into: &summary)
            try sync.database.recordSync(teamId: teamId, at: Date())
            return summary
        }
    }

    /// The server's team, which must be the one this file synced with before.
    private func checkTeam(_ connection: PostgresConnection, identity: SyncIdentity) async throws -> (UUID, String) {
        let version = try await TeamServer.schemaVersion(connection)
        guard version > 0 else {
            throw SyncError("\(server.address.display) has no team schema; whoever runs the server runs qualify server init first.")
        }
        guard version <= ServerSchema.newestVersion else {
            throw SyncError("the team server was set up by a newer qualify (schema \(version)); update qualify, then sync.")
        }
        guard version == ServerSchema.newestVersion else {
            throw SyncError("the team server's schema is older than this qualify (\(version), this one needs \(ServerSchema.newestVersion)); whoever runs the server runs qualify server init \(server.address.display) once, then sync.")
        }
        let member = try await connection.texts("SELECT name FROM qualify.member WHERE role = current_user")
        guard let name = member.first?[0] else {
            throw SyncError("\(server.address.user) is not a member of the team on \(server.address.display); ask whoever runs it for qualify server add-rep \(server.address.user).")
        }
        guard let text = try await connection.texts("SELECT id::text FROM qualify.team").first?[0], let team = UUID(uuidString: text) else {
            throw SyncError("\(server.address.display) has no team row; run qualify server init again.")
        }
        if let known = identity.teamId, known != team {
            throw SyncError("this database syncs with another team server; a second team would mix two pipelines. Use a separate database (--database) for this server.")
        }
        return (team, name)
    }

    /// The server takes only rows written under the member's own name: rows this laptop
    /// captured under another (the login, before QUALIFY_REP was set) are named with
    /// how many, and how to claim them, before anything is sent.
    private func refuseOtherNames(_ memberName: String) throws {
        let others = try database.unpushedAuthors(otherThan: memberName)
        guard let first = others.first else { return }
        let listed = others.map { other in
            "'\(other.name)': " + SyncTable.all.compactMap { table in other.counts[table.kind].map { SyncSummary.noun(table.kind, $0) } }
                .joined(separator: ", ")
        }.joined(separator: "; ")
        throw SyncError("""
            this laptop holds rows captured under another name than \(memberName), the name the server knows for \(server.address.user) \
            (\(listed)); nothing was pushed. If they are yours, run QUALIFY_REP="\(memberName)" qualify rep claim "\(first.name)", then sync again.
            """)
    }

    /// Pushes in one server transaction: the rows are copied into temporary
    /// tables first, then merged under the push lock, so pushes wait for each
    /// other only while they merge. Returns the uuids of the history rows the
    /// server had not seen.
    private func push(_ plan: PushPlan, identity: SyncIdentity, over connection: PostgresConnection,
                      into summary: inout SyncSummary) async throws -> Set<UUID> {
        var newChanges: Set<UUID> = []
        try await connection.run("BEGIN")
        // The staged rows of a first sync stay in memory (temporary tables use these buffers, set before the first).
        try await connection.run("SET LOCAL temp_buffers = '64MB'")
        var staged: [SyncTable] = []
        for table in SyncTable.all where !plan.isEmpty {
            if try await stage(table, plan: plan, over: connection) { staged.append(table) }
        }
        try await connection.run("SELECT pg_advisory_xact_lock(\(ServerSchema.pushLock))")
        var total = 0
        for table in staged {
            let (added, updated, uuids) = try await merge(table, staging: Self.staging(table), clientId: identity.clientId, over: connection)
            summary.pushed[table.kind] = added
            summary.pushedUpdates[table.kind] = updated
            total += added + updated
            newChanges.formUnion(uuids)
        }
        var event = PostgresBindings()
        event.append(identity.clientId)
        event.append(total)
        try await connection.run("INSERT INTO qualify.\"syncEvent\" (\"clientId\", pushed) VALUES ($1, $2)", event)
        try await connection.run("COMMIT")
        return newChanges
    }

    private static func staging(_ table: SyncTable) -> String { "incoming_\(table.kind)" }

    /// The history rows whose uuids come back from a push: they decide what was superseded.
    private static let histories: Set<String> = ["opportunityChange", "fieldChange"]

    /// Streams the table's pending rows into a temporary table in one COPY: the
    /// next page is read from SQLite while the server stores the last. False when there were none.
    private func stage(_ table: SyncTable, plan: PushPlan, over connection: PostgresConnection) async throws -> Bool {
        let staging = Self.staging(table)
        let columns = table.columns.map { quoted($0.name) }.joined(separator: ", ")
        try await connection.run("CREATE TEMP TABLE \(quoted(staging)) ON COMMIT DROP AS SELECT \(columns) FROM qualify.\(quoted(table.kind)) WITH NO DATA")
        var sent = 0
        try await connection.copyFrom(table: staging, columns: table.columns.map(\.name), logger: ServerConnection.logger) { writer in
            var after: Int64? = 0
            while let start = after {
                var rows = CopyTextRows(capacity: pageSize * 160)
                let page = try database.writeOutgoingRows(of: table, plan: plan, after: start, limit: pageSize, into: &rows)
                if page.count > 0 { try await writer.write(rows.buffer) }
                sent += page.count
                after = page.next
            }
        }
        return sent > 0
    }

    /// Moves staged rows into the team's table: append-only rows the server
    /// lacks; editable rows inserted or, when their values differ, replaced
    /// (the later push of a row wins; its edited fields follow the history instead).
    private func merge(_ table: SyncTable, staging: String, clientId: UUID,
                       over connection: PostgresConnection) async throws -> (Int, Int, Set<UUID>) {
        let target = "qualify.\(quoted(table.kind))"
        let names = table.columns.map { quoted($0.name) }
        let columns = names.joined(separator: ", ")
        var bindings = PostgresBindings()
        bindings.append(clientId)
        let sql: String
        if table.isAppendOnly {
            // Rows already there are filtered out before the insert, so row-level security
            // judges only what is new, and another rep's pulled rows never count against us.
            // No other push inserts meanwhile (pushes merge under the push lock), so no ON CONFLICT:
            // its speculative insertion, and RETURNING a million rows, were most of a first sync's merge.
            let insert = """
                INSERT INTO \(target) (\(columns), "syncedFrom")
                SELECT \(names.map { "i.\($0)" }.joined(separator: ", ")), $1 FROM \(quoted(staging)) i
                WHERE NOT EXISTS (SELECT 1 FROM \(target) t WHERE t."uuid" = i."uuid")
                """
            guard Self.histories.contains(table.kind) else {
                // Counted from the command tag.
                let result = try await connection.query(PostgresQuery(unsafeSQL: insert, binds: bindings), logger: ServerConnection.logger).get()
                return (result.metadata.rows ?? 0, 0, [])
            }
            sql = insert + "\nRETURNING \"uuid\"::text AS uuid, true::text AS inserted"
        } else {
            let data = names.filter { $0 != "\"uuid\"" }
            sql = """
                INSERT INTO \(target) AS t (\(columns), "syncedFrom")
                SELECT \(columns), $1 FROM \(quoted(staging))
                ON CONFLICT ("uuid") DO UPDATE SET \(data.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")),
                  seq = nextval('qualify."changeSeq"'), "syncedBy" = current_user, "syncedFrom" = excluded."syncedFrom", "syncedAt" = now()
                WHERE (\(data.map { "t.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(data.map { "excluded.\($0)" }.joined(separator: ", ")))
                RETURNING "uuid"::text AS uuid, (xmax = 0)::text AS inserted
                """
        }
        var added = 0, updated = 0
        var uuids: Set<UUID> = []
        if Self.histories.contains(table.kind) {
            // Only the history's uuids are needed back: they decide what was superseded.
            for row in try await connection.texts(sql, bindings) {
                if row[1] == "true" { added += 1 } else { updated += 1 }
                if let text = row[0], let uuid = UUID(uuidString: text) { uuids.insert(uuid) }
            }
        } else {
            let counted = try await connection.texts("""
                WITH merged AS (\(sql))
                SELECT (count(*) FILTER (WHERE inserted = 'true'))::text, (count(*) FILTER (WHERE inserted <> 'true'))::text FROM merged
                """, bindings)
            added = Int(counted.first?[0] ?? "") ?? 0
            updated = Int(counted.first?[1] ?? "") ?? 0
        }
        return (added, updated, uuids)
    }

    /// Reads the team's rows newer than this laptop's position from one
    /// snapshot, so a statement never arrives before its opportunity.
    private func pull(identity: SyncIdentity, pushedChanges: Set<UUID>, over connection: PostgresConnection,
                      into summary: inout SyncSummary) async throws {
        let positions = try database.pulledSeqs()
        try await connection.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for table in SyncTable.all {
            let from = positions[table.kind] ?? 0
            var newest = PostgresBindings()
            newest.append(from)
            let top = Int64(try await connection.texts("SELECT max(seq)::text FROM qualify.\(quoted(table.kind)) WHERE seq > $1", newest).first?[0] ?? "") ?? from
            guard top > from else { continue }
            let select = table.columns.map { "\(quoted($0.name))::text" }.joined(separator: ", ")
            var bindings = PostgresBindings()
            bindings.append(from)
            bindings.append(top)
            bindings.append(identity.clientId)
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT seq, \(select) FROM qualify.\(quoted(table.kind))
                WHERE seq > $1 AND seq <= $2 AND "syncedFrom" <> $3 ORDER BY seq
                """, binds: bindings), logger: ServerConnection.logger)
            var page: [[ExportValue]] = []
            var reached = from
            for try await row in rows {
                var cells = row.makeIterator()
                reached = try cells.next()!.decode(Int64.self)
                var values: [ExportValue] = []
                for column in table.columns {
                    let text = try cells.next()!.decode(String?.self)
                    values.append(CopyText.value(text, type: column.type))
                }
                page.append(values)
                if page.count == pageSize {
                    apply(try database.applyPulled(page, of: table, upToSeq: reached, pushedChanges: pushedChanges, context: context),
                          kind: table.kind, to: &summary)
                    page.removeAll(keepingCapacity: true)
                }
            }
            // The last page also moves the position past this laptop's own rows.
            apply(try database.applyPulled(page, of: table, upToSeq: top, pushedChanges: pushedChanges, context: context),
                  kind: table.kind, to: &summary)
        }
        try await connection.run("COMMIT")
    }

    private func apply(_ page: PulledPage, kind: String, to summary: inout SyncSummary) {
        summary.pulled[kind, default: 0] += page.added
        summary.pulledUpdates[kind, default: 0] += page.updated
        summary.superseded += page.superseded
        summary.answersChangedTwice += page.answersChangedTwice
        summary.removedDeals += page.removedDeals
    }

    /// When each member last synced, from the server's own clock.
    public func status() throws(SyncError) -> [MemberStatus] {
        try server.call { connection in
            guard try await TeamServer.schemaVersion(connection) > 0 else {
                throw SyncError("\(server.address.display) has no team schema; whoever runs the server runs qualify server init first.")
            }
            return try await connection.texts("""
                SELECT m.name, m.role::text, m.kind, to_char(max(e.at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')
                FROM qualify.member m LEFT JOIN qualify."syncEvent" e ON e.role = m.role
                GROUP BY m.name, m.role, m.kind ORDER BY m.kind DESC, m.name
                """).map { MemberStatus(name: $0[0] ?? "", role: $0[1] ?? "", kind: $0[2] ?? "", lastSync: $0[3]) }
        }
    }
}

import Foundation
import GRDB
import QualifyKit

extension QualifyDatabase {
    /// Imports a file written by `exportEverything`, in one transaction.
    /// A record is the stored one of its uuid (a newer export updates it, so
    /// importing the same file twice changes nothing), else of its CRM id;
    /// an account of the same name is that account and a contact of the same
    /// name at the account that person. Two reps' deals of one name are two
    /// deals: the second is renamed the manual's way. Every value that
    /// differs from the stored record is in the report's `differences`.
    /// A file without the end line `export all` writes last is refused as cut short unless `requiringEndLine` is false.
    public func importEverything<Lines: Sequence<String>>(_ lines: Lines, requiringEndLine: Bool = true) throws(StoreError) -> FullImportReport {
        try importEverything(lines.lazy.map { Data($0.utf8) }, requiringEndLine: requiringEndLine)
    }

    /// The same, from the file's bytes: a line that is not UTF-8 refuses the
    /// file, where decoding it would have put U+FFFD in a buyer's words.
    public func importEverything<Lines: Sequence<Data>>(_ lines: Lines, requiringEndLine: Bool = true) throws(StoreError) -> FullImportReport {
        try importingEverything { db in
            let importer = FullImporter(db)
            importer.requiresEndLine = requiringEndLine
            for (index, line) in lines.enumerated() {
                try line.withUnsafeBytes { try importer.importLine($0.bindMemory(to: UInt8.self), number: index + 1) }
            }
            return try importer.finishFile()
        }
    }

    /// The same, read from an open file 1 MiB at a time: memory stays flat
    /// whatever the file's size. A dry run reports and rolls everything back.
    public func importEverything(from file: FileHandle, dryRun: Bool = false, requiringEndLine: Bool = true) throws(StoreError) -> FullImportReport {
        try importingEverything(dryRun: dryRun) { db in
            let importer = FullImporter(db)
            importer.requiresEndLine = requiringEndLine
            var buffer: [UInt8] = []
            var number = 0
            var finished = false
            while !finished {
                let chunk = try file.read(upToCount: 1 << 20) ?? Data()
                finished = chunk.isEmpty
                buffer.append(contentsOf: chunk)
                // The last line of a file may lack its line break.
                if finished && !buffer.isEmpty && buffer.last != 0x0A { buffer.append(0x0A) }
                let consumed = try buffer.withUnsafeBufferPointer { bytes -> Int in
                    var start = 0
                    while let newline = bytes[start...].firstIndex(of: 0x0A) {
                        number += 1
                        try importer.importLine(UnsafeBufferPointer(rebasing: bytes[start..<newline]), number: number)
                        start = newline + 1
                    }
                    return start
                }
                buffer.removeSubrange(0..<consumed)
            }
            return try importer.finishFile()
        }
    }
}

extension QualifyDatabase {
    /// One transaction around the whole file, with a page cache big enough
    /// that a million statements do not spill to the WAL every few rows; a
    /// fixed ceiling, so memory stays flat in the file's size.
    private func importingEverything(dryRun: Bool = false,
                                     _ body: (Database) throws -> FullImportReport) throws(StoreError) -> FullImportReport {
        do {
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -\(Self.importCacheKiB)")
                // Each INSERT inside the long transaction keeps a statement journal of the pages
                // it changes; in a temporary file that was 2,300,000 pwrite calls for 200,000 lines
                // (sqlite3's INSERT ... SELECT made 120,000). In memory it is one statement's pages.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT") }
                var report = FullImportReport()
                try db.inTransaction {
                    let before = try ImportedRows.newestIds(in: db)
                    report = try body(db)
                    try ImportedRows.record(after: before, in: db)
                    return dryRun ? .rollback : .commit
                }
                return report
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    static let importCacheKiB = 16384
}

/// One `import all`: its prepared statements, made once and reused for
/// every line (re-preparing the INSERT recompiled the search index's
/// triggers for each statement), and the report. A reference is found
/// through the uuid index, never through a map that grows with the file.
final class FullImporter {
    private let db: Database
    private(set) var report = FullImportReport()
    private var stageIds: [String: Int64] = [:]
    /// The file's uuid of a record merged into a stored twin by name, to its
    /// twin's id: only merged records, not every row of the file.
    private var mergedIds: [String: [UUID: Int64]] = [:]
    private var lastResolved: [String: (uuid: UUID, id: Int64)] = [:]
    /// Each table's statements, prepared on first use and kept: a cache keyed
    /// by the SQL text would hash that text on every row.
    private var prepared: [String: [String: GRDB.Statement]] = [:]
    private static let tables = Dictionary(uniqueKeysWithValues: ExportedTable.all.map { ($0.kind, $0) })

    private var searchIndex: DeferredSearchIndex?
    /// A file must end with the line `export all` writes last (FullFileEnd); false takes one without it.
    var requiresEndLine = true
    /// The file's lines by kind, for its end line to confirm.
    private var linesOfKind: [String: Int] = [:]
    private var endLine: Int?

    init(_ db: Database) { self.db = db }

    /// Indexes the statements added; call once, after the last line.
    func finish() throws -> FullImportReport {
        try searchIndex?.indexAndRestore(db)
        return report
    }

    /// After a file's last line: the file ended with its end line, or is refused (rolled back) as cut short.
    func finishFile() throws -> FullImportReport {
        if endLine == nil {
            guard !requiresEndLine else { throw StoreError(.invalid, FullFileEnd.incomplete) }
            report.hadNoEndLine = true
        }
        return try finish()
    }

    func importLine(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws {
        // Editors on Windows start a UTF-8 file with a byte order mark: no part of the first line.
        let bytes = number == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: line[3...]) : line
        guard !bytes.isEmpty else { return }
        guard bytes.allSatisfy({ $0 < 0x80 }) || String(validating: bytes, as: UTF8.self) != nil else {
            throw StoreError(.invalid, "line \(number) is not UTF-8 text; nothing was imported. Give a file written by qualify export all --format jsonl.")
        }
        guard let object = FlatJSONObject.parse(bytes) else {
            throw StoreError(.invalid, "line \(number) is not a JSON object; nothing was imported. Give a file written by qualify export all --format jsonl.")
        }
        if let (key, problem) = Self.controlCharacter(in: object) {
            throw StoreError(.invalid, "line \(number): \"\(key)\" (its line \(problem.line), column \(problem.column)): \(problem.reason); nothing was imported.")
        }
        guard case .text(let kind)? = object["kind"] else {
            throw StoreError(.invalid, "line \(number) has no \"kind\"; nothing was imported.")
        }
        if let endLine {
            throw StoreError(.invalid, "line \(number) comes after the end line (line \(endLine)); nothing was imported. Give one file as qualify export all wrote it, not two joined.")
        }
        if kind == FullFileEnd.kind {
            try FullFileEnd.check(object, against: linesOfKind, line: number)
            endLine = number
            return
        }
        linesOfKind[kind, default: 0] += 1
        if kind == "stage" {
            try importStage(object, line: number)
            return
        }
        guard let table = Self.tables[kind] else {
            throw StoreError(.invalid, "line \(number) has an unknown kind \"\(kind)\"; nothing was imported.")
        }
        try importRow(object, table: table, line: number)
    }

    /// The value holding a control character, if any: it refuses the file (or a
    /// pulled page) before anything is stored.
    static func controlCharacter(in object: [String: ExportValue]) -> (key: String, problem: ControlCharacters.Problem)? {
        let hasProblem = object.values.contains { value in
            guard case .text(let text) = value else { return false }
            return ControlCharacters.firstProblem(in: text) != nil
        }
        guard hasProblem else { return nil }
        // The first key in order, so the message is the same every time.
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard case .text(let text) = value, let problem = ControlCharacters.firstProblem(in: text) else { continue }
            return (key, problem)
        }
        return nil
    }

    private func importStage(_ object: [String: ExportValue], line: Int) throws {
        guard case .text(let name)? = object["name"], case .integer(let probability)? = object["probability"] else {
            throw StoreError(.invalid, "line \(line): a stage needs a name and a probability; nothing was imported.")
        }
        // The local administrator's stage list wins; only unknown stages are added, as `stage add` adds
        // them: an open one before the closed stages, a closed one last.
        guard try Stage.filter(Stage.Columns.name == name).fetchOne(db) == nil else { return }
        var closed: StageOutcome?
        if case .text(let outcome)? = object["closed"] { closed = StageOutcome(rawValue: outcome) }
        var position = (try Int.fetchOne(db, sql: "SELECT max(position) FROM stage") ?? 0) + 1
        if closed == nil, let firstClosed = try Int.fetchOne(db, sql: "SELECT min(position) FROM stage WHERE closed IS NOT NULL") {
            try db.execute(sql: "UPDATE stage SET position = position + 1 WHERE position >= ?", arguments: [firstClosed])
            position = firstClosed
        }
        var stage = Stage(name: name, position: position, probability: Int(probability), closed: closed)
        try stage.insert(db)
    }

    /// Sync's team server holds one record per name: a pulled account or deal of a stored
    /// name is that one. A file from another rep's laptop is not: its deal is another deal.
    var mergesDealsByName = false
    /// Whether `report.differences` names each value of a stored record the file holds otherwise
    /// (sync reports its own superseded changes instead).
    var notesDifferences = true

    /// What became of one row; `qualify sync` counts them and remembers merges.
    enum Outcome: Equatable {
        case added, updated, unchanged
        /// Another rep's record of the same name: theirs is ours under their uuid.
        case merged(into: Int64)
        /// The record, or one it belongs to, was removed here: it stays removed.
        case removedHere
    }

    /// A pulled row whose parent is not here: removed here, or left out with a removed
    /// parent of its own. Sync skips such rows; a file refuses them unless the parent's removal is stored.
    var skipsOrphans = false
    private struct Orphan: Error {}

    @discardableResult
    func importRow(_ object: [String: ExportValue], table: ExportedTable, line: Int) throws -> Outcome {
        guard case .text(let uuidText)? = object["uuid"], let uuid = UUIDText.parse(uuidText) else {
            throw StoreError(.invalid, "line \(line): \(withArticle(table.kind)) without a valid uuid; nothing was imported.")
        }
        do {
            return try importRow(object, uuid: uuid, table: table, line: line)
        } catch is Orphan {
            report.removedHere += 1
            return .removedHere
        }
    }

    private func importRow(_ object: [String: ExportValue], uuid: UUID, table: ExportedTable, line: Int) throws -> Outcome {
        guard table.isEditable else {
            // Append-only rows are never rewritten. Looked up first, not inserted with
            // ON CONFLICT DO NOTHING: that still bumps the AUTOINCREMENT sequence, so a
            // file imported twice would change the database.
            guard try localId(of: uuid, in: table.table) == nil else {
                report.unchanged += 1
                return .unchanged
            }
            if table.table == "statement" && searchIndex == nil {
                // Until the first new statement the index keeps its triggers.
                searchIndex = try DeferredSearchIndex(setAsideIn: db)
            }
            var values = try columnValues(object, uuid: uuid, table: table, line: line)
            let follower = table.table == "statement" ? try placeInLine(&values, table: table) : nil
            try statement(table.table, "insert") { table.insertSQL }.execute(arguments: StatementArguments(values))
            if let follower {
                try db.execute(sql: "UPDATE statement SET replacesId = ? WHERE id = ?", arguments: [db.lastInsertedRowID, follower])
            }
            report.added[table.kind, default: 0] += 1
            if table.table == Removal.databaseTableName { try applyRemoval(object) }
            return .added
        }
        // Edited elsewhere after it was removed here: the removal wins.
        if try Removal.isRemoved(uuid, in: db) { throw Orphan() }
        if let id = try localId(of: uuid, in: table.table) {
            // The same record from a newer export: its values win, so a manager's copy follows the rep's.
            let stored = try storedValues(id: id, table: table)
            var values = try columnValues(object, uuid: uuid, table: table, line: line)
            try keepStoredName(&values, stored: stored, id: id, table: table)
            try statement(table.table, "update") { table.updateSQL }.execute(arguments: StatementArguments(values + [id.databaseValue] + values))
            guard db.changesCount > 0 else {
                report.unchanged += 1
                return .unchanged
            }
            report.updated += 1
            try noteDifferences(.updated, stored: stored, file: values, object: object, table: table, line: line)
            return .updated
        }
        var object = object
        switch try storedTwin(of: object, table: table, line: line) {
        case .sameRecord(let twin, let why)?:
            mergedIds[table.table, default: [:]][uuid] = twin
            report.merged += 1
            if notesDifferences, let values = try? columnValues(object, uuid: uuid, table: table, line: line) {
                try noteDifferences(.kept(why: why), stored: try storedValues(id: twin, table: table), file: values,
                                    object: object, table: table, line: line)
            }
            return .merged(into: twin)
        case .anotherRecordOfTheName?:
            try rename(&object, table: table, line: line)
        case nil:
            break
        }
        let values = try columnValues(object, uuid: uuid, table: table, line: line)
        try statement(table.table, "insert") { table.insertSQL }.execute(arguments: StatementArguments(values))
        report.added[table.kind, default: 0] += 1
        return .added
    }

    /// Two reps who each changed one version of an answer both replace it, and a version has one
    /// successor (history is a line: UNIQUE replacesId). The arriving version takes its place in the
    /// line by when it was captured (then uuid), so every laptop ends with the same line and the
    /// same current words, whichever version it had first; both are kept. Returns the stored
    /// version that must follow the arriving one once it is inserted. (The team server once
    /// refused every pull after such a pair, "UNIQUE constraint failed: statement.replacesId",
    /// on every laptop, for good.)
    private func placeInLine(_ values: inout [DatabaseValue], table: ExportedTable) throws -> Int64? {
        let columns = table.storedColumns
        guard let link = columns.firstIndex(of: "replacesId"), let replaced = Int64.fromDatabaseValue(values[link]),
              let moment = columns.firstIndex(of: "capturedAt"), let uuid = columns.firstIndex(of: "uuid") else { return nil }
        var line: [Row] = []
        var current = replaced
        while let successor = try Row.fetchOne(statement("statement", "successor") {
            "SELECT id, capturedAt, uuid, text FROM statement WHERE replacesId = ?"
        }, arguments: [current]) {
            line.append(successor)
            current = successor["id"]
        }
        guard !line.isEmpty else { return nil }
        // Stored moments are text that sorts as time; the uuid (its text sorts as its bytes) breaks a tie the same way everywhere.
        let arriving = (String.fromDatabaseValue(values[moment]) ?? "", UUID.fromDatabaseValue(values[uuid])?.uuidString ?? "")
        let later = line.firstIndex { ($0["capturedAt"] as String, ($0["uuid"] as UUID).uuidString) > arriving }
        let before: Int64 = later.map { $0 == 0 ? replaced : line[$0 - 1]["id"] } ?? line[line.count - 1]["id"]
        values[link] = before.databaseValue
        let text = table.columns.firstIndex(of: "text").flatMap { String.fromDatabaseValue(values[$0]) } ?? ""
        let currentText: String = later == nil ? text : line[line.count - 1]["text"]
        if let row = try Row.fetchOne(db, sql: """
            SELECT s.field, o.name FROM statement s JOIN opportunity o ON o.id = s.opportunityId WHERE s.id = ?
            """, arguments: [replaced]) {
            let field: String = row["field"], deal: String = row["name"]
            let title = Field(rawValue: field)?.title ?? field
            report.answersChangedTwice.append("\(title) of \"\(deal)\" was changed on two laptops from the same words; both are kept, the later current: «\(currentText)» (the other: «\(later == nil ? line[line.count - 1]["text"] as String : text)»)")
        }
        guard let later else { return nil }
        // Unlinked while the arriving version is inserted, then linked after it: one successor at every moment.
        let follower: Int64 = line[later]["id"]
        try db.execute(sql: "UPDATE statement SET replacesId = NULL WHERE id = ?", arguments: [follower])
        return follower
    }

    /// What a stored record of the file's CRM id or name is to the file's record.
    private enum Twin {
        /// The same record under another uuid; `why` says how it was known.
        case sameRecord(Int64, why: String)
        /// A record of the same name that is not this one: this one is renamed.
        case anotherRecordOfTheName
    }

    /// The stored row that another rep's file holds under its own uuid: the
    /// same CRM record, the account of that name (unless both have other ids
    /// in one CRM), the contact of that name at the same account (`contact add`
    /// allows no second one; of two an import let in, the one of the file's e-mail),
    /// unless the file's e-mail is not the stored contact's: another person.
    /// A deal of that name is another deal (sync: the same).
    private func storedTwin(of object: [String: ExportValue], table: ExportedTable, line: Int) throws -> Twin? {
        guard table.mergesByName else { return nil }
        // The same CRM record, whatever each rep renamed it to: its CRM's id is unique there.
        if case .text(let crm)? = object["sourceCRM"], case .text(let sourceId)? = object["sourceId"],
           let id = try Int64.fetchOne(statement(table.table, "source") { "SELECT id FROM \(table.table) WHERE sourceCRM = ? AND sourceId = ?" },
                                       arguments: [crm, sourceId]) {
            return .sameRecord(id, why: "the same \(crm) record \(sourceId)")
        }
        guard case .text(let name)? = object["name"] else { return nil }
        switch table.table {
        case "contact":
            guard case .text(let accountText)? = object["account"], let account = UUIDText.parse(accountText),
                  let accountId = try resolve(account, in: "account") else { return nil }
            var namesakes = try QualifyDatabase.contacts(named: name, accountId: accountId, in: db)
            let accountName = { try String.fetchOne(self.db, sql: "SELECT name FROM account WHERE id = ?", arguments: [accountId]) ?? "" }
            // The file's e-mail says which, or that it is another person, as `import contacts` and
            // `lead convert` read it: only a namesake without an e-mail may be the file's with one.
            if case .text(let email)? = object["email"] {
                if let same = namesakes.first(where: { $0.email?.lowercased() == email.lowercased() }) {
                    return .sameRecord(same.id!, why: "the same name and e-mail at the account")
                }
                namesakes = namesakes.filter { $0.email == nil }
                guard namesakes.count > 1 else { return namesakes.first.map { .sameRecord($0.id!, why: "the same name at the account") } }
                let error = try QualifyDatabase.ambiguousContact(name, namesakes, accountId: accountId, sayWhich: "the file's <\(email)> may be either, so nothing was imported: "
                    + "give the stored one that is its e-mail (qualify contact set \"\(name)\" --account \"\(try accountName())\" --email \(email)) and import again", in: db)
                throw StoreError(.duplicate, "line \(line): " + error.description)
            }
            guard namesakes.count > 1 else { return namesakes.first.map { .sameRecord($0.id!, why: "the same name at the account") } }
            // Two of the name (Salesforce allows it) and no e-mail in the file to say which.
            let error = try QualifyDatabase.ambiguousContact(name, namesakes, accountId: accountId, sayWhich: "the file's contact has no e-mail to say which it is, so nothing was imported: "
                + "give it its e-mail where the file was exported (qualify contact set \"\(name)\" --account \"\(try accountName())\" --email …), export again and import that file", in: db)
            throw StoreError(.duplicate, "line \(line): " + error.description)
        case "account":
            guard let row = try Row.fetchOne(statement(table.table, "name") { "SELECT id, sourceCRM, sourceId FROM account WHERE name = ?" },
                                             arguments: [name]) else { return nil }
            // One company in one CRM has one id: two ids are two accounts that happen to share a name.
            if case .text(let crm)? = object["sourceCRM"], case .text(let sourceId)? = object["sourceId"],
               row["sourceCRM"] == crm, let storedId: String = row["sourceId"], storedId != sourceId {
                return .anotherRecordOfTheName
            }
            return .sameRecord(row["id"], why: "the same name")
        default:
            guard try holder(ofName: name, in: table.table) != nil else { return nil }
            return mergesDealsByName ? .sameRecord(try holder(ofName: name, in: table.table)!, why: "the same name") : .anotherRecordOfTheName
        }
    }

    /// The stored row of this name (names of accounts and deals are unique, in any case).
    private func holder(ofName name: String, in table: String) throws -> Int64? {
        try Int64.fetchOne(statement(table, "holder") { "SELECT id FROM \(table) WHERE name = ?" }, arguments: [name])
    }

    /// Another record holds the file's name: a deal takes the account name, the close date, then a
    /// number (as `--on-duplicate rename` does), an account a number; the file's name is kept as its name in CRM.
    private func rename(_ object: inout [String: ExportValue], table: ExportedTable, line: Int) throws {
        guard case .text(let name)? = object["name"] else { return }
        let isTaken = { (candidate: String) throws -> Bool in try self.holder(ofName: candidate, in: table.table) != nil }
        let newName: String
        if table.table == "opportunity" {
            var account = ""
            if case .text(let accountText)? = object["account"], let uuid = UUIDText.parse(accountText), let id = try resolve(uuid, in: "account") {
                account = try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [id]) ?? ""
            }
            var closeDate: CalendarDay?
            if case .text(let day)? = object["closeDate"] { closeDate = CalendarDay(iso: day) }
            newName = try ManualNaming.freeDealName(name, account: account, closeDate: closeDate, isTaken: isTaken)
        } else {
            newName = try ManualNaming.numbered(name, isTaken: isTaken)
        }
        object["name"] = .text(newName)
        if object["sourceName"] == nil || object["sourceName"] == .null { object["sourceName"] = .text(name) }
        report.differences.append(RecordDifference(line: line, kind: table.kind, name: name, outcome: .renamed(newName: newName)))
    }

    /// A newer export of a record this import renamed still carries the name that is taken here: the stored name stays.
    private func keepStoredName(_ values: inout [DatabaseValue], stored: [DatabaseValue], id: Int64, table: ExportedTable) throws {
        guard table.table == "opportunity" || table.table == "account",
              let nameIndex = table.storedColumns.firstIndex(of: "name"), let name = String.fromDatabaseValue(values[nameIndex]),
              let holder = try holder(ofName: name, in: table.table), holder != id else { return }
        values[nameIndex] = stored[nameIndex]
        if let sourceName = table.storedColumns.firstIndex(of: "sourceName"), values[sourceName].isNull {
            values[sourceName] = stored[sourceName]
        }
    }

    /// The stored row's columns, in `storedColumns` order.
    private func storedValues(id: Int64, table: ExportedTable) throws -> [DatabaseValue] {
        let row = try Row.fetchOne(statement(table.table, "stored") {
            "SELECT \(table.storedColumns.joined(separator: ", ")) FROM \(table.table) WHERE id = ?"
        }, arguments: [id])
        return row.map { row in (0..<row.count).map { row[$0] as DatabaseValue } } ?? []
    }

    private func noteDifferences(_ outcome: RecordDifference.Outcome, stored: [DatabaseValue], file: [DatabaseValue],
                                 object: [String: ExportValue], table: ExportedTable, line: Int) throws {
        guard notesDifferences, stored.count == file.count else { return }
        let fields = try DifferenceReader(table: table).differences(stored: stored, file: file, in: db)
        guard !fields.isEmpty else { return }
        let nameKey = table.table == "lead" ? "person" : table.table == "planStep" ? "what" : "name"
        var name = ""
        if case .text(let text)? = object[nameKey] { name = text }
        report.differences.append(RecordDifference(line: line, kind: table.kind, name: name, outcome: outcome, fields: fields))
    }

    /// The local id of the stored row with this uuid, through the uuid index.
    private func localId(of uuid: UUID, in table: String) throws -> Int64? {
        try Int64.fetchOne(statement(table, "uuid") { "SELECT id FROM \(table) WHERE uuid = ?" }, arguments: [uuid])
    }

    /// What a reference to this uuid means here: the stored row, or the twin it was merged into.
    /// The last answer per table is kept: an opportunity's statements follow it in the file.
    private func resolve(_ uuid: UUID, in table: String) throws -> Int64? {
        if let last = lastResolved[table], last.uuid == uuid { return last.id }
        guard let id = try localId(of: uuid, in: table) ?? mergedIds[table]?[uuid] ?? syncAlias(of: uuid, in: table) else { return nil }
        lastResolved[table] = (uuid, id)
        return id
    }

    /// A record an earlier sync merged into a local twin by name (table `syncAlias`).
    private func syncAlias(of uuid: UUID, in table: String) throws -> Int64? {
        try Int64.fetchOne(statement("syncAlias", table) { "SELECT localId FROM syncAlias WHERE tableName = '\(table)' AND uuid = ?" },
                           arguments: [uuid])
    }

    /// The local id of a pulled row's uuid, as references resolve it.
    func localRow(of uuid: UUID, in table: String) throws -> Int64? { try resolve(uuid, in: table) }

    /// The row's columns as stored here, in `ExportedTable.storedColumns` order:
    /// references resolved from uuids to local ids.
    private func columnValues(_ object: [String: ExportValue], uuid: UUID, table: ExportedTable, line: Int) throws -> [DatabaseValue] {
        var values = table.columns.map { $0 == "uuid" ? uuid.databaseValue : object[$0]?.databaseValue ?? table.defaults[$0] ?? .null }
        // The records read these columns as typed values; a row they could not read back is refused here.
        if table.table == "opportunity", case .text(let day)? = object["closeDate"], CalendarDay(iso: day) == nil {
            throw StoreError(.invalid, "line \(line): closeDate \"\(day)\" is not a day written YYYY-MM-DD; nothing was imported.")
        }
        // A moment every reader can read back (`2026-12-02 03:28:23.158`): "yesterday" got in, and `review` then crashed on it.
        for column in table.momentColumns {
            guard let value = object[column], value != .null, StoredTime.date(from: value.databaseValue) == nil else { continue }
            throw StoreError(.invalid, "line \(line): \(column) \(value.databaseValue.description) is not a moment written YYYY-MM-DD HH:MM:SS.SSS (UTC); nothing was imported.")
        }
        if table.table == "opportunityChange", case .text(let field)? = object["field"], OpportunityField(rawValue: field) == nil {
            throw StoreError(.invalid, "line \(line): \"\(field)\" is not an opportunity field; nothing was imported.")
        }
        for reference in table.references {
            guard case .text(let targetText)? = object[reference.key] else {
                values.append(.null)
                continue
            }
            guard let target = UUIDText.parse(targetText) else {
                throw StoreError(.invalid, "line \(line): \(reference.key) \"\(targetText)\" is not a uuid; nothing was imported.")
            }
            guard let id = try resolve(target, in: reference.table) else {
                if try skipsOrphans || Removal.isRemoved(target, in: db) { throw Orphan() }
                throw StoreError(.invalid, "line \(line): the \(table.kind) refers to \(withArticle(reference.key)) (\(target)) that is neither in the file before it nor stored; nothing was imported.")
            }
            values.append(id.databaseValue)
        }
        if table.table == "opportunity" {
            if case .text(let stageName)? = object["stage"] {
                values.append(try stageId(named: stageName).databaseValue)
            } else {
                values.append(.null)
            }
        }
        return values
    }

    /// Removes the record a new removal names, as `plan remove` or `opportunity remove` did on the other laptop.
    private func applyRemoval(_ object: [String: ExportValue]) throws {
        guard case .text(let kind)? = object["recordKind"], Removal.kinds.contains(kind),
              case .text(let text)? = object["recordUuid"], let uuid = UUIDText.parse(text),
              let id = try resolve(uuid, in: kind) else { return }
        // A removed deal takes its statements with it: the search index needs its triggers back first.
        try searchIndex?.indexAndRestore(db)
        searchIndex = nil
        lastResolved[kind] = nil
        if kind == Opportunity.databaseTableName {
            // A deal with the buyer's words goes with them: said by name, so a rep who just captured
            // some learns where they went (the team server keeps every statement).
            if let row = try Row.fetchOne(db, sql: """
                SELECT o.name, (SELECT count(*) FROM statement s WHERE s.opportunityId = o.id
                                AND NOT EXISTS (SELECT 1 FROM statement n WHERE n.replacesId = s.id)) AS answers
                FROM opportunity o WHERE o.id = ?
                """, arguments: [id]), row["answers"] as Int > 0 {
                let by: String = if case .text(let name)? = object["removedBy"] { " by \(name)" } else { "" }
                report.removedDeals.append("\"\(row["name"] as String)\" was removed\(by), with its \(counted(row["answers"] as Int, "answer")); the team's file or server keeps them")
            }
            try QualifyDatabase.deleteOpportunity(id: id, in: db)
        } else {
            try db.execute(sql: "DELETE FROM \(kind) WHERE id = ?", arguments: [id])
        }
    }

    private func statement(_ table: String, _ purpose: String, sql: () -> String) throws -> GRDB.Statement {
        if let statement = prepared[table]?[purpose] { return statement }
        let statement = try db.makeStatement(sql: sql())
        prepared[table, default: [:]][purpose] = statement
        return statement
    }

    private func stageId(named name: String) throws -> Int64 {
        if let id = stageIds[name] { return id }
        let id = try QualifyDatabase.stage(named: name, in: db).id!
        stageIds[name] = id
        return id
    }
}

/// `UUID(uuidString:)` for the millions of uuids of an import: the same
/// 8-4-4-4-12 hex digits in either case, read from the bytes without the
/// scanf Foundation goes through.
enum UUIDText {
    static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return nil }
            var value: [UInt8] = []
            value.reserveCapacity(16)
            var index = 0
            while index < 36 {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard bytes[index] == UInt8(ascii: "-") else { return nil }
                    index += 1
                    continue
                }
                guard let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else { return nil }
                value.append(high << 4 | low)
                index += 2
            }
            return UUID(uuid: (value[0], value[1], value[2], value[3], value[4], value[5], value[6], value[7],
                               value[8], value[9], value[10], value[11], value[12], value[13], value[14], value[15]))
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The search index's triggers on `statement`, set aside while an import
/// adds statements inside its transaction, then every added statement
/// indexed with one INSERT and the triggers recreated from their own stored
/// SQL (so they stay exactly what the migration made). FTS5 writes its
/// pending terms to disk at every statement-level savepoint, that is at each
/// INSERT inside a transaction: a million statements became a million tiny
/// index segments to merge, 4x slower than one bulk insert.
struct DeferredSearchIndex {
    private let triggers: [(name: String, sql: String)]
    private let lastIndexed: Int64

    init(setAsideIn db: Database) throws {
        triggers = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'trigger' AND tbl_name = 'statement' AND sql LIKE '%statementSearch%'
            """).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
        lastIndexed = try Int64.fetchOne(db, sql: "SELECT max(id) FROM statement") ?? 0
        for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger.name.quotedDatabaseIdentifier)") }
    }

    func indexAndRestore(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO statementSearch (rowid, text) SELECT id, text FROM statement WHERE id > ?", arguments: [lastIndexed])
        for trigger in triggers { try db.execute(sql: trigger.sql) }
    }
}

import Foundation
import GRDB
import QualifyKit

/// A stored letter version with what happened to it.
public struct LetterVersion: Equatable, Sendable {
    /// 1-based, per opportunity, in the order the versions were stored.
    public var number: Int
    public var draft: LetterDraft
    public var marks: [LetterMark]
    /// Quotes traced to a stored statement when the version was saved.
    public var tracedQuotes: Int

    public var sent: LetterMark? { marks.first { $0.status == .sent } }
    public var confirmed: LetterMark? { marks.first { $0.status == .confirmed } }
}

extension QualifyDatabase {
    /// Stores a version and, for each quote traced to a statement, which one.
    @discardableResult
    public func saveLetter(_ body: String, type: String = "sponsor", origin: LetterDraft.Origin = .drafted,
                           opportunityId: Int64, draftedBy: String,
                           quotes: [(line: Int, statementId: Int64)] = []) throws(StoreError) -> LetterDraft {
        try write { db in
            var letter = LetterDraft(opportunityId: opportunityId, type: type, origin: origin, body: body, draftedBy: draftedBy)
            try letter.insert(db)
            for quote in quotes {
                var traced = LetterQuote(letterId: letter.id!, line: quote.line, statementId: quote.statementId)
                try traced.insert(db)
            }
            return letter
        }
    }

    /// Every version, oldest first, in the team's order (`LetterDraft.teamOrder`).
    public func letters(opportunityId: Int64) throws(StoreError) -> [LetterDraft] {
        try read { db in
            try LetterDraft.filter(LetterDraft.Columns.opportunityId == opportunityId)
                .order(LetterDraft.teamOrder).fetchAll(db)
        }
    }

    /// The newest version of one letter type (of any when `type` is nil), of `draftedBy`'s when given:
    /// a rep's letter is theirs, not the teammate's edit that sync brought, signed with the teammate's name.
    public func latestLetter(opportunityId: Int64, type: String? = nil, draftedBy: String? = nil) throws(StoreError) -> LetterDraft? {
        try read { db in
            var request = LetterDraft.filter(LetterDraft.Columns.opportunityId == opportunityId)
            if let type { request = request.filter(LetterDraft.Columns.type == type) }
            if let draftedBy { request = request.filter(LetterDraft.Columns.draftedBy == draftedBy) }
            return try request.order(LetterDraft.newestFirst).fetchOne(db)
        }
    }

    public func letterVersions(opportunityId: Int64) throws(StoreError) -> [LetterVersion] {
        try read { db in
            let drafts = try LetterDraft.filter(LetterDraft.Columns.opportunityId == opportunityId)
                .order(LetterDraft.teamOrder).fetchAll(db)
            return try drafts.enumerated().map { index, draft in
                LetterVersion(
                    number: index + 1, draft: draft,
                    marks: try LetterMark.fetchAll(db, sql: "SELECT * FROM letterMark WHERE letterId = ? ORDER BY id", arguments: [draft.id]),
                    tracedQuotes: try Int.fetchOne(db, sql: "SELECT count(*) FROM letterQuote WHERE letterId = ?", arguments: [draft.id]) ?? 0)
            }
        }
    }

    /// Records that a version was sent or confirmed; once each.
    @discardableResult
    public func markLetter(_ letterId: Int64, _ status: LetterMark.Status, by rep: String) throws(StoreError) -> LetterMark {
        try write { db in
            if let earlier = try LetterMark.fetchOne(db, sql: "SELECT * FROM letterMark WHERE letterId = ? AND status = ?",
                                                     arguments: [letterId, status.rawValue]) {
                throw StoreError(.duplicate, "this version was already marked \(status.rawValue) by \(earlier.markedBy) on \(UTCTime.string(earlier.markedAt, "yyyy-MM-dd HH:mm 'UTC'")).")
            }
            var mark = LetterMark(letterId: letterId, status: status, markedBy: rep)
            try mark.insert(db)
            return mark
        }
    }
}

extension QualifyDatabase {
    /// The opportunity a letter's `Subject: NAME: …` line names (the longest
    /// stored name it starts with), for a letter file checked without a name.
    public func opportunityNamed(inSubjectOf letter: String) throws(StoreError) -> String? {
        let prefixes = ["Subject: ", "**Subject:** "]
        guard let line = letter.split(separator: "\n").prefix(6).first(where: { line in prefixes.contains { line.hasPrefix($0) } }) else { return nil }
        let subject = line.hasPrefix(prefixes[0]) ? String(line.dropFirst(prefixes[0].count))
            : Markdown.unescaped(String(line.dropFirst(prefixes[1].count)))
        return try read { db in
            try String.fetchOne(db, sql: """
                SELECT name FROM opportunity WHERE substr(?, 1, length(name)) = name ORDER BY length(name) DESC LIMIT 1
                """, arguments: [subject])
        }
    }
}

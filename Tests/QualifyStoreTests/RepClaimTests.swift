import Foundation
import GRDB
import QualifyKit
@testable import QualifyStore
import Testing

/// `qualify rep claim`: only what this laptop captured and has not pushed changes its author.
@Suite struct RepClaimTests {
    let scratch = Scratch()

    @Test func aClaimLeavesAnotherRepsImportUnderItsName() throws {
        // Marko's laptop, also before the team: his login is root too.
        let marko = try QualifyDatabase.open(path: scratch.path("marko.sqlite"))
        try marko.addAccount(named: "Initech")
        let his = try marko.addOpportunity(named: "Initech - TPS", account: "Initech")
        try marko.record("The reports are late", field: .problem, position: 1, opportunityId: his.id!, capturedBy: "root")
        var file = ""
        try marko.exportEverything(chunks: { file += $0 })

        let ana = try QualifyDatabase.open(path: scratch.path("ana.sqlite"))
        try ana.addAccount(named: "Globex")
        let deal = try ana.addOpportunity(named: "Globex renewal", account: "Globex")
        try ana.record("We lose 12 % of orders", field: .pain, position: 1, opportunityId: deal.id!, capturedBy: "root")
        _ = try ana.importEverything(file.split(separator: "\n").map(String.init))
        try ana.record("Q3 or never", field: .reasons, position: 1, opportunityId: deal.id!, capturedBy: "root")

        #expect(try ana.unpushedAuthors(otherThan: "Ana Kovač") == [CapturedUnder(name: "root", counts: ["statement": 3])])
        let report = try ana.claimRows(from: "root", as: "Ana Kovač", claimedBy: "root")
        #expect(report.claimed == ["statement": 2])
        #expect(report.leftImported == 1)
        let authors = try ana.read { try Row.fetchAll($0, sql: "SELECT text, capturedBy FROM statement ORDER BY id").map { "\($0["text"] as String) / \($0["capturedBy"] as String)" } }
        #expect(authors == ["We lose 12 % of orders / Ana Kovač", "The reports are late / root", "Q3 or never / Ana Kovač"])
        #expect(try ana.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM repClaimRow") } == 2)
    }
}

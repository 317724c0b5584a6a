import Foundation
import Testing

/// SuiteCRM and vtiger write close dates in the exporting user's format. A date whose
/// day and month are equal is one day in either order, and a date only one order makes
/// a day of has one reading: both are read, and the summary says which reading it took.
@Suite struct NumericDateImportTests {
    @Test func aDateWhoseDayAndMonthAreEqualOrThatOnlyOneOrderAllowsIsReadAndSaid() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Initech"]).status == 0)
        // SuiteCRM's labels, a user who writes d/m/Y, CRLF.
        let file = try write("Opportunity Name,Account Name,Opportunity Amount,Currency,Expected Close Date,Sales Stage\r\n"
            + "Initech - TPS,Initech,1000,USD,07/07/2027,Prospecting\r\n"
            + "Initech - Printers,Initech,2000,USD,03/03/2028,Prospecting\r\n"
            + "Initech - Audit,Initech,3000,USD,13/02/2027,Prospecting\r\n"
            + "Initech - Fax,Initech,4000,USD,28/02/2027,Prospecting\r\n", to: "Opportunities.csv", in: q)
        let imported = try q.run(["import", "opportunities", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "Imported \(file): 4 added, 0 changed, 0 unchanged.\n")
        #expect(imported.stderr == "note: 2 numeric close dates could only be read day first (\"13/02/2027\" is 2027-02-13) and were read so.\n")
        let exported = try q.run(["export", "opportunities"]).stdout
        for (name, day) in [("Initech - TPS", "2027-07-07"), ("Initech - Printers", "2028-03-03"),
                            ("Initech - Audit", "2027-02-13"), ("Initech - Fax", "2027-02-28")] {
            #expect(exported.contains("\r\n\(name),Initech,") && exported.contains(",\(day),"), "\(name): \(exported)")
        }
    }

    @Test func aFileWritingBothOrdersIsSaidAndItsAmbiguousDatesStillNeedTheOrder() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Globex"]).status == 0)
        // A hand-made file pasted together from two users' exports.
        let mixed = try write("""
            Opportunity Name,Account Name,Amount,Close Date,Stage
            Globex - One,Globex,1000,13/02/2027,Prospecting
            Globex - Two,Globex,1000,02/14/2027,Prospecting

            """, to: "Mixed.csv", in: q)
        let read = try q.run(["import", "opportunities", mixed, "--currency", "USD", "--dry-run"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stderr.contains("note: 1 numeric close date could only be read day first (\"13/02/2027\" is 2027-02-13) and was read so.\n"), "\(read.stderr)")
        #expect(read.stderr.contains("note: 1 numeric close date could only be read month first (\"02/14/2027\" is 2027-02-14) and was read so.\n"))
        #expect(read.stderr.contains("note: the file writes numeric dates both day first and month first: check those rows, or write them YYYY-MM-DD.\n"))

        let ambiguous = try write("""
            Opportunity Name,Account Name,Amount,Close Date,Stage
            Globex - Three,Globex,1000,04/05/2027,Prospecting

            """, to: "Ambiguous.csv", in: q)
        let refused = try q.run(["import", "opportunities", ambiguous, "--currency", "USD"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\"04/05/2027\" could be read day-first or month-first"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--date-format DMY (day first) or MDY (month first)"))
    }

    @Test func aRepTypingADateWhoseDayAndMonthAreEqualHasItRead() throws {
        let q = try QualifyBinary()
        #expect(try q.run(["account", "add", "Initech"]).status == 0)
        let added = try q.run(["opportunity", "add", "Initech - TPS", "--account", "Initech", "--close-date", "07/07/2027"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try q.run(["opportunity", "show", "Initech - TPS"]).stdout.contains("2027-07-07"))
    }
}

import Foundation
@testable import QualifyExchange
import QualifyKit
import Testing

/// Exports from European locales (Excel "CSV" with semicolons, SuiteCRM, vtiger and
/// Zoho with de/fr/sl formats) and tab-separated text read like comma CSV.
@Suite struct SeparatedFileTests {
    @Test(arguments: [3, 1 << 20])
    func aSemicolonExportKeepsItsQuotedSemicolonsAndLineBreaks(chunkSize: Int) throws {
        let file = try CSVImportFile(path: fixture("suitecrm-de-opportunities.csv"), kind: .opportunities, mappings: [], chunkSize: chunkSize)
        #expect(file.separator == .semicolon)
        #expect(file.plan.crm == "suitecrm")
        let rows = Array(file)
        #expect(rows.map(\.line) == [2, 4, 5])
        #expect(rows[0].values[.amount] == "1.234,50 €" && rows[0].values[.closeDate] == "31.12.2026")
        #expect(rows[0].values[.description] == "Anruf; dann Angebot\r\nzweite Zeile, mit Komma")
        #expect(rows[1].values[.account] == "Dupont; Fils SARL")
        #expect(rows[1].values[.description] == "Il a dit : \"pas avant janvier\"")
    }

    @Test func everyKindReadsTheSeparatorItsHeaderHas() throws {
        let accounts = try CSVImportFile(path: fixture("excel-de-accounts.csv"), kind: .accounts, mappings: [])
        #expect(accounts.separator == .semicolon)
        #expect(Array(accounts).map { $0.values[.name] } == ["Müller & Söhne GmbH", "Dupont; Fils SARL", "Novak d.o.o."])
        let contacts = try CSVImportFile(path: fixture("contacts-tab.txt"), kind: .contacts, mappings: [])
        #expect(contacts.separator == .tab)
        #expect(Array(contacts).map { $0.values[.title] } == ["Einkaufsleiter; Flotte", "Directrice, achats"])
        let leads = try CSVImportFile(path: fixture("vtiger-sl-leads.csv"), kind: .leads, mappings: [])
        #expect(leads.separator == .semicolon)
        #expect(Array(leads).map { $0.values[.notes] } == ["Sejem; Ljubljana\r\npoklicati v ponedeljek"])
    }

    /// Semicolons in a comma file's notes (and in one column's name) are text.
    @Test func aCommaFileWithSemicolonsInItsTextStaysCommaSeparated() throws {
        let file = try CSVImportFile(path: fixture("comma-notes-with-semicolons.csv"), kind: .opportunities, mappings: [])
        #expect(file.separator == .comma)
        #expect(file.plan.unknownColumns == ["Notes; internal"])
        #expect(Array(file).map { $0.values[.description] } == ["call Mon; send quote Tue; sign Fri"])
    }

    @Test func aGivenSeparatorWinsAndAWrongOneSaysWhichTheHeaderHas() throws {
        let forced = try CSVImportFile(path: fixture("contacts-tab.txt"), kind: .contacts, mappings: [], separator: .tab)
        #expect(forced.separator == .tab)
        let path = fixture("suitecrm-de-opportunities.csv")
        #expect(throws: CommandFailure("\(path): the header is semicolon-separated, not comma-separated; import it with --separator semicolon, or without --separator.")) {
            try CSVImportFile(path: path, kind: .opportunities, mappings: [], separator: .comma)
        }
    }
}

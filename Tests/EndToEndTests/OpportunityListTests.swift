import Foundation
import GRDB
import Testing

/// `opportunity list` as a manager configures it, and `account list`.
@Suite struct OpportunityListTests {
    /// Five deals at two accounts, set up in one piped session.
    private func pipeline() throws -> QualifyBinary {
        let q = try QualifyBinary()
        let setup = try q.run([], lines: [
            "account add \"Acme Corp\"", "account add Globex",
            "opportunity add \"Acme - Rollout\" --account \"Acme Corp\" --amount \"120 000\" --close 2031-03-31 --stage \"Negotiation/Review\" --owner ana",
            "opportunity add \"Acme - Renewal\" --account \"Acme Corp\" --amount 40000 --close 2031-01-15 --owner Marko",
            "opportunity add \"Globex - Pilot\" --account Globex --amount \"90 000 USD\" --close 2031-02-01 --stage \"Negotiation/Review\" --owner ana",
            "opportunity add \"Globex - Expansion\" --account Globex --amount 250000 --owner ana --stage Qualification",
            "opportunity add \"acme - Support, 'gold'\" --account \"Acme Corp\" --close 2031-06-30 --owner ANA",
        ])
        #expect(setup.status == 0, "\(setup.stderr)")
        return q
    }

    private func names(_ q: QualifyBinary, _ arguments: [String]) throws -> [String] {
        let result = try q.run(["opportunity", "list", "--columns", "name"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    @Test func filtersCombine() throws {
        let q = try pipeline()
        #expect(try names(q, []) == ["Acme - Renewal", "Acme - Rollout", "acme - Support, 'gold'", "Globex - Expansion", "Globex - Pilot"])
        #expect(try names(q, ["--stage", "Negotiation/Review"]) == ["Acme - Rollout", "Globex - Pilot"])
        #expect(try names(q, ["--stage", "Qualification", "--stage", "Negotiation/Review", "--account", "Globex"]) == ["Globex - Expansion", "Globex - Pilot"])
        // Owners match in any case.
        #expect(try names(q, ["--owner", "Ana", "--account", "Acme Corp"]) == ["Acme - Rollout", "acme - Support, 'gold'"])
        // Both ends included; a deal without a close date is never "closing".
        #expect(try names(q, ["--closing-after", "2031-01-15", "--closing-before", "2031-03-31"]) == ["Acme - Renewal", "Acme - Rollout", "Globex - Pilot"])
        // In one currency: the 90 000 USD pilot is not compared with euros.
        #expect(try names(q, ["--min-amount", "90000"]) == ["Acme - Rollout", "Globex - Expansion"])
        #expect(try names(q, ["--min-amount", "50000 USD"]) == ["Globex - Pilot"])
        // Said once, only when deals are left out for their currency.
        let euros = try q.run(["opportunity", "list", "--min-amount", "90000"])
        #expect(euros.stderr == "note: --min-amount compares amounts in EUR only, without converting: 1 deal in other currencies left out (1 in USD); give the minimum in their currency, e.g. --min-amount \"90 000 USD\".\n")
        let dollars = try q.run(["opportunity", "list", "--min-amount", "50000 USD"])
        #expect(dollars.stderr.contains(": 3 deals in other currencies left out (3 in EUR); "), "\(dollars.stderr)")
        #expect(try q.run(["opportunity", "list", "--min-amount", "90000", "--account", "Acme Corp"]).stderr.isEmpty)
        #expect(try q.run(["opportunity", "list", "--min-amount", "90000", "--stage", "Qualification"]).stderr.isEmpty)
        let none = try q.run(["opportunity", "list", "--owner", "marko", "--account", "Globex"])
        #expect(none.status == 0 && none.stdout == "No opportunities match.\n")
        // An owner no deal has is refused with the closest ones, as an unknown stage or account is.
        let nobody = try q.run(["opportunity", "list", "--owner", "Mark"])
        #expect(nobody.status == 1 && nobody.stdout.isEmpty)
        #expect(nobody.stderr.contains("no deal is owned by \"Mark\" (owners match whole, any case). Did you mean \"Marko\""), "\(nobody.stderr)")
        // Any case beyond ASCII too: Č is č.
        #expect(try q.run(["opportunity", "set", "Acme - Renewal", "owner", "Marko Čuk"]).status == 0)
        #expect(try names(q, ["--owner", "MARKO ČUK"]) == ["Acme - Renewal"])
    }

    @Test func sortsLimitsAndKeepsDealsWithoutTheValueLast() throws {
        let q = try pipeline()
        #expect(try names(q, ["--sort", "amount"]) == ["Globex - Expansion", "Acme - Rollout", "Globex - Pilot", "Acme - Renewal", "acme - Support, 'gold'"])
        // Amounts are not converted: an order across currencies says so once, on stderr, whatever the format.
        for format in ["table", "csv", "json"] {
            let mixed = try q.run(["opportunity", "list", "--sort", "amount", "--format", format])
            #expect(mixed.stderr == "note: --sort amount orders the amounts of 2 currencies by their numbers, without converting (EUR: 3 deals, USD: 1 deal); list one currency with --min-amount \"0 EUR\".\n", "\(format)")
            #expect(!mixed.stdout.contains("converting"))
        }
        #expect(try q.run(["opportunity", "list", "--sort", "amount", "--account", "Acme Corp"]).stderr.isEmpty)
        #expect(try !q.run(["opportunity", "list", "--sort", "amount", "--min-amount", "0 EUR"]).stderr.contains("--sort amount"))
        #expect(try q.run(["opportunity", "list", "--sort", "name"]).stderr.isEmpty)
        #expect(try names(q, ["--sort", "close-date", "--limit", "3"]) == ["Acme - Renewal", "Globex - Pilot", "Acme - Rollout"])
        // The name the README showed first still works.
        #expect(try names(q, ["--sort", "close", "--limit", "3"]) == ["Acme - Renewal", "Globex - Pilot", "Acme - Rollout"])
        #expect(try names(q, ["--sort", "stage"]) == ["Acme - Renewal", "acme - Support, 'gold'", "Globex - Expansion", "Acme - Rollout", "Globex - Pilot"])
        #expect(try names(q, ["--sort", "created", "--limit", "2"]) == ["acme - Support, 'gold'", "Globex - Expansion"])
    }

    @Test func csvAndJSONCarryTheValuesAsStored() throws {
        let q = try pipeline()
        let csv = try q.run(["opportunity", "list", "--format", "csv", "--account", "acme corp", "--columns", "name,amount,currency,close-date,probability,owner"])
        // One name for one field: close-date, as opportunity set and /set call it; close is the same column.
        #expect(csv.stdout == "name,amount,currency,close-date,probability,owner\r\n"
            + "Acme - Renewal,40000,EUR,2031-01-15,10,Marko\r\n"
            + "Acme - Rollout,120000,EUR,2031-03-31,80,ana\r\n"
            + "\"acme - Support, 'gold'\",,,2031-06-30,10,ANA\r\n")
        let alias = try q.run(["opportunity", "list", "--format", "csv", "--account", "acme corp", "--columns", "name,amount,currency,close,probability,owner"])
        #expect(alias.stdout == csv.stdout)
        let json = try q.run(["opportunity", "list", "--format", "json", "--stage", "Negotiation/Review"])
        let rows = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["Acme - Rollout", "Globex - Pilot"])
        #expect(rows[1]["amount"] as? String == "90000" && rows[1]["currency"] as? String == "USD")
        #expect(rows[1]["probability"] as? Int == 80 && rows[1]["captured"] as? String == "missing: problem, pain, reasons, impacts, capabilities")
        #expect(rows[0]["next-milestone"] is NSNull)
        #expect(rows[0]["close-date"] as? String == "2031-03-31")
        let empty = try q.run(["opportunity", "list", "--format", "json", "--owner", "marko", "--account", "Globex"])
        #expect(empty.stdout == "[]\n")
    }

    @Test func aWrongFilterIsAUsageErrorAndAnUnknownNameGetsTheClosest() throws {
        let q = try pipeline()
        let column = try q.run(["opportunity", "list", "--columns", "name,budget"])
        #expect(column.status == 64 && column.stderr.contains("no column \"budget\""), "\(column.stderr)")
        let day = try q.run(["opportunity", "list", "--closing-before", "31/03/2031"])
        #expect(day.status == 64 && day.stderr.contains("\"31/03/2031\" can only be 2031-03-31 (day first)"), "\(day.stderr)")
        let sort = try q.run(["opportunity", "list", "--sort", "size"])
        #expect(sort.status == 64)
        let stage = try q.run(["opportunity", "list", "--stage", "Negotiation"])
        #expect(stage.status == 1 && stage.stderr.contains("Negotiation/Review"), "\(stage.stderr)")
        let account = try q.run(["opportunity", "list", "--account", "Globx"])
        #expect(account.status == 1 && account.stderr.contains("\"Globex\""), "\(account.stderr)")
    }

    @Test func accountListIsInNameOrderAnyCase() throws {
        let q = try pipeline()
        #expect(try q.run(["account", "add", "ábaco"]).status == 0)
        #expect(try q.run(["account", "add", "beta"]).status == 0)
        #expect(try q.run(["account", "list"]).stdout == "Acme Corp\nbeta\nGlobex\nábaco\n")
    }
}

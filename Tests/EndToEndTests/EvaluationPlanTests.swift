import Foundation
import GRDB
import Testing

/// `qualify plan` as a rep uses it, and the power-sponsor letter that carries the plan.
@Suite struct EvaluationPlanTests {
    let name = "Acme - Forecasting"

    func planRows(_ q: QualifyBinary) throws -> [(what: String, owner: String, due: String, decision: Bool, done: Bool)] {
        try DatabaseQueue(path: q.databasePath).read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM planStep ORDER BY id").map {
                (what: $0["what"], owner: $0["owner"], due: $0["due"], decision: $0["isDecision"], done: $0["doneAt"] != nil)
            }
        }
    }

    @Test func stepsAreAddedListedByDueDateChangedDoneAndRemoved() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q, name: name)
        #expect(try q.run(["plan", "add", name, "Go/no-go decision", "--who", "buyer", "--due", "2027-03-01", "--decision"]).status == 0)
        #expect(try q.run(["plan", "add", name, "Pilot with 5 reps & <ops>", "--who", "us", "--due", "2027-02-01"]).status == 0)
        let added = try q.run(["plan", "add", name, "Reference call", "--who", "Mojca Žagar", "--due", "2027-02-15"])
        #expect(added.status == 0, "\(added.stderr)")
        let list = try q.run(["plan", "list", name]).stdout.split(separator: "\n").map(String.init)
        #expect(list[0] == "Evaluation plan: \(name)")
        #expect(list[2].hasPrefix("1.  Pilot with 5 reps & <ops>") && list[2].contains("us") && list[2].contains("2027-02-01"))
        #expect(list[3].hasPrefix("2.  Reference call") && list[3].contains("Mojca Žagar"))
        #expect(list[4].hasPrefix("3.  Go/no-go decision") && list[4].hasSuffix("go/no-go"))
        // A step with no status ends where its due date does.
        #expect(list[2].hasSuffix("2027-02-01") && list.allSatisfy { !$0.hasSuffix(" ") }, "\(list)")

        // Step 2 moves after the decision's date: the list follows the dates.
        #expect(try q.run(["plan", "set", name, "2", "--due", "2027-04-01", "--who", "buyer"]).status == 0)
        #expect(try q.run(["plan", "done", name, "1"]).status == 0)
        let rows = try planRows(q)
        #expect(rows.map(\.what) == ["Go/no-go decision", "Pilot with 5 reps & <ops>", "Reference call"])
        #expect(rows[2].due == "2027-04-01" && rows[2].owner == "buyer")
        #expect(rows[1].done && !rows[0].done)
        let removed = try q.run(["plan", "remove", name, "3"])
        #expect(removed.stdout.contains("Removed step 3: Reference call"))
        #expect(try planRows(q).count == 2)
    }

    @Test func badStepsAreRefusedWithWhatToTypeAndNothingIsStored() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q, name: name)
        let badDate = try q.run(["plan", "add", name, "Pilot", "--who", "us", "--due", "01/02/2027"])
        #expect(badDate.status == 1)
        #expect(badDate.stderr.contains("could be read day-first or month-first") && badDate.stderr.contains("+30d"))
        #expect(!badDate.stderr.contains("close date"))
        #expect(try q.run(["plan", "add", name, "  ", "--who", "us", "--due", "+7d"]).stderr.contains("a plan step needs words"))
        #expect(try q.run(["plan", "add", name, "Decide", "--who", "buyer", "--due", "+30d", "--decision"]).status == 0)
        let second = try q.run(["plan", "add", name, "Decide again", "--who", "buyer", "--due", "+31d", "--decision"])
        #expect(second.status == 1)
        #expect(second.stderr.contains("step 1 (\"Decide\") is already the go/no-go decision"))
        let missing = try q.run(["plan", "done", name, "7"])
        #expect(missing.status == 1 && missing.stderr.contains("there is no step 7: the plan has steps 1 to 1"))
        let nothing = try q.run(["plan", "set", name, "1"])
        #expect(nothing.status == 64 && nothing.stderr.contains("--what TEXT"))
        let past = try q.run(["plan", "add", name, "Kick-off", "--who", "us", "--due", "2020-01-01"])
        #expect(past.status == 0 && past.stderr.contains("the due date 2020-01-01 is in the past; it was kept"))
        #expect(try planRows(q).count == 2)
    }

    @Test func theLetterGoesToThePowerSponsorWithThePlanOrToTheChosenAddressee() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q, name: name)
        #expect(try q.run(["contact", "add", "Dana Smith", "--account", "Acme Corp"]).status == 0)
        #expect(try q.run(["contact", "add", "Lee Chen", "--account", "Acme Corp"]).status == 0)
        #expect(try q.run(["opportunity", "set", name, "sponsor", "Dana Smith", "power-sponsor", "Lee Chen"]).status == 0)
        #expect(try q.run(["plan", "add", name, "Pilot", "--who", "us", "--due", "2027-02-01"]).status == 0)
        let power = try q.run(["letter", name]).stdout
        #expect(power.contains("Dear Lee Chen,"))
        #expect(power.contains("  1. Pilot (us, by 2027-02-01)\n"))
        #expect(power.contains("[GAP: the plan has no go/no-go step: qualify plan add \"\(name)\" \"Go/no-go decision\""))
        let sponsor = try q.run(["letter", name, "--to", "sponsor"]).stdout
        #expect(sponsor.contains("Dear Dana Smith,"))
        #expect(sponsor.contains("the person who owns this") && !sponsor.contains("Pilot"))
        let unknown = try q.run(["letter", name, "--to", "cfo"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no letter type cfo; the types are power-sponsor, sponsor"))
    }
}

/// A step whose stored due text is no day (a hand-edited or synced row) has no date anywhere, never 1970-01-01.
@Suite struct UndatedPlanStepTests {
    @Test func aStepWhoseDueIsNoDayShowsNoDateInTheListTheLetterAndTheCalendar() throws {
        let q = try QualifyBinary()
        let name = "Acme - Forecasting"
        try setUpOpportunity(q, name: name)
        #expect(try q.run(["plan", "add", name, "Pilot", "--who", "us", "--due", "2027-02-01"]).status == 0)
        #expect(try q.run(["plan", "add", name, "Go/no-go decision", "--who", "buyer", "--due", "2027-03-01", "--decision"]).status == 0)
        try DatabaseQueue(path: q.databasePath).write { try $0.execute(sql: "UPDATE planStep SET due = 'next week'") }

        let list = try q.run(["plan", "list", name])
        #expect(list.status == 0)
        #expect(list.stdout.contains("1.  Pilot              us     no due date"), "\(list.stdout)")
        #expect(!list.stdout.contains("1970"))

        let letter = try q.run(["letter", name, "--to", "power-sponsor"]).stdout
        #expect(letter.contains("  1. Pilot (us, date to be agreed)\n"), "\(letter)")
        #expect(!letter.contains("1970"))
        #expect(!(try q.run(["letter", name, "--to", "power-sponsor", "--format", "html"]).stdout.contains("1970")))

        let calendar = try q.run(["plan", "export", name])
        #expect(calendar.status == 0)
        #expect(!calendar.stdout.contains("1970") && !calendar.stdout.contains("DUE;") && !calendar.stdout.contains("VEVENT"))
        #expect(calendar.stdout.contains("SUMMARY:Go/no-go decision\r\nSTATUS:NEEDS-ACTION"))
        #expect(calendar.stderr.contains("note: step 1 (\"Pilot\") has no due date, so the calendar holds it as a task without one; date it with qualify plan set \"\(name)\" 1 --due DATE."))
    }
}

/// `/plan` inside an interview: the power sponsor names a step, it is stored at once.
@Suite struct PlanDuringTheCallTests {
    @Test func planStepsAreShownAddedAndDoneWithoutLeavingTheInterview() throws {
        let q = try QualifyBinary()
        let name = "Acme - Forecasting"
        try setUpOpportunity(q, name: name)
        let run = try q.run(["interview", name], lines: [
            "/plan",
            "/plan Pilot with \"five\" reps & ops --who Mojca Žagar --due 2027-02-01",
            "/plan Go/no-go --who buyer --due 2027-03-01 --decision",
            "/plan done 1",
            "We lose share",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("No evaluation plan for \"\(name)\" yet."))
        #expect(run.stdout.contains("1.  Pilot with \"five\" reps & ops  Mojca Žagar  2027-02-01  done"))
        #expect(run.stdout.contains("2.  Go/no-go                      buyer        2027-03-01  go/no-go"))
        let steps = try DatabaseQueue(path: q.databasePath).read { db in
            try Row.fetchAll(db, sql: "SELECT what, owner, isDecision, doneAt IS NOT NULL AS done FROM planStep ORDER BY id")
        }
        #expect(steps.map { $0["what"] as String } == ["Pilot with \"five\" reps & ops", "Go/no-go"])
        #expect(steps[0]["done"] as Bool && steps[1]["isDecision"] as Bool)
        // The interview went on: the answer after the commands was stored as the problem.
        #expect(try statements(in: q.databasePath).map(\.text) == ["We lose share"])
    }

    @Test func aBadPlanLineStopsAScriptSayingWhatToType() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let run = try q.run(["interview", "Acme - Forecasting"], lines: ["We lose share", "/plan Pilot --due +7d"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("line 2: Type /plan to see the plan, /plan STEP --who buyer|us|PERSON --due DATE"))
        let bad = try q.run(["interview", "Acme - Forecasting", "--resume"], lines: ["/plan Pilot --who us --due 31.12.2027"])
        #expect(bad.status == 1 && bad.stderr.contains("line 1: \"31.12.2027\" can only be 2027-12-31 (day first), but qualify never guesses the order of a numeric date: write 2027-12-31"))
    }
}

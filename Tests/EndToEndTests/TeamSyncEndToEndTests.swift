import Foundation
import GRDB
import Testing

/// `qualify server` and `qualify sync` against a real PostgreSQL server:
/// reps and a manager on their own laptops (databases), one team database.
@Suite(.serialized, .enabled(if: PostgresCluster.shouldRun), .postgresCluster)
struct TeamSyncEndToEndTests {
    /// The push lock of ServerSchema, held by a test to catch a sync mid-push.
    static let pushLock = 0x7175_616C_6966_79

    /// One team database with its members, each on a laptop of their own.
    struct Team {
        let cluster: PostgresCluster
        let database: String
        let admin: QualifyBinary
        /// Role names are cluster-wide: each test's get a suffix.
        let suffix = String(UUID().uuidString.prefix(6)).lowercased()

        init() throws {
            cluster = try #require(PostgresCluster.current)
            database = try cluster.makeDatabase()
            admin = try QualifyBinary()
            let initialized = try admin.run(["server", "init", cluster.url("postgres", database)])
            #expect(initialized.status == 0, "\(initialized.stderr)")
        }

        func role(_ login: String) -> String { "\(login)_\(suffix)" }

        /// Ana and Marko, reps, and Maja, their manager.
        func twoRepsAndAManager() throws -> (ana: Laptop, marko: Laptop, maja: Laptop) {
            (try member("ana", name: "Ana Kovač"), try member("marko", name: "Marko Novak"),
             try member("maja", name: "Maja Horvat", manager: true))
        }

        /// Adds a member and returns their laptop, whose captures carry `name`.
        func member(_ login: String, name: String, manager: Bool = false) throws -> Laptop {
            let added = try admin.run(["server", manager ? "add-manager" : "add-rep", role(login), "--name", name,
                                       cluster.url("postgres", database)])
            #expect(added.status == 0, "\(added.stderr)")
            return Laptop(binary: try QualifyBinary(), name: name, url: cluster.url(role(login), database))
        }
    }

    struct Laptop {
        let binary: QualifyBinary
        let name: String
        let url: String

        @discardableResult
        func run(_ arguments: [String], lines: [String]? = nil) throws -> QualifyBinary.Result {
            let input = lines.map { Data(($0.joined(separator: "\n") + "\n").utf8) } ?? Data()
            return try binary.run(arguments, input: input, extraEnvironment: ["QUALIFY_REP": name])
        }

        func sync() throws -> QualifyBinary.Result {
            let result = try run(["sync", "--server", url])
            #expect(result.status == 0, "\(result.stderr)")
            return result
        }

        /// A deal with a complete interview: five statements.
        func captureDeal(_ opportunity: String, account: String, words: String) throws {
            try run(["account", "add", account])
            #expect(try run(["opportunity", "add", opportunity, "--account", account, "--amount", "50 000"]).status == 0)
            let interview = try run(["interview", opportunity],
                                    lines: ["\(words): problem", "\(words): pain", "\(words): reason", "", "\(words): impact", "",
                                            "\(words): capability", ""])
            #expect(interview.status == 0, "\(interview.stderr)")
        }

        func count(_ sql: String) throws -> Int {
            try DatabaseQueue(path: binary.databasePath).read { try Int.fetchOne($0, sql: sql) ?? -1 }
        }
    }

    @Test func twoRepsAndAManagerShareThePipeline() throws {
        let team = try Team()
        let (ana, marko, maja) = try team.twoRepsAndAManager()

        try ana.captureDeal("Acme Corp - Rollout", account: "Acme Corp", words: "Ana's buyer said \"we can't\" \\ \t tab")
        try marko.captureDeal("Globex - Pilot", account: "Globex", words: "Marko's buyer: „ž“ 😀")
        try ana.run(["demo"])

        let anaFirst = try ana.sync()
        // The demo stays on Ana's laptop: its deal and words, and its account and sponsor too.
        #expect(anaFirst.stdout.contains("pushed: 1 account, 1 opportunity, 3 history rows, 5 statements, 1 letter, 4 traced quotes\n"), "\(anaFirst.stdout)")
        #expect(anaFirst.stdout.contains("pulled: nothing"))
        let markoFirst = try marko.sync()
        #expect(markoFirst.stdout.contains("pushed: 1 account, 1 opportunity, 3 history rows, 5 statements, 1 letter, 4 traced quotes\n"), "\(markoFirst.stdout)")
        #expect(markoFirst.stdout.contains("pulled: 1 account, 1 opportunity, 3 history rows, 5 statements, 1 letter, 4 traced quotes\n"), "\(markoFirst.stdout)")
        let majaFirst = try maja.sync()
        #expect(majaFirst.stdout.contains("pushed: nothing"))
        #expect(majaFirst.stdout.contains("pulled: 2 accounts, 2 opportunities, 6 history rows, 10 statements, 2 letters, 8 traced quotes\n"), "\(majaFirst.stdout)")

        // The manager reviews every rep's words, byte for byte; the demo stayed on Ana's laptop.
        let review = try maja.run(["review", "--format", "jsonl"])
        #expect(review.status == 0)
        #expect(review.stdout.contains(#"Ana's buyer said \"we can't\" \\ \t tab: pain"#), "\(review.stdout)")
        #expect(review.stdout.contains(#"Marko's buyer: „ž“ 😀: pain"#))
        #expect(try maja.count("SELECT count(*) FROM opportunity WHERE isDemo") == 0)
        #expect(try team.cluster.psql("SELECT count(*) FROM qualify.account WHERE name LIKE 'Demo:%'", database: team.database).output == "0\n")
        #expect(try team.cluster.psql("SELECT count(*) FROM qualify.contact", database: team.database).output == "0\n")
        let stats = try maja.run(["stats"])
        #expect(stats.stdout.contains("Ana Kovač") && stats.stdout.contains("Marko Novak"), "\(stats.stdout)")

        // Twice changes nothing, on every laptop.
        for laptop in [ana, marko, maja] {
            let again = try laptop.sync()
            #expect(again.stdout.hasSuffix("pushed: nothing\npulled: nothing\n") || again.stdout.contains("pulled: 1 account"),
                    "\(again.stdout)")
        }
        for laptop in [ana, marko, maja] {
            let quiet = try laptop.sync()
            #expect(quiet.stdout.hasSuffix("pushed: nothing\npulled: nothing\n"), "\(quiet.stdout)")
        }
        #expect(try ana.count("SELECT count(*) FROM statement WHERE capturedBy = 'Marko Novak'") == 5)
        #expect(try team.cluster.psql("SELECT count(*) FROM qualify.statement", database: team.database).output == "10\n")

        let status = try maja.run(["sync", "--status", "--server", maja.url])
        #expect(status.status == 0, "\(status.stderr)")
        for name in ["Ana Kovač", "Marko Novak", "Maja Horvat"] {
            #expect(status.stdout.contains(name) && status.stdout.contains("last sync 20"), "\(status.stdout)")
        }
        #expect(status.stdout.contains("This laptop: last synced 20"))
    }

    /// The server is shared: a name written there by hand or by another tool reaches no terminal raw.
    @Test func aMemberNameWithAnEscapeOnTheServerIsShownVisiblyBySyncStatus() throws {
        let team = try Team()
        let ana = try team.member("ana", name: "Ana Kovač")
        _ = try ana.sync()
        let renamed = try team.cluster.psql("UPDATE qualify.member SET name = E'Ana \\x1b]0;pwned\\x07Kovač' WHERE role = '\(team.role("ana"))'",
                                            database: team.database)
        #expect(renamed.status == 0, "\(renamed.error)")
        let status = try ana.run(["sync", "--status", "--server", ana.url])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(!status.stdoutData.contains(0x1B) && status.stdout.contains("Ana \\u{1B}]0;pwned\\u{7}Kovač"), "\(status.stdout)")
    }

    @Test func theLaterChangeOfAFieldWinsAndBothStayInHistory() throws {
        let team = try Team()
        let ana = try team.member("ana", name: "Ana Kovač")
        let marko = try team.member("marko", name: "Marko Novak")
        try ana.captureDeal("Acme Corp - Rollout", account: "Acme Corp", words: "words")
        _ = try ana.sync()
        _ = try marko.sync()

        // Both edit the stage offline; Marko's change is the later one.
        #expect(try ana.run(["opportunity", "set", "Acme Corp - Rollout", "stage", "Negotiation/Review"]).status == 0)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(try marko.run(["opportunity", "set", "Acme Corp - Rollout", "stage", "Closed Won"]).status == 0)

        _ = try ana.sync()
        let markoSync = try marko.sync()
        #expect(markoSync.stdout.contains("superseded: Acme Corp - Rollout: stage 'Negotiation/Review' by Ana Kovač at "), "\(markoSync.stdout)")
        #expect(markoSync.stdout.contains("was superseded by Marko Novak's 'Closed Won' at "))
        // The two moments read apart, 50 ms apart: seconds, then milliseconds, shown when the coarser reading is equal.
        let moments = try #require(markoSync.stdout.firstMatch(of: /by Ana Kovač at ([0-9:.]+) was superseded by Marko Novak's 'Closed Won' at ([0-9:.]+)/))
        #expect(moments.1 != moments.2, "\(markoSync.stdout)")
        let anaSync = try ana.sync()
        #expect(anaSync.stdout.contains("stage 'Negotiation/Review' by Ana Kovač at "), "\(anaSync.stdout)")

        for laptop in [ana, marko] {
            let shown = try laptop.run(["opportunity", "show", "Acme Corp - Rollout", "--history"])
            #expect(shown.stdout.contains("Stage          Closed Won (closed won)"), "\(shown.stdout)")
            #expect(shown.stdout.contains("Probability    100%"))
            #expect(shown.stdout.contains("stage: Prospecting -> Negotiation/Review  (Ana Kovač)"))
            #expect(shown.stdout.contains("stage: Prospecting -> Closed Won  (Marko Novak)"))
        }
        let quiet = try ana.sync()
        #expect(!quiet.stdout.contains("superseded"))
    }

    @Test func nextMilestoneAndSponsorEditedOnTwoLaptopsTakeTheLaterChange() throws {
        let team = try Team()
        let (ana, marko, maja) = try team.twoRepsAndAManager()
        try ana.captureDeal("Acme Corp - Rollout", account: "Acme Corp", words: "words")
        for person in ["Mojca Žagar", "Petra Novak"] {
            #expect(try ana.run(["contact", "add", person, "--account", "Acme Corp"]).status == 0)
        }
        _ = try ana.sync()
        _ = try marko.sync()

        // Offline on both laptops; Marko's edits are the later ones.
        #expect(try ana.run(["opportunity", "set", "Acme Corp - Rollout", "next-milestone", "Demo on Friday",
                             "sponsor", "Mojca Žagar"]).status == 0)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(try marko.run(["opportunity", "set", "Acme Corp - Rollout", "next-milestone", "Pilot with five reps",
                               "sponsor", "Petra Novak"]).status == 0)
        let anaPush = try ana.sync()
        #expect(anaPush.stdout.contains("pushed: 1 opportunity changed, 2 history rows\n"), "\(anaPush.stdout)")
        let markoSync = try marko.sync()
        #expect(markoSync.stdout.contains("superseded: Acme Corp - Rollout: next-milestone 'Demo on Friday' by Ana Kovač at "), "\(markoSync.stdout)")
        #expect(markoSync.stdout.contains("was superseded by Marko Novak's 'Pilot with five reps' at "), "\(markoSync.stdout)")
        #expect(markoSync.stdout.contains("superseded: Acme Corp - Rollout: sponsor 'Mojca Žagar' by Ana Kovač at "), "\(markoSync.stdout)")
        #expect(markoSync.stdout.contains("was superseded by Marko Novak's 'Petra Novak' at "))
        _ = try ana.sync()
        _ = try maja.sync()

        // Every laptop, the manager's included, holds the later change and both changes in the history.
        for laptop in [ana, marko, maja] {
            let shown = try laptop.run(["opportunity", "show", "Acme Corp - Rollout", "--history"])
            #expect(shown.stdout.contains("Next milestone Pilot with five reps\n"), "\(laptop.name): \(shown.stdout)")
            #expect(shown.stdout.contains("Sponsor        Petra Novak\n"), "\(laptop.name): \(shown.stdout)")
            #expect(shown.stdout.contains("next-milestone: - -> Demo on Friday  (Ana Kovač)"), "\(laptop.name): \(shown.stdout)")
            #expect(shown.stdout.contains("next-milestone: - -> Pilot with five reps  (Marko Novak)"))
            #expect(shown.stdout.contains("sponsor: - -> Mojca Žagar  (Ana Kovač)"))
            #expect(shown.stdout.contains("sponsor: - -> Petra Novak  (Marko Novak)"))
        }
        #expect(try team.cluster.psql("""
            SELECT count(*) FROM qualify."opportunityChange" WHERE field IN ('next-milestone', 'sponsor')
            """, database: team.database).output == "4\n")
        for laptop in [ana, marko, maja] {
            #expect(try laptop.sync().stdout.hasSuffix("pushed: nothing\npulled: nothing\n"))
        }
    }

    @Test func aContactsTitleAndAPlanStepEditedOnTwoLaptopsTakeTheLaterChange() throws {
        let team = try Team()
        let (ana, marko, maja) = try team.twoRepsAndAManager()
        try ana.captureDeal("Acme Corp - Rollout", account: "Acme Corp", words: "words")
        #expect(try ana.run(["contact", "add", "Mojca Žagar", "--account", "Acme Corp", "--title", "Head of Sales"]).status == 0)
        #expect(try ana.run(["plan", "add", "Acme Corp - Rollout", "Pilot with five reps", "--who", "us", "--due", "2027-03-01"]).status == 0)
        _ = try ana.sync()
        _ = try marko.sync()

        #expect(try ana.run(["contact", "set", "Mojca Žagar", "--account", "Acme Corp", "--title", "VP Sales"]).status == 0)
        #expect(try ana.run(["plan", "set", "Acme Corp - Rollout", "1", "--due", "2027-03-15"]).status == 0)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(try marko.run(["contact", "set", "Mojca Žagar", "--account", "Acme Corp", "--title", "Chief Revenue Officer"]).status == 0)
        #expect(try marko.run(["plan", "set", "Acme Corp - Rollout", "1", "--due", "2027-04-01"]).status == 0)
        let anaPush = try ana.sync()
        #expect(anaPush.stdout.contains("pushed: 1 contact changed, 1 plan step changed, 2 contact or plan step changes\n"), "\(anaPush.stdout)")
        let markoSync = try marko.sync()
        #expect(markoSync.stdout.contains("superseded: Mojca Žagar: title 'VP Sales' by Ana Kovač at "), "\(markoSync.stdout)")
        #expect(markoSync.stdout.contains("was superseded by Marko Novak's 'Chief Revenue Officer' at "))
        #expect(markoSync.stdout.contains("superseded: Pilot with five reps: due '2027-03-15' by Ana Kovač at "), "\(markoSync.stdout)")
        _ = try ana.sync()
        _ = try maja.sync()
        for laptop in [ana, marko, maja] {
            let contacts = try laptop.run(["contact", "list", "--account", "Acme Corp"])
            #expect(contacts.stdout.contains("Chief Revenue Officer") && !contacts.stdout.contains("VP Sales"), "\(laptop.name): \(contacts.stdout)")
            let plan = try laptop.run(["plan", "list", "Acme Corp - Rollout"])
            #expect(plan.stdout.contains("2027-04-01") && !plan.stdout.contains("2027-03-15"), "\(laptop.name): \(plan.stdout)")
            #expect(try laptop.count("SELECT count(*) FROM fieldChange") == 4)
        }
        #expect(try team.cluster.psql("SELECT count(*) FROM qualify.\"fieldChange\"", database: team.database).output == "4\n")
        for laptop in [ana, marko, maja] {
            #expect(try laptop.sync().stdout.hasSuffix("pushed: nothing\npulled: nothing\n"))
        }
    }

    @Test func aRemovedPlanStepAndDealStayRemovedOnEveryLaptop() throws {
        let team = try Team()
        let (ana, marko, maja) = try team.twoRepsAndAManager()
        try ana.captureDeal("Acme Corp - Rollout", account: "Acme Corp", words: "kept")
        try ana.captureDeal("Acme Corp - Duplicate", account: "Acme Corp", words: "entered twice")
        #expect(try ana.run(["plan", "add", "Acme Corp - Rollout", "Pilot with five reps", "--who", "us", "--due", "2027-03-01"]).status == 0)
        #expect(try ana.run(["plan", "add", "Acme Corp - Rollout", "Reference call", "--who", "buyer", "--due", "2027-03-10"]).status == 0)
        _ = try ana.sync()
        _ = try marko.sync()

        // Ana removes a step and a deal; Marko, not knowing, edits both and syncs first.
        #expect(try ana.run(["plan", "remove", "Acme Corp - Rollout", "2"]).status == 0)
        #expect(try ana.run(["opportunity", "remove", "Acme Corp - Duplicate", "--yes"]).status == 0)
        #expect(try marko.run(["plan", "set", "Acme Corp - Rollout", "2", "--due", "2027-04-01"]).status == 0)
        #expect(try marko.run(["opportunity", "set", "Acme Corp - Duplicate", "next-milestone", "Call back"]).status == 0)
        _ = try marko.sync()
        let anaSync = try ana.sync()
        #expect(anaSync.stdout.contains("pushed: 2 removals\n"), "\(anaSync.stdout)")
        let markoSync = try marko.sync()
        #expect(markoSync.stdout.contains("pulled: 2 removals\n"), "\(markoSync.stdout)")
        // The deal went with its answers: Marko hears which, and that the server keeps them.
        #expect(markoSync.stdout.contains("removed: \"Acme Corp - Duplicate\" was removed by Ana Kovač, with its 5 answers; the team's file or server keeps them\n"),
                "\(markoSync.stdout)")
        _ = try maja.sync()

        for laptop in [ana, marko, maja] {
            let plan = try laptop.run(["plan", "list", "Acme Corp - Rollout"])
            #expect(plan.stdout.contains("Pilot with five reps") && !plan.stdout.contains("Reference call"), "\(laptop.name): \(plan.stdout)")
            let deals = try laptop.run(["opportunity", "list"])
            #expect(deals.stdout.contains("Acme Corp - Rollout") && !deals.stdout.contains("Acme Corp - Duplicate"), "\(laptop.name): \(deals.stdout)")
            #expect(try laptop.count("SELECT count(*) FROM statement WHERE text LIKE 'entered twice%'") == 0)
            #expect(try laptop.count("SELECT count(*) FROM removal") == 2)
        }
        // Nothing comes back on the next syncs, and the server still holds every word the buyer said.
        for laptop in [ana, marko, maja, ana] {
            #expect(try laptop.sync().stdout.hasSuffix("pushed: nothing\npulled: nothing\n"))
        }
        #expect(try ana.run(["plan", "list", "Acme Corp - Rollout"]).stdout.contains("Reference call") == false)
        #expect(try team.cluster.psql("SELECT count(*) FROM qualify.statement WHERE text LIKE 'entered twice%'",
                                      database: team.database).output == "5\n")
    }

    /// A row changed on the server by hand meets the control-character check every other input meets.
    @Test func aPulledRowWithAControlCharacterIsRefusedAndNothingOfItIsStored() throws {
        let team = try Team()
        let ana = try team.member("ana", name: "Ana Kovač")
        let marko = try team.member("marko", name: "Marko Novak")
        try ana.captureDeal("Acme Corp - Rollout", account: "Acme Corp", words: "clean words")
        _ = try ana.sync()
        let edited = try team.cluster.psql(
            "UPDATE qualify.opportunity SET \"nextMilestone\" = E'Demo \\x1b[31mred', seq = nextval('qualify.\"changeSeq\"')",
            database: team.database)
        #expect(edited.status == 0, "\(edited.error)")
        let refused = try marko.run(["sync", "--server", marko.url])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("qualify: the team server's opportunity row "), "\(refused.stderr)")
        #expect(refused.stderr.contains(" holds text qualify cannot store: \"nextMilestone\" (its line 1, column 6): U+001B (ESC) is a control character"),
                "\(refused.stderr)")
        #expect(!refused.stderr.contains("\u{1B}") && refused.stderr.filter { $0 == "\n" }.count == 1)
        #expect(try marko.count("SELECT count(*) FROM opportunity") == 0)
    }

    @Test func theServerRefusesRewritesAndImpersonation() throws {
        let team = try Team()
        let ana = try team.member("ana", name: "Ana Kovač")
        _ = try team.member("marko", name: "Marko Novak")
        try ana.captureDeal("Acme Corp - Rollout", account: "Acme Corp", words: "original")
        _ = try ana.sync()

        let cluster = team.cluster, db = team.database
        let update = try cluster.psql("UPDATE qualify.statement SET text = 'rewritten'", user: team.role("ana"), database: db)
        #expect(update.status != 0 && update.error.contains("permission denied for table statement"), "\(update.error)")
        let delete = try cluster.psql("DELETE FROM qualify.statement", user: team.role("ana"), database: db)
        #expect(delete.status != 0 && delete.error.contains("permission denied"))
        let impersonate = try cluster.psql("""
            INSERT INTO qualify.statement (uuid, field, position, text, "capturedBy", "capturedAt", "syncedFrom")
            VALUES (gen_random_uuid(), 'pain', 1, 'forged', 'Marko Novak', '2026-01-01 00:00:00.000', gen_random_uuid())
            """, user: team.role("ana"), database: db)
        #expect(impersonate.status != 0 && impersonate.error.contains("row-level security"), "\(impersonate.error)")
        // The trigger stops even the tables' owner.
        let owner = try cluster.psql("UPDATE qualify.statement SET text = 'rewritten'", database: db)
        #expect(owner.status != 0 && owner.error.contains("append-only"), "\(owner.error)")
        #expect(try cluster.psql("SELECT count(*) FROM qualify.statement WHERE text LIKE 'original%'", database: db).output == "5\n")

        // A statement captured under Marko's name on Ana's laptop is named before anything is sent: nothing of that push lands.
        try ana.binary.run(["opportunity", "add", "Acme Corp - Second", "--account", "Acme Corp"], extraEnvironment: ["QUALIFY_REP": "Marko Novak"])
        try ana.binary.run(["interview", "Acme Corp - Second"], input: Data("forged words\n".utf8), extraEnvironment: ["QUALIFY_REP": "Marko Novak"])
        let refused = try ana.run(["sync", "--server", ana.url])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("('Marko Novak': ") && refused.stderr.contains("1 statement); nothing was pushed"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("\n  "), "one line, no stack trace")
        #expect(try cluster.psql("SELECT count(*) FROM qualify.opportunity", database: db).output == "1\n")
    }

    @Test func aCutConnectionOrAKilledSyncFinishesCleanlyNextTime() throws {
        let team = try Team()
        let ana = try team.member("ana", name: "Ana Kovač")
        try ana.captureDeal("Acme Corp - Rollout", account: "Acme Corp", words: "first")
        let cluster = team.cluster, db = team.database

        // The server stops while the push waits inside its transaction.
        let cut = try syncCutByStoppingTheServer(ana, role: team.role("ana"), holder: try holdPushLock(cluster, db), cluster, db)
        #expect(cut.terminationStatus == 1)
        #expect(String(decoding: (cut.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .contains("nothing half-done was kept"))
        try cluster.startServer()
        #expect(try cluster.psql("SELECT count(*) FROM qualify.statement", database: db).output == "0\n")

        // A kill -9 at the same point.
        let holder2 = try holdPushLock(cluster, db)
        let killed = try startSync(ana)
        try waitForLockWait(cluster, db, role: team.role("ana"))
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        try cluster.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()", database: db)
        holder2.waitUntilExit()

        let finished = try ana.sync()
        #expect(finished.stdout.contains("pushed: 1 account, 1 opportunity, 3 history rows, 5 statements, 1 letter"), "\(finished.stdout)")
        #expect(try cluster.psql("SELECT count(*) FROM qualify.statement", database: db).output == "5\n")
        #expect(try ana.sync().stdout.hasSuffix("pushed: nothing\npulled: nothing\n"))
    }

    @Test func aPullCutBetweenPagesFinishesNextTimeWithNothingDuplicatedOrMissing() throws {
        let team = try Team()
        let ana = try team.member("ana", name: "Ana Kovač")
        let marko = try team.member("marko", name: "Marko Novak")
        try ana.captureDeal("Acme Corp - Rollout", account: "Acme Corp", words: "first")
        // 12,000 more answers: three pages of the pull (5,000 rows each) before the letters.
        try DatabaseQueue(path: ana.binary.databasePath).write { db in
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)
                INSERT INTO statement (uuid, opportunityId, field, position, text, capturedBy, capturedAt)
                SELECT randomblob(16), (SELECT id FROM opportunity), 'impacts', 100 + i, 'impact ' || i, 'Ana Kovač',
                       '2026-12-01 10:00:00.000' FROM n
                """)
        }
        _ = try ana.sync()
        let cluster = team.cluster, db = team.database

        // Marko's pull waits for the letters, which a session holds locked, after it applied every page of statements.
        let cut = try syncCutByStoppingTheServer(marko, role: team.role("marko"), holder: try holdTableLock("letter", cluster, db), cluster, db)
        #expect(cut.terminationStatus == 1)
        #expect(try marko.count("SELECT count(*) FROM statement") == 12_005)
        #expect(try marko.count("SELECT count(*) FROM letter") == 0)

        try cluster.startServer()
        let finished = try marko.sync()
        #expect(finished.stdout.contains("pulled: 1 letter, 4 traced quotes\n"), "\(finished.stdout)")
        for table in ["account", "opportunity", "opportunityChange", "statement", "letter", "letterQuote"] {
            let onServer = try cluster.psql("SELECT count(*) FROM qualify.\"\(table)\"", database: db).output
            #expect("\(try marko.count("SELECT count(*) FROM \(table)"))\n" == onServer, "\(table)")
            #expect(try marko.count("SELECT count(*) - count(DISTINCT uuid) FROM \(table)") == 0, "\(table)")
            #expect(try marko.count("SELECT count(*) FROM \(table)") == ana.count("SELECT count(*) FROM \(table)"), "\(table)")
        }
        #expect(try marko.count("SELECT count(*) FROM statementSearch WHERE statementSearch MATCH 'impact'") == 12_001)
        #expect(try marko.sync().stdout.hasSuffix("pushed: nothing\npulled: nothing\n"))
    }

    @Test func afterSyncTheManagersHomeGapsAndStatsCoverEveryRepsDeals() throws {
        let team = try Team()
        let (ana, marko, maja) = try team.twoRepsAndAManager()
        try ana.captureDeal("Acme Corp - Rollout", account: "Acme Corp", words: "Ana's buyer")
        #expect(try ana.run(["opportunity", "add", "Acme Corp - Expansion", "--account", "Acme Corp"]).status == 0)
        try marko.captureDeal("Globex - Pilot", account: "Globex", words: "Marko's buyer")
        #expect(try marko.run(["opportunity", "add", "Globex - Renewal", "--account", "Globex"]).status == 0)
        for laptop in [ana, marko, maja] { _ = try laptop.sync() }

        let deals = ["Acme Corp - Rollout", "Acme Corp - Expansion", "Globex - Pilot", "Globex - Renewal"]
        let home = try maja.run(["home"])
        #expect(home.status == 0, "\(home.stderr)")
        for deal in deals { #expect(home.stdout.contains(deal), "home lacks \(deal): \(home.stdout)") }
        #expect(home.stdout.contains("Pending (4)"), "\(home.stdout)")

        let gaps = try maja.run(["review", "gaps"])
        #expect(gaps.status == 0, "\(gaps.stderr)")
        #expect(gaps.stdout.contains("Acme Corp - Expansion  Acme Corp · Prospecting · Ana Kovač\n  missing: no pain admitted"), "\(gaps.stdout)")
        #expect(gaps.stdout.contains("Globex - Renewal  Globex · Prospecting · Marko Novak\n  missing: no pain admitted"), "\(gaps.stdout)")
        #expect(gaps.stdout.contains("4 open opportunities to coach"), "\(gaps.stdout)")

        let stats = try maja.run(["stats"])
        #expect(stats.status == 0, "\(stats.stderr)")
        // Rep, opportunities, pain admitted: a table row with its columns' spaces.
        let rows = stats.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(rows.contains { $0.hasPrefix("Ana Kovač 2 50%") }, "\(stats.stdout)")
        #expect(rows.contains { $0.hasPrefix("Marko Novak 2 50%") }, "\(stats.stdout)")
        #expect(rows.contains { $0.hasPrefix("All opportunities 4 50%") }, "\(stats.stdout)")
    }

    @Test func fourRepsSyncAtTheSameTime() throws {
        let team = try Team()
        let names = ["Ana Kovač", "Marko Novak", "Jure Zupan", "Nina Kralj"]
        var laptops: [Laptop] = []
        for (index, name) in names.enumerated() {
            let laptop = try team.member("rep\(index)", name: name)
            try laptop.captureDeal("Deal \(index)", account: "Account \(index)", words: "rep \(index)")
            laptops.append(laptop)
        }
        let processes = try laptops.map { try startSync($0) }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        for laptop in laptops { _ = try laptop.sync() }
        for laptop in laptops {
            #expect(try laptop.count("SELECT count(*) FROM statement") == 20)
            #expect(try laptop.sync().stdout.hasSuffix("pushed: nothing\npulled: nothing\n"))
        }
    }

    @Test func initRefusesADatabaseWithOtherTablesAndBadURLs() throws {
        let cluster = try #require(PostgresCluster.current)
        let database = try cluster.makeDatabase()
        try cluster.psql("CREATE TABLE invoices (id int)", database: database)
        let q = try QualifyBinary()
        let refused = try q.run(["server", "init", cluster.url("postgres", database)])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("holds tables qualify does not own (public.invoices); nothing was changed"), "\(refused.stderr)")
        #expect(try cluster.psql("SELECT count(*) FROM pg_namespace WHERE nspname = 'qualify'", database: database).output == "0\n")

        let withPassword = try q.run(["sync", "--server", "postgres://ana:secret@localhost/team"])
        #expect(withPassword.status == 64)
        #expect(withPassword.stderr.contains("~/.pgpass") && !withPassword.stderr.contains("secret"), "\(withPassword.stderr)")
        let notAURL = try q.run(["sync", "--server", "team.example"])
        #expect(notAURL.status == 64 && notAURL.stderr.contains("postgres://USER@HOST:PORT/DATABASE"))
        let noServer = try q.run(["sync"])
        #expect(noServer.status == 64 && noServer.stderr.contains("server:"))

        let team = try Team()
        let again = try team.admin.run(["server", "init", cluster.url("postgres", team.database)])
        #expect(again.status == 0 && again.stdout.contains("is up to date"), "\(again.stdout)")
        let stranger = try QualifyBinary().run(["sync", "--server", cluster.url("postgres", team.database)])
        #expect(stranger.status == 1 && stranger.stderr.contains("is not a member of the team"), "\(stranger.stderr)")
    }

    @Test func tlsWithASelfSignedCertificateAndAPasswordFromPgpass() throws {
        let team = try Team()
        let cluster = team.cluster
        let added = try team.admin.run(["server", "add-rep", team.role("ana"), "--name", "Ana Kovač", "--password-stdin",
                                        cluster.url("postgres", team.database)], input: Data("s3cret pass\n".utf8))
        #expect(added.status == 0, "\(added.stderr)")
        let laptop = try QualifyBinary()
        let base = "postgres://\(team.role("ana"))@127.0.0.1:\(cluster.port)/\(team.database)"
        let environment = ["QUALIFY_REP": "Ana Kovač"]
        #expect(try laptop.run(["account", "add", "Acme Corp"], extraEnvironment: environment).status == 0)

        // No password anywhere: refused, one line.
        let noPassword = try laptop.run(["sync", "--server", base + "?sslmode=require"], extraEnvironment: environment)
        #expect(noPassword.status == 1 && noPassword.stderr.contains("~/.pgpass"), "\(noPassword.stderr)")

        // ~/.pgpass readable by others is ignored, as libpq does; 0600 is used.
        let pgpass = laptop.home.appendingPathComponent(".pgpass").path
        try "127.0.0.1:\(cluster.port):\(team.database):\(team.role("ana")):s3cret pass\n".write(toFile: pgpass, atomically: true, encoding: .utf8)
        chmod(pgpass, 0o644)
        let loose = try laptop.run(["sync", "--server", base + "?sslmode=require"], extraEnvironment: environment)
        #expect(loose.status == 1 && loose.stderr.contains("readable by others"), "\(loose.stderr)")
        chmod(pgpass, 0o600)
        let encrypted = try laptop.run(["sync", "--server", base + "?sslmode=require"], extraEnvironment: environment)
        #expect(encrypted.status == 0, "\(encrypted.stderr)")
        #expect(encrypted.stdout.contains("pushed: 1 account"))
        #expect(!(encrypted.stdout + encrypted.stderr).contains("s3cret"))
        // The same certificate checked against the system's authorities is refused: the connection is TLS and checked.
        let untrusted = try laptop.run(["sync", "--server", base + "?sslmode=verify-full&sslrootcert=/etc/ssl/certs/ca-certificates.crt"],
                                       extraEnvironment: environment)
        #expect(untrusted.status == 1, "\(untrusted.stderr)")
        // Said as the user can act on it, without BoringSSL's dump and the build's source paths.
        #expect(untrusted.stderr.hasPrefix("qualify: the server's certificate could not be verified for ") && untrusted.stderr.contains("sslrootcert")
                && !untrusted.stderr.contains(".build") && !untrusted.stderr.contains("BoringSSL"), "\(untrusted.stderr)")
        // A host that does not resolve is not a server that is down.
        let nowhere = try laptop.run(["sync", "--server", "postgres://ana@nonexistent.invalid/qualify_team"], extraEnvironment: environment)
        #expect(nowhere.status == 1 && nowhere.stderr.contains("does not resolve"), "\(nowhere.stderr)")

        // verify-full checks the certificate against the one made for this test.
        let verified = try laptop.run(["sync", "--server", base + "?sslmode=verify-full&sslrootcert=\(cluster.certificate)"],
                                      extraEnvironment: environment.merging(["PGPASSWORD": "s3cret pass"]) { $1 })
        #expect(verified.status == 0, "\(verified.stderr)")
        // A wrong password says so, without echoing it.
        let wrong = try laptop.run(["sync", "--server", base + "?sslmode=require"],
                                   extraEnvironment: environment.merging(["PGPASSWORD": "not it"]) { $1 })
        #expect(wrong.status == 1 && wrong.stderr.contains("refused") && !wrong.stderr.contains("not it"), "\(wrong.stderr)")
    }

    // MARK: - Catching a sync in the middle of its push

    /// A psql session holding the push lock for up to 60 s.
    private func holdPushLock(_ cluster: PostgresCluster, _ database: String) throws -> Process {
        try holdLock("SELECT pg_advisory_lock(\(Self.pushLock)), pg_sleep(60)", until: "locktype = 'advisory'", cluster, database)
    }

    /// A psql session holding one team table locked against every reader for up to 60 s.
    private func holdTableLock(_ table: String, _ cluster: PostgresCluster, _ database: String) throws -> Process {
        try holdLock("BEGIN; LOCK TABLE qualify.\"\(table)\" IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT;",
                     until: "relation = 'qualify.\"\(table)\"'::regclass AND mode = 'AccessExclusiveLock'", cluster, database)
    }

    /// Runs `sql` in a psql session of its own, once the lock `granted` describes is held.
    private func holdLock(_ sql: String, until granted: String, _ cluster: PostgresCluster, _ database: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-X", "-q", "-h", cluster.folder, "-p", String(cluster.port), "-U", "postgres", "-d", database, "-c", sql]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntil { try cluster.psql("SELECT count(*) FROM pg_locks WHERE \(granted) AND granted", database: database).output != "0\n" }
        return process
    }

    /// Starts the laptop's sync and stops the server once the sync waits for the lock `holder` holds.
    private func syncCutByStoppingTheServer(_ laptop: Laptop, role: String, holder: Process,
                                            _ cluster: PostgresCluster, _ database: String) throws -> Process {
        let cut = try startSync(laptop)
        try waitForLockWait(cluster, database, role: role)
        cluster.stopServer()
        cut.waitUntilExit()
        holder.waitUntilExit()
        return cut
    }

    private func startSync(_ laptop: Laptop) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: QualifyBinary.path)
        process.arguments = ["sync", "--server", laptop.url]
        process.environment = laptop.binary.environment.merging(["QUALIFY_REP": laptop.name]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        // A few lines at most: the pipe never fills before the test reads it.
        process.standardError = Pipe()
        try process.run()
        return process
    }

    private func waitForLockWait(_ cluster: PostgresCluster, _ database: String, role: String) throws {
        try waitUntil {
            try cluster.psql("SELECT count(*) FROM pg_stat_activity WHERE usename = '\(role)' AND wait_event_type = 'Lock'",
                             database: database).output != "0\n"
        }
    }

    private func waitUntil(_ condition: () throws -> Bool) throws {
        for _ in 0..<300 {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw ClusterError("timed out waiting for the server")
    }
}

import Foundation
import Testing

/// Adding members: one name per member, and adding one again says it updated them.
extension TeamSyncEndToEndTests {
    @Test func aMemberNameIsOneMembersAndAddingAgainSaysItUpdated() throws {
        let team = try Team()
        let url = team.cluster.url("postgres", team.database)
        _ = try team.member("ana", name: "Ana Kovač")
        let taken = try team.admin.run(["server", "add-rep", team.role("bob"), "--name", "Ana Kovač", url])
        #expect(taken.status == 1)
        #expect(taken.stderr == "qualify: \"Ana Kovač\" is already the name of member \(team.role("ana")); each member captures under a name of their own. Give \(team.role("bob")) another --name.\n",
                "\(taken.stderr)")
        let again = try team.admin.run(["server", "add-rep", team.role("ana"), "--name", "Ana Kovač", url])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("Updated rep \(team.role("ana")) (Ana Kovač) on ") && again.stdout.hasSuffix("; the password is unchanged.\n"), "\(again.stdout)")
        let password = try team.admin.run(["server", "add-rep", team.role("ana"), "--name", "Ana Kovač", "--password-stdin", url], input: Data("new one\n".utf8))
        #expect(password.stdout.hasSuffix("; the password is the new one.\n"), "\(password.stdout)")
    }
}

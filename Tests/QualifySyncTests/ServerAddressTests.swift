import Foundation
import QualifyStore
@testable import QualifySync
import Testing

/// The server URL and password rules, as libpq reads them; no server needed.
@Suite struct ServerAddressTests {
    @Test func libpqURLs() throws {
        let tcp = try ServerAddress("postgres://ana@db.example.com:6543/team?sslmode=require", defaultUser: "login")
        #expect(tcp.endpoint == .tcp(host: "db.example.com", port: 6543))
        #expect(tcp.user == "ana" && tcp.database == "team" && tcp.tls == .require)

        let socket = try ServerAddress("postgresql:///team?host=/run/postgresql", defaultUser: "login")
        #expect(socket.endpoint == .socket(folder: "/run/postgresql", port: 5432))
        #expect(socket.user == "login" && socket.tls == .disable)

        let checked = try ServerAddress("postgres://ana@10.0.0.5/team?sslmode=require&sslrootcert=/etc/team-ca.crt", defaultUser: "x")
        #expect(checked.tls == .verifyCA && checked.rootCertificate == "/etc/team-ca.crt")
        #expect(try ServerAddress("postgres://ana@h/team", defaultUser: "x").tls == .prefer)
        // A login with spaces or accents is percent-encoded in a URL.
        #expect(try ServerAddress("postgres://Ana%20Kova%C4%8D@h/team", defaultUser: "x").user == "Ana Kovač")
    }

    @Test func refusedURLsSayWhatToDo() {
        func refusal(_ url: String) -> SyncError? {
            do { _ = try ServerAddress(url, defaultUser: "x"); return nil } catch { return error }
        }
        let withPassword = refusal("postgres://ana:hunter2@h/team")
        #expect(withPassword?.isUsage == true)
        #expect(withPassword?.description.contains("~/.pgpass") == true)
        #expect(withPassword?.description.contains("hunter2") == false)
        #expect(refusal("https://h/team")?.description.contains("postgres://USER@HOST:PORT/DATABASE") == true)
        #expect(refusal("postgres://h/team?sslmode=sometimes")?.description.contains("sslmode") == true)
        #expect(refusal("postgres://h/team?application=x")?.description.contains("unknown parameter") == true)
        #expect(refusal("postgres:///team?host=/run/postgresql&sslmode=require")?.description.contains("Unix socket") == true)
        #expect(refusal("postgres://h:99999/team")?.description.contains("not a port") == true)
    }

    @Test func passwordsComeFromPGPASSWORDThenPgpass() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(".pgpass").path
        try """
            # comment
            other.example.com:5432:team:ana:wrong
            db.example.com:*:team:ana:pa\\:ss\\\\word
            *:*:*:*:fallback
            """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let address = try ServerAddress("postgres://ana@db.example.com/team", defaultUser: "x")
        var warnings: [String] = []
        let environment = ["HOME": folder.path]
        #expect(PasswordSource.password(for: address, environment: environment) { warnings.append($0) } == "pa:ss\\word")
        #expect(PasswordSource.password(for: address, environment: environment.merging(["PGPASSWORD": "env"]) { $1 }) { _ in } == "env")
        let socket = try ServerAddress("postgres://maja@/other", defaultUser: "x")
        #expect(PasswordSource.password(for: socket, environment: environment) { _ in } == "fallback")
        chmod(file, 0o644)
        #expect(PasswordSource.password(for: address, environment: environment) { warnings.append($0) } == nil)
        #expect(warnings == ["\(file) is readable by others; it was ignored. Run: chmod 600 \(file)"])
    }

    @Test func copyTextKeepsEveryByteOfTheBuyersWords() {
        var rows = CopyTextRows(capacity: 16)
        var words = "a\tb\nc\r\\d „ž“ 😀"
        words.withUTF8 { rows.text(UnsafeRawBufferPointer($0)) }
        rows.integer(42)
        rows.null()
        withUnsafeBytes(of: UUID(uuidString: "0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9")!.uuid) { rows.uuid($0) }
        rows.endRow()
        rows.null()
        rows.endRow()
        #expect(String(buffer: rows.buffer) == "a\\tb\\nc\\r\\\\d „ž“ 😀\t42\t\\N\t0a1b2c3d4e5f60718293a4b5c6d7e8f9\n\\N\n")
        #expect(CopyText.value("42", type: .integer) == .integer(42))
        #expect(CopyText.value("42", type: .text) == .text("42"))
        #expect(CopyText.value(nil, type: .uuid) == .null)
    }

    @Test func theServerSchemaFollowsTheStoresDefinitions() {
        let statement = SyncTable.named("statement")
        #expect(statement?.isAppendOnly == true && statement?.author == "capturedBy")
        #expect(statement?.columns.first { $0.name == "position" }?.type == .integer)
        #expect(statement?.columns.first { $0.name == "replaces" }?.type == .uuid)
        #expect(SyncTable.named("opportunity")?.isAppendOnly == false)
        #expect(ServerSchema.missingColumns(present: []).contains(#"ALTER TABLE qualify."statement" ADD COLUMN "text" text"#))
    }
}

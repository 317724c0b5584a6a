import Foundation
import Testing

/// Every file qualify writes: never through a link, never over an existing
/// file unasked, never half a file, always owner-only.
@Suite struct FileWritingTests {
    func contents(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
    func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }
    /// Files left in a folder besides the ones named (a temporary file would show here).
    func others(in folder: String, than names: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { !names.contains($0) }
    }

    @Test func anExportIsNotWrittenThroughASymbolicLink() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let victim = q.home.appendingPathComponent("passwd").path
        let original = Data("root:x:0:0:root:/root:/bin/bash\n".utf8)
        _ = FileManager.default.createFile(atPath: victim, contents: original)
        chmod(victim, 0o644)
        let link = q.home.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        for arguments in [["export", "opportunities", "--output", link],
                          ["export", "opportunities", "--output", link, "--force"],
                          ["review", "--format", "html", "--output", link, "--force"]] {
            let result = try q.run(arguments)
            #expect(result.status == 1)
            #expect(result.stderr == "qualify: \(link) is a symbolic link; qualify does not write through links. Give the real file's path, or remove the link.\n")
        }
        #expect(try contents(victim) == original)
        #expect(try mode(victim) == 0o644)
    }

    @Test func anExistingFileIsReplacedOnlyWithForceAndThenOwnerOnly() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let file = q.home.appendingPathComponent("pains.html").path
        let original = Data("my own notes\n".utf8)
        _ = FileManager.default.createFile(atPath: file, contents: original)
        chmod(file, 0o644)
        for arguments in [["export", "all", "-o", file], ["export", "accounts", "-o", file],
                          ["review", "--format", "html", "--output", file]] {
            let refused = try q.run(arguments)
            #expect(refused.status == 1)
            #expect(refused.stderr == "qualify: \(file) already exists; add --force to replace it, or choose another path.\n")
            #expect(try contents(file) == original)
        }
        let replaced = try q.run(["review", "--format", "html", "--output", file, "--force"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        #expect(try mode(file) == 0o600)
        #expect(try others(in: q.home.path, than: ["pains.html", "data", "state", "config"]).isEmpty)
    }

    /// A tiny file system filled up: the previous export stays whole, no temporary file is left.
    @Test(.enabled(if: getuid() == 0, "a full disk is simulated with a tmpfs mount, which needs root"))
    func aFullDiskLeavesThePreviousExportIntact() throws {
        let q = try QualifyBinary()
        try setUpOpportunity(q)
        let long = String(repeating: "the forecast is late every single week ", count: 400)
        for index in 0..<20 {
            #expect(try q.run(["opportunity", "add", "Deal \(index)", "--account", "acme corp", "--description", long]).status == 0)
        }
        let disk = q.home.appendingPathComponent("disk").path
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        try mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", disk)
        defer { try? mount(unmount: disk) }
        let previous = disk + "/prev.jsonl"
        let good = Data("{\"kind\":\"stage\",\"name\":\"Prospecting\"}\n".utf8)
        _ = FileManager.default.createFile(atPath: previous, contents: good)
        for arguments in [["export", "all", "-o", previous, "--force"],
                          ["export", "opportunities", "--output", previous, "--force"]] {
            let full = try q.run(arguments)
            #expect(full.status == 1)
            #expect(full.stderr.hasPrefix("qualify: cannot write \(previous): No space left on device; the previous \(previous) is unchanged."), "\(full.stderr)")
            #expect(try contents(previous) == good)
            #expect(try others(in: disk, than: ["prev.jsonl"]).isEmpty)
        }
    }

    func mount(_ arguments: String...) throws { try run("/bin/mount", arguments) }
    func mount(unmount path: String) throws { try run("/bin/umount", [path]) }
    func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) \(arguments)")
    }
}

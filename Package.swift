// swift-tools-version:6.1
import PackageDescription

// Files under Prompts/ that are compiled into the binary, so an installed
// `qualify` needs no resource folder beside it. Add new prompt files here and
// in Prompts/EmbeddedPrompts.swift.
let embeddedPrompts = [
    "interview.yaml",
    "demo.yaml",
    "coach.yaml",
    "letters/letters.yaml",
    "letters/sponsor.txt.mustache",
    "letters/power-sponsor.txt.mustache",
    "letters/sponsor.md.mustache",
    "letters/power-sponsor.md.mustache",
    "letters/sponsor.html.mustache",
    "letters/power-sponsor.html.mustache",
]

let package = Package(
    name: "qualify",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "qualify", targets: ["qualify"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Streaming RFC 4180 reads and writes: a 100,000-row import keeps flat memory.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The team server: a PostgreSQL client on SwiftNIO, TLS through swift-nio-ssl.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already postgres-nio's: `server add-rep` hashes a new password into a SCRAM verifier with it.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.9.0"..<"6.0.0"),
    ],
    targets: [
        .target(
            name: "QualifyKit",
            dependencies: [.product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "PromptFiles",
            path: "Prompts",
            exclude: [],
            sources: ["EmbeddedPrompts.swift"],
            resources: embeddedPrompts.map { .embedInCode($0) }
        ),
        .target(
            name: "QualifyPrompts",
            dependencies: ["QualifyKit", "PromptFiles", "Yams"]
        ),
        .target(
            name: "QualifyStore",
            // GRDBSQLite: an import binds its two hot statements through SQLite's C API.
            dependencies: ["QualifyKit", "CSQLiteSetup", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        // sqlite3_config, variadic, through a C function Swift can call.
        .systemLibrary(name: "CSQLiteSetup"),
        // CSV and JSON files in the shapes vtiger, SuiteCRM, Salesforce and EspoCRM write.
        .target(
            name: "QualifyExchange",
            dependencies: ["QualifyKit", "QualifyStore"]
        ),
        // The manager's review: table, CSV, JSON, Markdown and HTML, streamed.
        .target(name: "QualifyReports", dependencies: ["QualifyKit", "QualifyStore"]),
        // `qualify sync` and `qualify server`: the team's PostgreSQL server.
        .target(
            name: "QualifySync",
            dependencies: ["QualifyKit", "QualifyStore", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "LineEditor", dependencies: ["CEditLine"]),
        // The interview driver and what it shows, apart from the command line, so it is tested in-process.
        .target(
            name: "QualifySession",
            dependencies: ["QualifyKit", "QualifyPrompts", "QualifyStore", "LineEditor"]
        ),
        .executableTarget(
            name: "qualify",
            dependencies: [
                "QualifyKit", "QualifyPrompts", "QualifyStore", "QualifyExchange", "QualifyReports", "QualifySync", "LineEditor",
                "QualifySession",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "QualifyKitTests",
            dependencies: ["QualifyKit", "QualifyPrompts"],
            // The coach's labelled statements, read by path from the tests.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "QualifySessionTests",
            // GRDB holds the write lock from a second connection, as another qualify would.
            dependencies: ["QualifySession", "QualifyStore", "QualifyKit", "QualifyPrompts", "LineEditor",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "QualifySyncTests", dependencies: ["QualifySync", "QualifyStore"]),
        .testTarget(name: "QualifyStoreTests", dependencies: ["QualifyStore", "QualifyKit"]),
        .testTarget(
            name: "QualifyExchangeTests",
            // CSV.swift is the rule the import's own CSV parser is held to.
            dependencies: ["QualifyExchange", "QualifyStore", "QualifyKit", .product(name: "CSV", package: "CSV.swift")],
            // Hand-written CRM exports, read by path from the tests.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "QualifyReportsTests",
            // CSV parses the exports back in the tests, independently of the writer.
            dependencies: ["QualifyReports", "QualifyStore", "QualifyKit", .product(name: "CSV", package: "CSV.swift")]
        ),
        .testTarget(
            name: "EndToEndTests",
            // GRDB reads the database file directly, to check what was really stored.
            dependencies: ["qualify", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)

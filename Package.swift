// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "yingcai",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "yingcai", targets: ["yingcai"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Pure rules: no web framework, no database.
        .target(name: "Identity", dependencies: ["WorkCalendar"]),
        .target(name: "WorkCalendar"),
        .target(name: "QRCode"),
        .target(name: "PolicyLanguage", dependencies: ["WorkCalendar"]),
        .target(name: "WorkOrderRules", dependencies: ["WorkCalendar"]),
        // The talent programme: calls, applications, conflicts, assignment, scores, ranking, notice,
        // funding. No Foundation: `squareRoot()` calls libm's sqrt, which must be linked by name.
        .target(name: "ProgrammeRules", dependencies: ["WorkCalendar"], linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(name: "TalentCode", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // 热线知识库检索: Chinese search without a Chinese tokenizer in either database (bigrams,
        // synonyms, FTS5 and tsquery expressions, highlights, an in-memory BM25 yardstick).
        .target(name: "KnowledgeSearch", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(name: "Organisations"),
        // Open311 GeoReport v2: resources, XML and JSON encoders, request decoding. No I/O.
        .target(name: "Open311"),
        // 微信公众号 message push: signatures, safe-mode AES, push XML, passive replies, replay rules,
        // the talent's commands, template-message JSON. No I/O, no clock.
        .target(name: "WeChatMP", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        .target(name: "PersonalData", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Storage: one code path over SQLite and PostgreSQL.
        .target(name: "Storage", dependencies: [
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "PostgresKit", package: "postgres-kit"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "SQLiteKit", package: "sqlite-kit"),
            .product(name: "SQLiteNIO", package: "sqlite-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        // Use cases: load, check, transition, persist in one transaction. Shared by HTTP and CLI.
        .target(name: "YingcaiCore", dependencies: [
            "Identity", "Organisations", "PersonalData", "Storage", "WorkCalendar", "WorkOrderRules", "TalentCode", "PolicyLanguage", "ProgrammeRules", "KnowledgeSearch", "Open311", "WeChatMP",
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CSV", package: "CSV.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ], resources: [.copy("Resources")]),
        // The one web target.
        .target(name: "YingcaiApp", dependencies: [
            "YingcaiCore", "QRCode", "TalentCode",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], resources: [.copy("Public")]),
        .executableTarget(name: "yingcai", dependencies: ["YingcaiApp", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        .testTarget(name: "IdentityTests", dependencies: ["TestRandom", "Identity", "WorkCalendar"]),
        .testTarget(name: "WorkCalendarTests", dependencies: ["TestRandom", "WorkCalendar"]),
        .testTarget(name: "QRCodeTests", dependencies: ["TestRandom", "QRCode"]),
        .testTarget(name: "PolicyLanguageTests", dependencies: ["TestRandom", "PolicyLanguage", "WorkCalendar"]),
        .testTarget(name: "WorkOrderRulesTests", dependencies: ["TestRandom", "WorkOrderRules", "WorkCalendar"]),
        .testTarget(name: "TalentCodeTests", dependencies: ["TalentCode"]),
        .testTarget(name: "ProgrammeRulesTests", dependencies: ["TestRandom", "ProgrammeRules", "WorkCalendar"]),
        .testTarget(name: "KnowledgeSearchTests", dependencies: ["KnowledgeSearch"]),
        .testTarget(name: "Open311Tests", dependencies: ["Open311", "ExternalTools"], exclude: ["check_schemas.py"], resources: [.copy("Resources")]),
        .testTarget(name: "WeChatMPTests", dependencies: [
            "WeChatMP", "ExternalTools",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ], exclude: ["make_vectors.py", "check_replies.py"], resources: [.copy("Resources")]),

        // Benchmarks (run by hand; see bench/README.md).
        .executableTarget(name: "policy-bench", dependencies: ["PolicyLanguage", "WorkCalendar"], path: "bench/PolicyBench"),
        .executableTarget(name: "programme-bench", dependencies: ["ProgrammeRules", "WorkCalendar"], path: "bench/ProgrammeBench"),
        .executableTarget(name: "kb-bench", dependencies: ["KnowledgeSearch"], path: "bench/KBBench"),
        .executableTarget(name: "code-bench", dependencies: ["TalentCode", .product(name: "Crypto", package: "swift-crypto")], path: "bench/CodeBench"),
        .testTarget(name: "OrganisationsTests", dependencies: ["Organisations"]),
        .testTarget(name: "PersonalDataTests", dependencies: ["PersonalData"]),
        // Running the independent references the pure modules' tests consult (python3, xmllint).
        .target(name: "ExternalTools", path: "Tests/ExternalTools"),
        // A seeded generator for the property tests of the pure modules.
        .target(name: "TestRandom", path: "Tests/Random"),
        // What the tests with a real database share: the database, a clock, captured logs, the core.
        .target(name: "TestSupport", dependencies: [
            "Storage", "YingcaiCore", "PersonalData", "Organisations",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "SQLKit", package: "sql-kit"),
        ], path: "Tests/Support"),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TestSupport", .product(name: "SQLKit", package: "sql-kit")]),
        .testTarget(name: "YingcaiCoreTests", dependencies: [
            "YingcaiCore", "TestSupport", "Storage", "WorkOrderRules", "WorkCalendar", "Organisations", "Identity",
            .product(name: "SQLKit", package: "sql-kit"),
        ]),
        .testTarget(name: "YingcaiAppTests", dependencies: [
            "YingcaiApp", "TestSupport", "WeChatMP",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
    ]
)

// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "zhengdun",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "zhengdun", targets: ["zhengdun"]),
        .executable(name: "zhengdund", targets: ["zhengdund"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Spreadsheets (.xlsx) of the ledgers, through libxlsxwriter.
        .target(
            name: "ZhengdunSheets",
            dependencies: ["CXLSXWriter"]
        ),
        .target(
            name: "ZhengdunCore",
            dependencies: ["CYAML", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "ZhengdunStore",
            dependencies: [
                "ZhengdunCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "ZhengdunMail"
        ),
        .target(name: "ZhengdunChat", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "ZhengdunService",
            dependencies: ["ZhengdunCore", "ZhengdunStore", "ZhengdunMail", "ZhengdunChat"],
            exclude: ["Scheduler/README.md"]
        ),
        .executableTarget(
            name: "zhengdun",
            dependencies: [
                "ZhengdunCore",
                "ZhengdunService",
                "ZhengdunSheets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The command line sees the service and the core only: a member of the store's types
            // is not visible here, even through a value the service hands out.
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .executableTarget(
            name: "zhengdund",
            dependencies: [
                "ZhengdunCore", "ZhengdunStore", "ZhengdunService", "ZhengdunMail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "zhengdun-seed",
            dependencies: ["ZhengdunCore", "ZhengdunStore", "ZhengdunService"],
            path: "Benchmarks/Seed"
        ),
        .executableTarget(
            name: "zhengdun-bench-scheduler",
            dependencies: ["ZhengdunCore", "ZhengdunStore", "ZhengdunService", "ZhengdunMail"],
            path: "Benchmarks/Scheduler"
        ),
        .executableTarget(
            name: "zhengdun-fuzz",
            dependencies: ["ZhengdunCore", "ZhengdunStore", "ZhengdunMail", "ZhengdunService"],
            path: "Benchmarks/Fuzz",
            exclude: ["mail"]
        ),
        .executableTarget(
            name: "zhengdun-fuzz-frames",
            dependencies: ["ZhengdunCore", "ZhengdunService"],
            path: "Benchmarks/FuzzFrames"
        ),
        .testTarget(
            name: "ZhengdunCoreTests",
            dependencies: ["ZhengdunCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ZhengdunStoreTests",
            dependencies: ["ZhengdunCore", "ZhengdunStore", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ZhengdunMailTests",
            dependencies: ["ZhengdunMail", "TestSupport"]
        ),
        .testTarget(name: "ZhengdunChatTests", dependencies: ["ZhengdunChat", "TestSupport"]),
        // What several test targets share: traits for what a machine may lack, the stand-in robot.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "ZhengdunServiceTests",
            dependencies: [
                "ZhengdunCore", "ZhengdunStore", "ZhengdunMail", "ZhengdunService", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "zhengdunTests",
            dependencies: ["zhengdun", "zhengdund", "TestSupport"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

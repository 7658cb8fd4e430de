// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "zhengdun",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "zhengdun", targets: ["zhengdun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(
            name: "ZhengdunCore",
            dependencies: ["CYAML"]
        ),
        .executableTarget(
            name: "zhengdun",
            dependencies: [
                "ZhengdunCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ZhengdunCoreTests",
            dependencies: ["ZhengdunCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "zhengdunTests",
            dependencies: ["zhengdun"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

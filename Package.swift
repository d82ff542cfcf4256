// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "keyward",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "keyward", targets: ["keyward"]),
        .library(name: "KeywardScan", targets: ["KeywardScan"]),
        .library(name: "KeywardAWS", targets: ["KeywardAWS"]),
        .library(name: "KeywardRemediation", targets: ["KeywardRemediation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // Vectorscan (Debian libvectorscan-dev): the SIMD multi-keyword prefilter before PCRE2.
        .systemLibrary(
            name: "CVectorscan",
            pkgConfig: "libhs",
            providers: [.apt(["libvectorscan-dev"])]
        ),
        // libarchive: zip/jar, tar, gzip, bzip2, xz… members scanned like files (Sources/KeywardScan/Archives).
        .systemLibrary(
            name: "CArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        // libcurl, opened with dlopen on the first AWS request and never linked (no -lcurl): a scan's
        // start-up loads none of its ~35 libraries. <curl/curl.h> (libcurl4-openssl-dev) for types only.
        .target(
            name: "CCurlLoader",
            // KEYWARD_TEST_LIBCURL (debug builds only) names another library to open.
            cSettings: [.define("KEYWARD_TEST_HOOKS", .when(configuration: .debug))]
        ),
        // Offline AWS key-ID facts (kind, account): shared by scanning and the AWS client.
        .target(name: "KeywardKeyID"),
        // The hardened git invocation (options + environment) shared by scanning and remediation.
        .target(name: "KeywardGitSafety"),
        .target(
            name: "KeywardScan",
            dependencies: [
                "CPCRE2", "CVectorscan", "CArchive", "KeywardKeyID",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(name: "KeywardGit", dependencies: ["KeywardScan", "KeywardGitSafety"]),
        .target(
            name: "KeywardAWS",
            dependencies: ["CCurlLoader", "KeywardKeyID", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "KeywardRemediation", dependencies: ["KeywardAWS", "KeywardKeyID", "KeywardGitSafety"]),
        .target(
            name: "KeywardCLI",
            dependencies: [
                "KeywardScan", "KeywardGit", "KeywardAWS", "KeywardRemediation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Test-only switches (Support/TestHooks.swift) exist in debug builds only, never in a release.
            swiftSettings: [.define("KEYWARD_TEST_HOOKS", .when(configuration: .debug))]
        ),
        .executableTarget(name: "keyward", dependencies: ["KeywardCLI"]),
        .target(name: "TestSupport", dependencies: ["KeywardAWS"], path: "Tests/TestSupport"),
        .testTarget(name: "KeywardKeyIDTests", dependencies: ["KeywardKeyID"]),
        .testTarget(name: "KeywardScanTests", dependencies: ["KeywardScan", "TestSupport"]),
        .testTarget(name: "KeywardGitTests", dependencies: ["KeywardGit", "KeywardGitSafety", "TestSupport"]),
        .testTarget(name: "KeywardAWSTests", dependencies: ["KeywardAWS", "TestSupport"]),
        .testTarget(name: "KeywardRemediationTests", dependencies: ["KeywardRemediation", "TestSupport"]),
        .testTarget(name: "KeywardCLITests", dependencies: ["KeywardCLI", "KeywardAWS", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets, declared only when KEYWARD_FUZZ is set (`make fuzz`, see docs/hardening.md):
// built with `-Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library`, each defines the
// `<Target>_main` SwiftPM links as `main` and hands its callback to libFuzzer's driver.
if Context.environment["KEYWARD_FUZZ"] != nil {
    package.targets.append(.target(name: "CFuzzDriver", path: "Fuzz/CFuzzDriver"))
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["CFuzzDriver"], path: "Fuzz/FuzzSupport"))
    let fuzzTargets: [(String, [Target.Dependency])] = [
        ("FuzzRulePack", ["KeywardScan"]),
        ("FuzzConfig", ["KeywardScan"]),
        ("FuzzGitParsers", ["KeywardGit", "KeywardScan"]),
        ("FuzzAWSXML", ["KeywardAWS", "TestSupport"]),
        ("FuzzAWSJSON", ["KeywardAWS", "TestSupport"]),
        ("FuzzRewriters", ["KeywardRemediation", "KeywardAWS"]),
        ("FuzzEngine", ["KeywardScan"]),
    ]
    for (name, dependencies) in fuzzTargets {
        package.targets.append(
            .executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies, path: "Fuzz/\(name)"))
    }
}

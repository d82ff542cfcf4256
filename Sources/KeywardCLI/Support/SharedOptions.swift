import ArgumentParser
import KeywardScan

/// Which rules run: the built-in pack, `--rules` files, and the config.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: "A rule file or directory of *.toml rule files to add (repeatable).")
    var rulePaths: [String] = []

    @Flag(help: "Do not load the built-in rule pack (use only --rules and config rules).")
    var noDefaultRules = false

    @Option(help: "Config file (default: .keyward.toml at the scan root).")
    var config: String?

    func setup(root: String) -> ScanSetup {
        var setup = ScanSetup()
        setup.rulePaths = rulePaths
        setup.noDefaultRules = noDefaultRules
        setup.configPath = config
        setup.root = root
        setup.engineOptions.prefilterCacheDirectory = ScanEngine.Options.standardPrefilterCacheDirectory
        return setup
    }
}

/// How the report is written.
struct OutputOptions: ParsableArguments {
    @Option(help: "Report format: text, json, sarif, gitlab or html.")
    var format: ReportFormat = .text

    @Option(help: "Write the report to FILE instead of standard output.")
    var output: String?

    @Flag(help: "Print secrets whole instead of redacted.")
    var showSecrets = false

    @Flag(help: "No ANSI colors in the text report.")
    var noColor = false
}

extension ReportFormat: ExpressibleByArgument {}

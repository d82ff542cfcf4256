import Foundation
import KeywardRemediation

#if KEYWARD_TEST_HOOKS
    /// The test-only environment contract (docs/remediation.md, "Test-only switches"). Compiled only
    /// when `KEYWARD_TEST_HOOKS` is defined, which Package.swift does for debug builds alone: a release
    /// binary ignores these variables.
    ///
    /// - `KEYWARD_TEST_STOP_AFTER=STEP`: SIGKILL right after the checkpoint STEP (`plan`, `creating`,
    ///   `create-call`, `create`, `verify`, `replace`, `deactivate`, `delete`, `confirmed`).
    /// - `KEYWARD_TEST_PAUSE_AT=STEP` with `KEYWARD_TEST_PAUSE_FILE=PATH`: at STEP, create `PATH.paused`
    ///   and wait (at most 600 s) until PATH exists; two processes can then be interleaved exactly.
    /// - `KEYWARD_TEST_VERIFY_ATTEMPTS=N`: attempts of the new key's GetCallerIdentity (default 6).
    /// - `KEYWARD_TEST_AWS_TIMEOUT=SECONDS`: the AWS request timeout (default 30).
    enum TestHooks {
        static func install(in environment: inout RemediationEnvironment, from variables: [String: String]) {
            let stop = variables["KEYWARD_TEST_STOP_AFTER"] ?? ""
            let pauseAt = variables["KEYWARD_TEST_PAUSE_AT"] ?? ""
            let pauseFile = variables["KEYWARD_TEST_PAUSE_FILE"] ?? ""
            if !stop.isEmpty || (!pauseAt.isEmpty && !pauseFile.isEmpty) {
                environment.checkpoint = { step in
                    if step == pauseAt, !pauseFile.isEmpty { pause(until: pauseFile) }
                    if step == stop { kill(getpid(), SIGKILL) }
                }
            }
            if let attempts = variables["KEYWARD_TEST_VERIFY_ATTEMPTS"].flatMap(Int.init) {
                environment.verifyAttempts = attempts
            }
        }

        /// The AWS request timeout the tests ask for, if any.
        static func awsTimeout(from variables: [String: String]) -> TimeInterval? {
            variables["KEYWARD_TEST_AWS_TIMEOUT"].flatMap(TimeInterval.init)
        }

        static func pause(until path: String) {
            _ = FileManager.default.createFile(atPath: path + ".paused", contents: nil)
            let deadline = Date().addingTimeInterval(600)
            while !FileManager.default.fileExists(atPath: path), Date() < deadline { usleep(20_000) }
        }
    }
#endif

import Foundation

extension AWSConfiguration {
    /// Resolves credentials, region and endpoints the way the AWS CLI and SDKs do.
    ///
    /// Credentials: `credentials` > the profile named by `profile` (as `--profile` does) >
    /// `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`) > the profile named by
    /// `AWS_PROFILE`, else `default`, read from `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`,
    /// `[NAME]` sections) and `AWS_CONFIG_FILE` (default `~/.aws/config`, `[profile NAME]` sections).
    /// Region: `AWS_REGION` > `AWS_DEFAULT_REGION` > the profile's `region`.
    /// Endpoints: `endpointURL` > `AWS_ENDPOINT_URL_<SERVICE>` > `AWS_ENDPOINT_URL` > the profile's
    /// `endpoint_url` (the last three off when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`).
    /// A profile that is asked for but missing is an error. Roles, web identity, `credential_process`,
    /// SSO, container and instance-metadata credentials are only identified here (`pendingCredentials`):
    /// this call makes no request and runs nothing; `loadingCredentials(_:)` (or the async `resolve`)
    /// fetches them.
    public static func resolve(
        profile: String? = nil, endpointURL: String? = nil, credentials: AWSCredentials? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> AWSConfiguration {
        let env = environment.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        let profileName = profile ?? env["AWS_PROFILE"] ?? env["AWS_DEFAULT_PROFILE"] ?? "default"
        let profileRequested = profile != nil || env["AWS_PROFILE"] != nil || env["AWS_DEFAULT_PROFILE"] != nil
        let files = try ProfileFiles(environment: env)
        let settings = files.settings(for: profileName)
        if profileRequested, settings == nil {
            throw AWSError.configuration(
                "profile \"\(profileName)\" not found in \(files.credentialsPath) or \(files.configPath)")
        }

        var resolved = AWSConfiguration(credentials: nil)
        if let credentials {
            resolved.credentials = credentials
            resolved.credentialSource = "explicit"
        } else {
            let chain = CredentialChain(env: env, rawEnvironment: environment, files: files)
            switch try chain.provider(profile: profileName, explicitProfile: profile != nil, settings: settings) {
            case .fixed(let keys, let origin)?:
                resolved.credentials = keys
                resolved.credentialSource = origin
            case let provider?:
                resolved.pendingCredentials = provider
                resolved.credentialSource = provider.description
            case nil:
                break
            }
        }

        let region = env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? settings?.values["region"]
        if let region {
            guard AWSPartition.isValidRegion(region) else {
                throw AWSError.configuration("region \"\(region)\" is not a region name (e.g. us-east-1)")
            }
            resolved.region = region
        }

        if let endpointURL {
            resolved.endpointURL = try parseEndpointURL(endpointURL, setting: "--endpoint-url")
        }
        let ignoreConfigured =
            (env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] ?? settings?.values["ignore_configured_endpoint_urls"])?
            .lowercased() == "true"
        if !ignoreConfigured {
            for service in AWSService.allCases {
                let name = "AWS_ENDPOINT_URL_\(service.endpointVariableSuffix)"
                if let value = env[name] {
                    resolved.serviceEndpointURLs[service] = try parseEndpointURL(value, setting: name)
                }
            }
            if let value = env["AWS_ENDPOINT_URL"] {
                resolved.sharedEndpointURL = try parseEndpointURL(value, setting: "AWS_ENDPOINT_URL")
            } else if let value = settings?.values["endpoint_url"] {
                resolved.sharedEndpointURL = try parseEndpointURL(
                    value, setting: "endpoint_url of profile \"\(profileName)\"")
            }
        }
        return resolved
    }

    /// The key pair from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`; an error when only one is set.
    static func environmentCredentials(_ env: [String: String]) throws -> AWSCredentials? {
        let keyID = env["AWS_ACCESS_KEY_ID"]
        let secret = env["AWS_SECRET_ACCESS_KEY"]
        switch (keyID, secret) {
        case (nil, nil):
            return nil
        case (let keyID?, let secret?):
            return AWSCredentials(
                accessKeyID: keyID.trimmingCharacters(in: .whitespaces),
                secretAccessKey: secret.trimmingCharacters(in: .whitespaces),
                sessionToken: env["AWS_SESSION_TOKEN"] ?? env["AWS_SECURITY_TOKEN"])
        case (_?, nil):
            throw AWSError.noCredentials("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        case (nil, _?):
            throw AWSError.noCredentials("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        }
    }
}

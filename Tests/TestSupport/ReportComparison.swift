import Foundation

/// Compares keyward JSON and SARIF reports as values, without what differs between a merged and
/// an unsharded report by design: the `merged` record and the elapsed time.
public enum ReportComparison {
    /// The report parsed, without `merged` and `elapsed_seconds` (JSON) or the run properties
    /// `merged` and `elapsedSeconds` (SARIF); an empty dictionary when the text is not JSON.
    public static func normalized(_ text: String) -> NSDictionary {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return [:]
        }
        var document = object
        document["merged"] = nil
        if var summary = document["summary"] as? [String: Any] {
            summary["elapsed_seconds"] = nil
            document["summary"] = summary
        }
        if var runs = document["runs"] as? [[String: Any]], var properties = runs.first?["properties"] as? [String: Any]
        {
            properties["merged"] = nil
            properties["elapsedSeconds"] = nil
            runs[0]["properties"] = properties
            document["runs"] = runs
        }
        return document as NSDictionary
    }

    /// The same for a report file.
    public static func normalized(file: URL) -> NSDictionary {
        normalized(String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self))
    }
}

import Foundation
import Testing

@testable import KeywardAWS

/// How the transport turns libcurl's header lines into a response's fields.
@Suite struct ResponseHeaderLinesTests {
    func fields(_ lines: [String]) -> [String: String] {
        var collector = ResponseHeaderLines()
        for line in lines {
            let kept = collector.add(line)
            #expect(kept)
        }
        return collector.fields
    }

    @Test func eachStatusLineStartsTheFieldsAfresh() {
        let received = fields([
            "HTTP/1.1 200 Connection established\r\n", "Proxy-Agent: squid\r\n", "\r\n",
            "HTTP/1.1 100 Continue\r\n", "X-Interim: yes\r\n", "\r\n",
            "HTTP/2 200\r\n", "content-type: text/xml\r\n", "x-amzn-requestid: 42\r\n", "\r\n",
        ])
        #expect(received == ["content-type": "text/xml", "x-amzn-requestid": "42"])
    }

    @Test func repeatedNamesJoinUnderTheirFirstSpellingAndFoldedLinesContinue() {
        let received = fields([
            "HTTP/1.1 200 OK\r\n", "Vary: Accept\r\n", "vary: Origin\r\n", "X-Long: one\r\n", "\t two\r\n",
            "Date:  Tue, 01 Jul 2025 10:00:00 GMT \r\n", "not a field\r\n", "\r\n",
        ])
        #expect(received == ["Vary": "Accept, Origin", "X-Long": "one two", "Date": "Tue, 01 Jul 2025 10:00:00 GMT"])
    }

    @Test func headersPastTheCapAreRefused() {
        var collector = ResponseHeaderLines()
        let line = "X-Filler: " + String(repeating: "a", count: 1000) + "\r\n"
        var accepted = 0
        while collector.add(line), accepted < 1000 { accepted += 1 }
        #expect(collector.tooLarge)
        #expect(accepted == ResponseHeaderLines.maxBytes / line.utf8.count)
    }
}

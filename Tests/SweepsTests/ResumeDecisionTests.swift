import Sweeps
import Testing

@Suite("Resuming a sweep")
struct ResumeDecisionTests {
    private let parameters = ["trainCount": "30", "seeds": "1", "firstSeed": "0"]

    private func record(status: RunRecord.Status = .succeeded, hash: String = "h1", parameters: [String: String]? = nil) -> RunRecord {
        RunRecord(point: "trainCount=30,seed=0", notebook: "01-tour.ipynb", notebookSHA256: hash, parameters: parameters ?? self.parameters,
                  seed: 0, status: status, error: status == .failed ? "cell 3 failed" : nil, exitStatus: status == .failed ? 1 : 0,
                  wallSeconds: 12.5, finished: "2026-01-01T00:00:00Z", ranOn: "local")
    }

    private func decide(_ record: RunRecord?, hash: String = "h1", parameters: [String: String]? = nil, results: Bool = true) -> ResumeDecision {
        ResumeDecision(record: record, notebookSHA256: hash, parameters: parameters ?? self.parameters, resultsFileExists: results)
    }

    @Test("a point that succeeded with the same notebook and parameters is skipped")
    func skip() {
        #expect(decide(record()) == .skip)
    }

    @Test("a new, failed, changed or incomplete point runs, and the reason says which")
    func run() {
        #expect(decide(nil) == .run(reason: "new"))
        #expect(decide(record(status: .failed)) == .run(reason: "failed before"))
        #expect(decide(record(), hash: "h2") == .run(reason: "notebook changed"))
        #expect(decide(record(), parameters: ["trainCount": "60", "seeds": "1", "firstSeed": "0"]) == .run(reason: "parameters changed"))
        #expect(decide(record(), results: false) == .run(reason: "results file missing"))
    }

    @Test("a record survives its JSON form")
    func roundTrip() throws {
        let original = record(status: .failed)
        let data = try original.encoded()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"notebook_sha256\" : \"h1\""))
        #expect(text.contains("\"status\" : \"failed\""))
        #expect(try JSONDecoderRoundTrip.decode(data) == original)
    }
}

import Foundation

private enum JSONDecoderRoundTrip {
    static func decode(_ data: Data) throws -> RunRecord { try JSONDecoder().decode(RunRecord.self, from: data) }
}

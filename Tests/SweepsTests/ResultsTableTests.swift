import Foundation
import Sweeps
import Testing

@Suite("Results tables")
struct ResultsTableTests {
    private let file = """
        {"notebook": "01-tour", "parameters": {"seeds": 2},
         "models": {"large-margin": {"seeds": [0, 1], "chosen": ["-", "-"], "test_accuracy": [0.97, 1], "train_margin_min": [0.25, null]},
                    "cross-entropy": {"seeds": [0, 1], "chosen": ["weightDecay=0.001", "weightDecay=0"], "test_accuracy": [0.5, 0.75],
                                      "extra": [[1, 2], {"b": 1, "a": "x,y"}]}},
         "claims": []}
        """

    @Test("a results file flattens into a row per model and seed with every per-seed quantity")
    func flatten() throws {
        let contents = try ResultsFileContents(data: Data(file.utf8), source: "test")
        let rows = ResultsTable.rows(of: contents, parameters: ["30"])
        #expect(rows.count == 4)
        #expect(rows.map(\.model) == ["cross-entropy", "cross-entropy", "large-margin", "large-margin"])
        #expect(rows[2].values["test_accuracy"] == .number(0.97))
        #expect(rows[3].values["test_accuracy"] == .integer(1))
        #expect(rows[3].values["train_margin_min"] == .null)
        #expect(rows[1].seed == .integer(1))
        #expect(rows[0].values["extra"] == .text("[1,2]"))
        #expect(rows[1].values["extra"] == .text("{\"a\":\"x,y\",\"b\":1}"))
    }

    @Test("the CSV has the parameters, seed and model, then chosen and the sorted quantities; null is empty; commas are quoted")
    func csv() throws {
        let contents = try ResultsFileContents(data: Data(file.utf8), source: "test")
        let table = ResultsTable(parameterNames: ["trainCount"], rows: ResultsTable.rows(of: contents, parameters: ["30"]))
        let lines = table.csv().split(separator: "\n").map(String.init)
        #expect(lines[0] == "trainCount,seed,model,chosen,extra,test_accuracy,train_margin_min")
        #expect(lines[1] == "30,0,cross-entropy,weightDecay=0.001,\"[1,2]\",0.5,")
        #expect(lines[2] == "30,1,cross-entropy,weightDecay=0,\"{\"\"a\"\":\"\"x,y\"\",\"\"b\"\":1}\",0.75,")
        #expect(lines[4] == "30,1,large-margin,-,,1,")
        #expect(lines.count == 5)
    }

    @Test("results.json lists the rows by column, the failed runs with their errors, and the unfinished ones")
    func json() throws {
        let contents = try ResultsFileContents(data: Data(file.utf8), source: "test")
        let table = ResultsTable(
            parameterNames: ["trainCount"], rows: ResultsTable.rows(of: contents, parameters: ["30"]),
            failures: [ResultsTable.Failure(point: "trainCount=60", parameters: ["trainCount": "60"], error: "cell 3 failed")], unfinished: ["trainCount=90"])
        let object = try JSONSerialization.jsonObject(with: table.json(header: ResultsTable.Header(notebook: "01-tour"))) as! [String: Any]
        #expect(object["notebook"] as? String == "01-tour")
        #expect((object["columns"] as? [String])?.first == "trainCount")
        let rows = object["rows"] as! [[String: Any]]
        #expect(rows.count == 4)
        #expect(rows[3]["train_margin_min"] is NSNull)
        #expect(rows[0]["trainCount"] as? String == "30")
        let failed = object["failed"] as! [[String: Any]]
        let error = failed.first?["error"] as? String
        #expect(error == "cell 3 failed")
        #expect(object["unfinished"] as? [String] == ["trainCount=90"])
    }

    @Test("a file without models is refused, naming it")
    func notAResultsFile() {
        #expect(throws: SweepError.self) { try ResultsFileContents(data: Data("{\"claims\": []}".utf8), source: "x.results.json") }
    }
}

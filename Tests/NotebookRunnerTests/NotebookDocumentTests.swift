import DynamicJSON
import Foundation
import NotebookDisplay
import SwiftSession
import Testing
@testable import NotebookRunner

@Suite("NotebookDocument: nbformat 4 in, the same document with outputs out")
struct NotebookDocumentTests {
    private static let notebook = #"""
        {"cells": [
          {"cell_type": "markdown", "id": "m", "metadata": {"ExecuteTime": {"end": "2024/01/02"}, "a10": 1, "a2": 2.5}, "source": ["# Title\n", "text"]},
          {"cell_type": "code", "execution_count": 4, "id": "p", "metadata": {"tags": ["parameters"], "collapsed": true},
           "outputs": [{"output_type": "stream", "name": "stdout", "text": "old"}], "source": "let steps = 10"}
         ],
         "metadata": {"kernelspec": {"name": "swift-margin"}, "custom": [1, 2.0, null]}, "nbformat": 4, "nbformat_minor": 5}
        """#

    private func document(_ text: String = notebook) throws -> NotebookDocument {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-\(UUID().uuidString).ipynb")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try NotebookDocument(contentsOf: file)
    }

    @Test("an unchanged notebook is written as JSONSerialization wrote it, unknown metadata and all")
    func roundTrip() throws {
        let foundation = try JSONSerialization.data(
            withJSONObject: JSONSerialization.jsonObject(with: Data(Self.notebook.utf8)),
            options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        #expect(try document().serialized() == foundation + Data("\n".utf8))
    }

    @Test("injected parameters go after the parameters cell; other cells keep their fields")
    func injection() throws {
        var document = try document()
        let warnings = try NotebookRunner.inject(NotebookParameters(arguments: ["steps=3"]), into: &document)
        #expect(warnings.isEmpty)
        let cells = document.cells
        #expect(cells.map { $0.fields["id"]?.stringValue } == ["m", "p", "injected-parameters"])
        #expect(cells[2].tags == ["injected-parameters"] && cells[2].isCode)
        #expect(cells[2].fields["execution_count"] == .null)
        #expect(cells[2].source == "// Parameters injected by swift-margin run\nlet steps: Int = 3")
        #expect(cells[0].fields["metadata"]?["ExecuteTime"]?["end"] == "2024/01/02")
        #expect(cells[0].source == "# Title\ntext")
        #expect(document.declaredParameters?.map(\.name) == ["steps"])
    }

    @Test("outputs: streams merge, a display is updated in place, results keep an integer execution count")
    func outputs() throws {
        let outputs = NotebookOutputs()
        outputs.standardOutput("a")
        outputs.standardOutput("b")
        outputs.display(DisplayBundle(plainText: "first"), displayID: "d", update: false)
        outputs.standardError("e")
        outputs.display(DisplayBundle(plainText: "second", metadataJSON: #"{"image/png": {"width": 10}}"#), displayID: "d", update: true)
        outputs.appendResult(DisplayBundle(plainText: "42"), executionCount: 3)
        outputs.appendError(CellFailure(name: "E", message: "boom"))
        var cell = NotebookCell(fields: ["cell_type": "code"])
        cell.setOutputs(outputs.outputs, executionCount: 3)
        #expect(cell.fields["execution_count"] == .int(3))
        #expect(cell.fields["outputs"] == [
            ["output_type": "stream", "name": "stdout", "text": "ab"],
            ["output_type": "display_data", "data": ["text/plain": "second"], "metadata": ["image/png": ["width": 10]]],
            ["output_type": "stream", "name": "stderr", "text": "e"],
            ["output_type": "execute_result", "execution_count": 3, "data": ["text/plain": "42"], "metadata": [:]],
            .object(["output_type": "error", "ename": "E", "evalue": "boom", "traceback": .array(CellFailure(name: "E", message: "boom").traceback.map(JSONValue.string))]),
        ])
    }

    @Test("a file that is not an nbformat 4 notebook is refused, naming what is wrong")
    func refused() {
        #expect(throws: NotebookError.self) { try document(#"{"nbformat": 3, "cells": []}"#) }
        #expect(throws: NotebookError.self) { try document(#"{"nbformat": 4, "cells": [1]}"#) }
        #expect(throws: NotebookError.self) { try document("[]") }
    }
}

import DynamicJSON
import Foundation
import NotebookDisplay
import Testing
@testable import NotebookRunner

@Suite("WidgetStateRecord: the widgets a headless run left open, in nbformat's metadata.widgets")
struct WidgetStateRecordTests {
    private let sliderState: JSONValue = [
        "_model_name": "FloatSliderModel", "_model_module": "@jupyter-widgets/controls",
        "_model_module_version": "2.0.0", "value": 1.5, "description": "gamma",
    ]

    @Test("an opened widget, then updated: its latest state under its model id, with its model's name and module")
    func openedAndUpdated() {
        let record = WidgetStateRecord()
        record.follow(.open(commID: "m1", targetName: "jupyter.widget", data: ["state": sliderState, "buffer_paths": []],
                            metadata: ["version": "2.1.0"], buffers: []))
        record.follow(.message(commID: "m1", data: ["method": "update", "state": ["value": 3.0], "buffer_paths": []], buffers: []))
        record.follow(.message(commID: "m1", data: ["method": "custom", "content": ["event": "click"]], buffers: []))
        let expected: JSONValue = ["application/vnd.jupyter.widget-state+json": [
            "version_major": 2, "version_minor": 0,
            "state": ["m1": [
                "model_name": "FloatSliderModel", "model_module": "@jupyter-widgets/controls", "model_module_version": "2.0.0",
                "state": [
                    "_model_name": "FloatSliderModel", "_model_module": "@jupyter-widgets/controls",
                    "_model_module_version": "2.0.0", "value": 3.0, "description": "gamma",
                ],
            ]],
        ]]
        #expect(record.notebookMetadata == expected)
    }

    @Test("a closed widget and other comm targets leave nothing; none open is no metadata")
    func closedAndOthers() {
        let record = WidgetStateRecord()
        record.follow(.open(commID: "m1", targetName: "jupyter.widget", data: ["state": sliderState], metadata: [:], buffers: []))
        record.follow(.open(commID: "c1", targetName: "test.echo", data: ["state": ["x": 1]], metadata: [:], buffers: []))
        record.follow(.close(commID: "m1", data: [:]))
        #expect(record.notebookMetadata == nil)
    }

    @Test("binary buffers are saved base64-encoded with their paths into the state")
    func buffers() {
        let record = WidgetStateRecord()
        let png = Data([0x89, 0x50, 0x4e, 0x47])
        record.follow(.open(commID: "i1", targetName: "jupyter.widget",
                            data: ["state": ["_model_name": "ImageModel"], "buffer_paths": [["value"]]],
                            metadata: [:], buffers: [png]))
        let saved = record.notebookMetadata?["application/vnd.jupyter.widget-state+json"]?["state"]?["i1"]?["buffers"]
        #expect(saved == [["path": ["value"], "encoding": "base64", "data": "iVBORw=="]])
    }
}

import DynamicJSON
import Foundation
import NotebookDisplay
import Testing

@testable import Widgets

/// One serialized suite: the comm sink and the display destination are process-wide.
@Suite("Widgets: the Jupyter widget protocol over CommRouter", .serialized)
struct WidgetsTests {
    let recorder = CommRecorder()

    /// The state a widget opened with.
    private func openedState(_ widget: Widget) -> JSONObject {
        recorder.open(of: widget.modelID)?.data["state"]?.objectValue ?? [:]
    }

    /// An "update" from the front end on `widget`'s comm.
    private func frontEndUpdate(_ widget: Widget, _ state: JSONValue, bufferPaths: JSONValue = [], buffers: [Data] = []) {
        let delivered = CommRouter.deliver(.message(
            commID: widget.modelID, data: ["method": "update", "state": state, "buffer_paths": bufferPaths], buffers: buffers))
        #expect(delivered)
    }

    @Test("a FloatSlider opens a jupyter.widget comm, version 2.1.0, with every key of FloatSliderModel at the schema's defaults")
    func floatSliderOpen() throws {
        let slider = FloatSlider()
        let open = try #require(recorder.open(of: slider.modelID))
        #expect(open.target == "jupyter.widget")
        #expect(open.metadata == ["version": "2.1.0"])
        #expect(open.data["buffer_paths"] == [])
        #expect(slider.modelID.count == 32 && slider.modelID.allSatisfy(\.isHexDigit))
        let state = openedState(slider)
        #expect(Set(state.keys) == schemaKeys["FloatSliderModel"])
        // The schema's defaults (jupyterwidgetmodels.latest.md, FloatSliderModel).
        let defaults: JSONObject = [
            "_dom_classes": [], "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
            "_model_name": "FloatSliderModel", "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
            "_view_name": "FloatSliderView", "behavior": "drag-tap", "continuous_update": true, "description": "",
            "description_allow_html": false, "disabled": false, "orientation": "horizontal", "readout": true,
            "readout_format": ".2f", "tabbable": nil, "tooltip": nil,
        ]
        for (key, value) in defaults { #expect(state[key] == value, "\(key)") }
        #expect(state["value"]?.doubleValue == 0.0)
        #expect(state["min"]?.doubleValue == 0.0)
        #expect(state["max"]?.doubleValue == 100.0)
        #expect(state["step"]?.doubleValue == 0.1)
    }

    @Test("layout and style are widgets of their own, opened before the control that refers to them")
    func layoutAndStyle() throws {
        let slider = FloatSlider()
        let state = openedState(slider)
        let layoutID = try #require(state["layout"]?.stringValue?.replacingOccurrences(of: "IPY_MODEL_", with: ""))
        let styleID = try #require(state["style"]?.stringValue?.replacingOccurrences(of: "IPY_MODEL_", with: ""))
        let order = recorder.opens.map(\.id)
        #expect(order.firstIndex(of: layoutID)! < order.firstIndex(of: slider.modelID)!)
        #expect(order.firstIndex(of: styleID)! < order.firstIndex(of: slider.modelID)!)
        let layout = try #require(recorder.open(of: layoutID)?.data["state"]?.objectValue)
        #expect(Set(layout.keys) == schemaKeys["LayoutModel"])
        #expect(layout["_model_name"] == "LayoutModel" && layout["_model_module"] == "@jupyter-widgets/base")
        #expect(layout["width"] == .null)
        let style = try #require(recorder.open(of: styleID)?.data["state"]?.objectValue)
        #expect(Set(style.keys) == schemaKeys["SliderStyleModel"])
        #expect(style["_view_name"] == "StyleView" && style["_view_module"] == "@jupyter-widgets/base")
        #expect(style["description_width"] == "")
    }

    @Test("every control opens with exactly its model's keys, and its style with its style model's")
    func everyModelsKeys() throws {
        let widgets: [(Widget, String, String?)] = [
            (IntSlider(), "IntSliderModel", "SliderStyleModel"),
            (Checkbox(), "CheckboxModel", "CheckboxStyleModel"),
            (Dropdown(options: ["a", "b"]), "DropdownModel", "DescriptionStyleModel"),
            (ToggleButtons(options: ["a", "b"]), "ToggleButtonsModel", "ToggleButtonsStyleModel"),
            (Button(), "ButtonModel", "ButtonStyleModel"),
            (Label("x"), "LabelModel", "LabelStyleModel"),
            (HTMLText("<b>x</b>"), "HTMLModel", "HTMLStyleModel"),
            (Output(), "OutputModel", nil),
            (HBox([]), "HBoxModel", nil),
            (VBox([]), "VBoxModel", nil),
        ]
        for (widget, modelName, styleName) in widgets {
            let state = openedState(widget)
            #expect(state["_model_name"]?.stringValue == modelName)
            #expect(Set(state.keys) == schemaKeys[modelName], "\(modelName)")
            if let styleName {
                let styleID = try #require(state["style"]?.stringValue?.replacingOccurrences(of: "IPY_MODEL_", with: ""))
                let style = try #require(recorder.open(of: styleID)?.data["state"]?.objectValue)
                #expect(style["_model_name"]?.stringValue == styleName)
                #expect(Set(style.keys) == schemaKeys[styleName], "\(styleName)")
            }
        }
        let output = openedState(widgets[7].0)
        #expect(output["_model_module"] == "@jupyter-widgets/output" && output["_model_module_version"] == "1.0.0")
        #expect(output["_view_name"] == "OutputView")
    }

    @Test("the display bundle is a widget view (model id, version 2.1) with a text/plain fallback")
    func displayBundle() throws {
        let slider = FloatSlider(value: 0.5, range: 0...10, step: 0.1, description: "gamma")
        let bundle = slider.displayBundle
        let view = try JSONValue(parsing: Data(try #require(bundle.data["application/vnd.jupyter.widget-view+json"]).utf8))
        #expect(view == ["model_id": .string(slider.modelID), "version_major": 2, "version_minor": 1])
        #expect(bundle.data["text/plain"] == "FloatSlider(value=0.5, min=0.0, max=10.0, step=0.1, description='gamma')")
    }

    @Test("an update from the front end changes the value, is echoed first, then calls onChange")
    func frontEndUpdate() throws {
        let slider = FloatSlider(value: 1, range: 0...10)
        var seen: [Double] = []
        var echoedBeforeCallback = false
        slider.onChange { value in
            seen.append(value)
            echoedBeforeCallback = self.recorder.messages(on: slider.modelID).contains { $0.data["method"] == "echo_update" }
        }
        recorder.reset()
        frontEndUpdate(slider, ["value": 3.5])
        #expect(slider.value == 3.5)
        #expect(seen == [3.5])
        #expect(echoedBeforeCallback)
        let messages = recorder.messages(on: slider.modelID)
        #expect(messages.count == 1)
        #expect(messages.first?.data == ["method": "echo_update", "state": ["value": 3.5], "buffer_paths": []])
        // An integral number from the front end is still a Double value.
        frontEndUpdate(slider, ["value": 4])
        #expect(slider.value == 4.0 && seen == [3.5, 4.0])
    }

    @Test("a value set from Swift sends an update with the changed key only, and calls onChange")
    func swiftSetter() {
        let slider = IntSlider(value: 1, range: 0...10)
        var seen: [Int] = []
        slider.onChange { seen.append($0) }
        recorder.reset()
        slider.value = 3
        slider.value = 3  // unchanged: nothing sent
        #expect(recorder.messages(on: slider.modelID).map(\.data) == [["method": "update", "state": ["value": 3], "buffer_paths": []]])
        #expect(seen == [3])
    }

    @Test("request_state is answered by an update with the full state")
    func requestState() throws {
        let checkbox = Checkbox(value: true, description: "augment")
        recorder.reset()
        CommRouter.deliver(.message(commID: checkbox.modelID, data: ["method": "request_state"], buffers: []))
        let reply = try #require(recorder.messages(on: checkbox.modelID).first)
        #expect(reply.data["method"] == "update")
        let state = try #require(reply.data["state"]?.objectValue)
        #expect(Set(state.keys) == schemaKeys["CheckboxModel"])
        #expect(state["value"] == true && state["description"] == "augment")
    }

    @Test("an Image's bytes travel as a buffer with buffer_paths, not in the JSON state")
    func imageBuffers() throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
        let image = Image(png: png, width: "64")
        let open = try #require(recorder.open(of: image.modelID))
        #expect(open.data["buffer_paths"] == [["value"]])
        #expect(open.buffers == [png])
        let state = try #require(open.data["state"]?.objectValue)
        // Every key of ImageModel except the byte-valued one, which is the buffer.
        #expect(Set(state.keys) == schemaKeys["ImageModel"]!.subtracting(["value"]))
        #expect(state["format"] == "png" && state["width"] == "64" && state["height"] == "")

        recorder.reset()
        let next = Data([9, 8, 7])
        image.setImage(next)
        let update = try #require(recorder.messages(on: image.modelID).first)
        #expect(update.data == ["method": "update", "state": [:], "buffer_paths": [["value"]]])
        #expect(update.buffers == [next])

        // From the front end, buffers are put back at their paths.
        frontEndUpdate(image, [:], bufferPaths: [["value"]], buffers: [png])
        #expect(image.data == png)
    }

    @Test("the control comm answers request_states with update_states listing every live widget, buffers included")
    func controlComm() throws {
        Widgets.closeAll()
        Widgets.register()
        let slider = FloatSlider(value: 2)
        let image = Image(png: Data([1, 2, 3]))
        recorder.reset()
        #expect(CommRouter.deliver(.open(commID: "control-1", targetName: "jupyter.widget.control", data: [:], metadata: ["version": "1.0"], buffers: [])))
        #expect(CommRouter.deliver(.message(commID: "control-1", data: ["method": "request_states"], buffers: [])))
        let reply = try #require(recorder.messages(on: "control-1").first)
        #expect(reply.data["method"] == "update_states")
        let states = try #require(reply.data["states"]?.objectValue)
        // The slider, the image, and their layouts and the slider's style.
        #expect(states.count == 5)
        let sliderEntry = try #require(states[slider.modelID])
        #expect(sliderEntry["model_name"] == "FloatSliderModel")
        #expect(sliderEntry["model_module"] == "@jupyter-widgets/controls")
        #expect(sliderEntry["model_module_version"] == "2.0.0")
        #expect(Set(sliderEntry["state"]?.objectValue?.keys.map { $0 } ?? []) == schemaKeys["FloatSliderModel"])
        #expect(sliderEntry["state"]?["value"]?.doubleValue == 2)
        #expect(states[image.modelID]?["state"]?["value"] == nil)
        #expect(reply.data["buffer_paths"] == [[.string(image.modelID), "state", "value"]])
        #expect(reply.buffers == [Data([1, 2, 3])])
    }

    @Test("a closed widget is no longer live, and its comm is closed")
    func closing() {
        let label = Label("bye")
        #expect(Widgets.widget(modelID: label.modelID) != nil)
        label.close()
        #expect(Widgets.widget(modelID: label.modelID) == nil)
        #expect(recorder.events.contains(.close(commID: label.modelID, data: [:])))
        #expect(!CommRouter.deliver(.message(commID: label.modelID, data: ["method": "request_state"], buffers: [])))
    }

    @Test("a Dropdown's value is its picked label; the front end sends the index")
    func dropdown() {
        let dropdown = Dropdown(options: ["l1", "l2", "linf"], value: "l2")
        #expect(openedState(dropdown)["_options_labels"] == ["l1", "l2", "linf"])
        #expect(openedState(dropdown)["index"] == 1)
        var seen: [String] = []
        dropdown.onChange { seen.append($0) }
        frontEndUpdate(dropdown, ["index": 2])
        #expect(dropdown.value == "linf" && dropdown.index == 2 && seen == ["linf"])
        dropdown.value = "l1"
        #expect(recorder.messages(on: dropdown.modelID).last?.data["state"] == ["index": 0])
    }

    @Test("a button's click (a custom message) calls onClick")
    func buttonClick() {
        let button = Button(description: "Train")
        var clicks = 0
        button.onClick { clicks += 1 }
        CommRouter.deliver(.message(commID: button.modelID, data: ["method": "custom", "content": ["event": "click"]], buffers: []))
        CommRouter.deliver(.message(commID: button.modelID, data: ["method": "custom", "content": ["event": "other"]], buffers: []))
        #expect(clicks == 1)
    }

    @Test("Output shows a value's bundle as a display_data output in its outputs state")
    func output() {
        let output = Output()
        recorder.reset()
        output.show(DisplayBundle(plainText: "hi", ["text/html": "<b>hi</b>"]))
        let sent = recorder.messages(on: output.modelID).first?.data["state"]?["outputs"]
        #expect(sent == [["output_type": "display_data", "data": ["text/plain": "hi", "text/html": "<b>hi</b>"], "metadata": [:]]])
    }

    @Test("Output.capture sets msg_id to the request being run for the body, clears what it holds, and sets it back to empty")
    func outputCapture() throws {
        let output = Output()
        output.show("an earlier run's output")
        recorder.reset()
        CommRouter.currentMessageID = "request-7"
        defer { CommRouter.currentMessageID = "" }
        let seen = output.capture(clear: true) { output.capturingMessageID }
        #expect(seen == "request-7")
        #expect(output.capturingMessageID == "")
        let states = recorder.messages(on: output.modelID).map { $0.data["state"] }
        #expect(states == [["msg_id": "request-7", "outputs": []], ["msg_id": ""]])

        // Thrown errors set it back too; without a request (no front end) nothing is sent.
        struct Failure: Error {}
        #expect(throws: Failure.self) { try output.capture { throw Failure() } }
        #expect(output.capturingMessageID == "")
        CommRouter.currentMessageID = ""
        recorder.reset()
        output.capture { }
        #expect(recorder.messages(on: output.modelID).isEmpty)
    }

    @Test("interact runs the closure once with the defaults, then again on each change, replacing its output")
    func interaction() throws {
        var calls: [(Double, String)] = []
        let interaction = interactive(
            FloatRange("gamma", 0.1...10, step: 0.1, default: 1), Choice("norm", ["l1", "l2", "linf"], default: "l2")
        ) { gamma, norm in
            calls.append((gamma, norm))
            return "gamma=\(gamma) norm=\(norm)"
        }
        #expect(calls.isEmpty)
        interaction.show()
        #expect(calls.count == 1)
        #expect(calls.first?.0 == 1 && calls.first?.1 == "l2")
        #expect(interaction.controls.count == 2)
        let shown = recorder.displayRequests
        #expect(shown.count == 2)
        guard case .show(let boxBundle, nil) = shown[0], case .show(let first, let id?) = shown[1] else {
            Issue.record("expected the box, then the output with a display id: \(shown)")
            return
        }
        #expect(boxBundle.data["application/vnd.jupyter.widget-view+json"]?.contains(interaction.box.modelID) == true)
        #expect(id == interaction.displayID)
        #expect(first.data["text/plain"] == #""gamma=1.0 norm=l2""#)
        // The box holds the two controls and the Output a run after a change captures into;
        // the slider is captioned with its parameter's name.
        #expect(openedState(interaction.box)["children"] == .array((interaction.controls + [interaction.messages]).map(\.reference)))
        #expect(openedState(interaction.controls[0])["description"] == "gamma")

        frontEndUpdate(interaction.controls[1], ["index": 2])
        #expect(calls.count == 2)
        #expect(calls.last?.0 == 1 && calls.last?.1 == "linf")
        guard case .update(let second, let updatedID) = recorder.displayRequests.last else {
            Issue.record("expected an update of the output")
            return
        }
        #expect(updatedID == id)
        #expect(second.data["text/plain"] == #""gamma=1.0 norm=linf""#)
        frontEndUpdate(interaction.controls[0], ["value": 2.5])
        #expect(calls.last?.0 == 2.5 && calls.last?.1 == "linf")
        #expect(interaction.runCount == 3)

        // A run after a change captures into the Output under the controls: msg_id is the
        // change's request while the closure runs, then empty again.
        CommRouter.currentMessageID = "change-1"
        defer { CommRouter.currentMessageID = "" }
        recorder.reset()
        frontEndUpdate(interaction.controls[0], ["value": 3.5])
        let msgIDs = recorder.messages(on: interaction.messages.modelID).compactMap { $0.data["state"]?["msg_id"] }
        #expect(msgIDs == ["change-1", ""])
        #expect(interaction.runCount == 4)
    }

    @Test("interact shows the controls and the closure's first result at once; a Void result shows as empty text")
    func interactShows() throws {
        var runs: [(Int, Bool)] = []
        interact(IntRange("epochs", 1...50, default: 10), Toggle("augment", default: true)) { epochs, augment in
            runs.append((epochs, augment))
        }
        #expect(runs.count == 1 && runs[0].0 == 10 && runs[0].1 == true)
        let shown = recorder.displayRequests
        #expect(shown.count == 2)
        if case .show(let result, let id) = shown.last {
            #expect(id != nil && result.data["text/plain"] == "")
        } else {
            Issue.record("expected the output: \(shown)")
        }
    }
}

"""Jupyter widgets (ipywidgets 8's protocol 2.1.0) from Swift cells, through jupyter_client,
nbclient and `swift-margin run`.

The front end's side is played by hand here, message by message, as JupyterLab's widget
manager sends them; Tests/browser checks the real JupyterLab.
"""

from __future__ import annotations

import json
import subprocess

import nbformat
from nbclient import NotebookClient

import kernel_helpers as kh
from test_comms import comm_info, send_comm_msg, send_shell

VIEW = "application/vnd.jupyter.widget-view+json"
STATE = "application/vnd.jupyter.widget-state+json"

SLIDER_CELL = r'''
let gamma = FloatSlider(value: 1, range: 0.1...10, step: 0.1, description: "gamma")
gamma.onChange { print("gamma is", $0) }
display(gamma)
'''

INTERACT_CELL = r'''
interact(FloatRange("x", 0...10, step: 1, default: 2)) { x in "ten times x is \(x * 10)" }
'''


def widget_opens(iopub: list[dict]) -> list[dict]:
    return [m for m in iopub if m["msg_type"] == "comm_open" and m["content"]["target_name"] == "jupyter.widget"]


def shown_model_ids(iopub: list[dict]) -> list[str]:
    return [m["content"]["data"][VIEW]["model_id"] for m in iopub
            if m["msg_type"] == "display_data" and VIEW in m["content"]["data"]]


def test_a_slider_opens_its_models_before_its_view_and_follows_the_front_end(fresh_kernel):
    _, kc = fresh_kernel
    ex = kh.run_ok(kc, SLIDER_CELL)
    opens = widget_opens(ex.iopub)
    names = [m["content"]["data"]["state"]["_model_name"] for m in opens]
    assert names == ["LayoutModel", "SliderStyleModel", "FloatSliderModel"], names
    assert all(m["metadata"] == {"version": "2.1.0"} for m in opens)
    slider_id = opens[-1]["content"]["comm_id"]
    assert shown_model_ids(ex.iopub) == [slider_id]
    types = [m["msg_type"] for m in ex.iopub]
    assert max(i for i, t in enumerate(types) if t == "comm_open") < types.index("display_data")
    assert set(comm_info(kc, "jupyter.widget")) == {m["content"]["comm_id"] for m in opens}

    # A front end's update: busy, echo_update, the callback's output, idle, all parented to it.
    msg_id = send_comm_msg(kc, slider_id, {"method": "update", "state": {"value": 3.5}, "buffer_paths": []})
    messages = kh.collect_iopub(kc, msg_id)
    kinds = [(m["msg_type"], m["content"].get("data", {}).get("method") or m["content"].get("name")
              or m["content"].get("execution_state")) for m in messages]
    assert kinds == [("status", "busy"), ("comm_msg", "echo_update"), ("stream", "stdout"), ("status", "idle")], kinds
    assert messages[1]["content"]["data"]["state"] == {"value": 3.5}
    assert messages[2]["content"]["text"] == "gamma is 3.5\n"
    # A later cell reads the new value.
    assert kh.value_of(kc, "gamma.value") == "3.5"


def test_a_reloaded_page_gets_every_widget_back_through_the_control_comm(fresh_kernel):
    _, kc = fresh_kernel
    ex = kh.run_ok(kc, SLIDER_CELL)
    slider_id = widget_opens(ex.iopub)[-1]["content"]["comm_id"]
    kh.run_ok(kc, "gamma.value = 7")
    send_shell(kc, "comm_open", {"comm_id": "control-1", "target_name": "jupyter.widget.control", "data": {}})
    msg_id = send_comm_msg(kc, "control-1", {"method": "request_states"})
    answers = [m for m in kh.collect_iopub(kc, msg_id) if m["msg_type"] == "comm_msg"]
    assert len(answers) == 1
    data = answers[0]["content"]["data"]
    assert data["method"] == "update_states"
    assert data["states"][slider_id]["model_name"] == "FloatSliderModel"
    assert data["states"][slider_id]["state"]["value"] == 7
    assert len(data["states"]) == 3  # the slider, its layout and its style


def test_interact_shows_its_output_at_the_defaults_and_replaces_it_on_a_change(fresh_kernel):
    _, kc = fresh_kernel
    ex = kh.run_ok(kc, INTERACT_CELL)
    # The result: a display with an id, a view of the Output widget that holds it, with the
    # result's own forms beside it for renderers without widgets.
    outputs = [m for m in ex.iopub if m["msg_type"] == "display_data" and m["content"]["transient"].get("display_id")]
    # A String result shows as Swift prints a string value: quoted.
    assert [m["content"]["data"]["text/plain"] for m in outputs] == ['"ten times x is 20.0"'], outputs
    result_id = outputs[0]["content"]["data"][VIEW]["model_id"]
    result_open = next(m for m in widget_opens(ex.iopub) if m["content"]["comm_id"] == result_id)
    assert result_open["content"]["data"]["state"]["_model_name"] == "OutputModel"
    result_states = [m["content"]["data"]["state"] for m in ex.iopub if m["msg_type"] == "comm_msg"
                     and m["content"]["comm_id"] == result_id]
    assert result_states[-1]["outputs"][0]["data"]["text/plain"] == '"ten times x is 20.0"'
    display_id = outputs[0]["content"]["transient"]["display_id"]
    slider = next(m for m in widget_opens(ex.iopub) if m["content"]["data"]["state"]["_model_name"] == "FloatSliderModel")
    msg_id = send_comm_msg(kc, slider["content"]["comm_id"], {"method": "update", "state": {"value": 3}, "buffer_paths": []})
    updates = [m for m in kh.collect_iopub(kc, msg_id) if m["msg_type"] == "update_display_data"]
    assert len(updates) == 1
    assert updates[0]["content"]["transient"]["display_id"] == display_id
    assert "ten times x is 30.0" in updates[0]["content"]["data"]["text/plain"]
    assert updates[0]["content"]["data"][VIEW]["model_id"] == result_id


CAPTURE_CELL = r'''
interact(IntRange("n", 0...10, default: 1)) { n -> String in
    print("drawing", n)
    if n == 7 { fatalError("seven is not allowed") }
    return "n is \(n)"
}
'''


def output_widget_id(iopub: list[dict]) -> str:
    return next(m["content"]["comm_id"] for m in widget_opens(iopub)
                if m["content"]["data"]["state"]["_model_name"] == "OutputModel")


def msg_id_states(messages: list[dict], comm_id: str) -> list[str]:
    """The msg_id values the kernel set on the Output widget `comm_id`, in order."""
    return [m["content"]["data"]["state"]["msg_id"] for m in messages
            if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == comm_id
            and m["content"]["data"].get("method") == "update" and "msg_id" in m["content"]["data"]["state"]]


def test_interact_captures_a_change_into_its_output_widget_and_a_trap_stays_captured(fresh_kernel):
    """As ipywidgets' interact: around the closure the Output widget under the controls gets the
    change's msg_id (JupyterLab then draws that request's streams and errors in it) and ""
    after; a closure that traps leaves it set until the kernel has written the trap's error,
    parented to the same comm_msg, so the error shows in the widget."""
    _, kc = fresh_kernel
    ex = kh.run_ok(kc, CAPTURE_CELL)
    output_id = output_widget_id(ex.iopub)
    box = next(m for m in widget_opens(ex.iopub) if m["content"]["data"]["state"]["_model_name"] == "VBoxModel")
    assert box["content"]["data"]["state"]["children"][-1] == "IPY_MODEL_" + output_id
    slider_id = next(m["content"]["comm_id"] for m in widget_opens(ex.iopub)
                     if m["content"]["data"]["state"]["_model_name"] == "IntSliderModel")

    msg_id = send_comm_msg(kc, slider_id, {"method": "update", "state": {"value": 3}, "buffer_paths": []})
    messages = kh.collect_iopub(kc, msg_id)
    assert msg_id_states(messages, output_id) == [msg_id, ""]
    kinds = [m["msg_type"] for m in messages]
    capture_start = next(i for i, m in enumerate(messages) if m["msg_type"] == "comm_msg"
                         and m["content"]["comm_id"] == output_id)
    # The print and the new result come while the widget captures.
    assert capture_start < kinds.index("stream") < kinds.index("update_display_data"), kinds
    assert next(m for m in messages if m["msg_type"] == "stream")["content"]["text"] == "drawing 3\n"

    trap_id = send_comm_msg(kc, slider_id, {"method": "update", "state": {"value": 7}, "buffer_paths": []})
    messages = kh.collect_iopub(kc, trap_id)
    # The closure never set it back; the session does, after the error (so the front end,
    # which captures the error, also stops capturing before the idle status).
    assert msg_id_states(messages, output_id) == [trap_id, ""]
    errors = [i for i, m in enumerate(messages) if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"
              and "seven is not allowed" in m["content"]["text"]]
    resets = [i for i, m in enumerate(messages) if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == output_id
              and m["content"]["data"]["state"].get("msg_id") == ""]
    assert errors and resets and errors[-1] < resets[0] < len(messages) - 1, [m["msg_type"] for m in messages]

    # The session is as before the trap; the next change captures under its own id.
    next_id = send_comm_msg(kc, slider_id, {"method": "update", "state": {"value": 4}, "buffer_paths": []})
    messages = kh.collect_iopub(kc, next_id)
    assert msg_id_states(messages, output_id) == [next_id, ""]
    assert any("n is 4" in m["content"]["data"]["text/plain"] for m in messages if m["msg_type"] == "update_display_data")


def test_headless_runs_save_the_widget_state_and_views(tmp_path, kernelspec_prefix):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "swift-margin", "display_name": "Swift (margins)", "language": "swift"}
    notebook.cells = [nbformat.v4.new_code_cell(SLIDER_CELL), nbformat.v4.new_code_cell(INTERACT_CELL)]
    source = tmp_path / "widgets.ipynb"
    nbformat.write(notebook, str(source))

    # swift-margin run
    result = subprocess.run([str(kh.executable()), "run", str(source), "-o", str(tmp_path / "run.ipynb"), "-q"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    # nbclient, which records the widget state from the comm messages itself
    executed = nbformat.read(str(source), as_version=4)
    NotebookClient(executed, kernel_name=kh.KERNEL_NAME, timeout=120, startup_timeout=60).execute()

    for run in (json.loads((tmp_path / "run.ipynb").read_text()), executed):
        nbformat.validate(nbformat.from_dict(run))
        state = run["metadata"]["widgets"][STATE]
        assert (state["version_major"], state["version_minor"]) == (2, 0)
        names = sorted(model["model_name"] for model in state["state"].values())
        assert names.count("FloatSliderModel") == 2 and "VBoxModel" in names, names
        first_outputs = run["cells"][0]["outputs"]
        view = next(o["data"][VIEW] for o in first_outputs if VIEW in o.get("data", {}))
        assert isinstance(view, dict) and view["model_id"] in state["state"]
        texts = [o["data"].get("text/plain", "") for o in run["cells"][1]["outputs"] if "data" in o]
        assert any("ten times x is 20.0" in (t if isinstance(t, str) else "".join(t)) for t in texts), texts

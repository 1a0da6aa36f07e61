"""Headless, reproducible notebook runs: `swift-margin run`, `jupyter nbconvert --execute`,
and papermill with the project's Swift translator (python/papermill-swift)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import kernel_helpers as kh

VENV_BIN = Path(sys.executable).parent


def make_notebook(path: Path, cells: list[tuple[str, str, list[str]]]) -> Path:
    """Writes a notebook of (kind, source, tags) cells."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "swift-margin", "display_name": "Swift (margins)", "language": "swift"}
    for kind, source, tags in cells:
        cell = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
        if tags:
            cell.metadata["tags"] = tags
        notebook.cells.append(cell)
    nbformat.write(notebook, str(path))
    return path


PARAMETERIZED = [
    ("markdown", "# A parameterized notebook", []),
    ("code", "let steps = 10\nlet name = \"moons\"\nlet rate: Float = 0.5", ["parameters"]),
    ("code", "print(\"\\(name): \\(steps) steps at \\(rate)\")", []),
    ("code", "var g = SeededGenerator(seed: 7)\nlet noise = Tensor<Float>(randomNormal: [3], using: &g)\nprint(noise)", []),
    ("code", "steps * 2", []),
]


def outputs_text(notebook: dict) -> list[str]:
    """Every text output of every code cell, in order."""
    texts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                texts.append(output["text"] if isinstance(output["text"], str) else "".join(output["text"]))
            elif "data" in output:
                plain = output["data"].get("text/plain", "")
                texts.append(plain if isinstance(plain, str) else "".join(plain))
            elif output["output_type"] == "error":
                texts.append(output["ename"] + ": " + output["evalue"])
    return texts


def run_command(*arguments: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(kh.executable()), *arguments], capture_output=True, text=True, timeout=timeout)


def test_run_writes_outputs_and_injects_parameters(tmp_path):
    source = make_notebook(tmp_path / "p.ipynb", PARAMETERIZED)
    executed = tmp_path / "out.ipynb"
    completed = run_command("run", str(source), "-o", str(executed), "-p", "steps=3", "-p", "name=circles", "-p", "rate=0.25")
    assert completed.returncode == 0, completed.stderr
    notebook = json.loads(executed.read_text())
    injected = [c for c in notebook["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1
    # The declared type of `rate` (Float) is kept; the string is quoted.
    assert "let rate: Float = 0.25" in injected[0]["source"]
    assert 'let name: String = "circles"' in injected[0]["source"]
    texts = outputs_text(notebook)
    assert texts[0] == "circles: 3 steps at 0.25\n"
    assert texts[-1] == "6"
    counts = [c["execution_count"] for c in notebook["cells"] if c["cell_type"] == "code"]
    assert counts == [1, 2, 3, 4, 5]
    # The input notebook is untouched when -o is given.
    assert "injected-parameters" not in source.read_text()


def test_run_is_reproducible_byte_for_byte(tmp_path):
    source = make_notebook(tmp_path / "p.ipynb", PARAMETERIZED)
    first, second = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    assert run_command("run", str(source), "-o", str(first), "-q").returncode == 0
    assert run_command("run", str(source), "-o", str(second), "-q").returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_run_with_widgets_is_reproducible_byte_for_byte(tmp_path):
    """Widget model ids are stored in the outputs and in metadata.widgets: the same notebook
    must give the same ids, and a cell that failed must not hand its ids out again."""
    source = make_notebook(tmp_path / "w.ipynb", [
        ("code", "let slider = FloatSlider(value: 0.5, range: 0...1, description: \"gamma\")\nslider", []),
        ("code", "let lost = IntSlider(value: 1, range: 0...3)\nlet crash: [Int] = []\nprint(crash[1])", []),
        ("code", "interact(FloatRange(\"x\", 0...4, step: 1, default: 2)) { x in x * 2 }", []),
    ])
    first, second = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    assert run_command("run", str(source), "-o", str(first), "-q", "--allow-errors").returncode == 1
    assert run_command("run", str(source), "-o", str(second), "-q", "--allow-errors").returncode == 1
    assert first.read_bytes() == second.read_bytes()
    notebook = json.loads(first.read_text())
    views = [output["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
             for cell in notebook["cells"] for output in cell.get("outputs", [])
             if "application/vnd.jupyter.widget-view+json" in output.get("data", {})]
    state = notebook["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert len(views) >= 2 and len(set(views)) == len(views) and all(view in state for view in views)


def test_run_stops_at_a_failing_cell_with_a_non_zero_exit(tmp_path):
    source = make_notebook(tmp_path / "f.ipynb", [
        ("code", "let a = 1", []),
        ("code", "let b: Int = \"not a number\"", []),
        ("code", "print(\"after\")", []),
    ])
    executed = tmp_path / "f.out.ipynb"
    completed = run_command("run", str(source))
    assert completed.returncode == 1
    assert "cell 2 failed: CompileError" in completed.stderr
    notebook = json.loads(executed.read_text())
    assert notebook["cells"][1]["outputs"][0]["output_type"] == "error"
    assert notebook["cells"][2]["outputs"] == [] and notebook["cells"][2]["execution_count"] is None

    continued = run_command("run", str(source), "--allow-errors")
    assert continued.returncode == 1
    notebook = json.loads(executed.read_text())
    assert outputs_text(notebook)[-1] == "after\n"


def test_run_writes_beside_the_input_unless_told_otherwise(tmp_path):
    # Without -o the executed notebook is NAME.out.ipynb beside NAME.ipynb; the input stays
    # as it was. --in-place writes over the input; -o still names the output.
    source = make_notebook(tmp_path / "b.ipynb", [("code", "let x = 40\nx + 2", [])])
    original = source.read_bytes()
    completed = run_command("run", str(source), "-q")
    assert completed.returncode == 0, completed.stderr
    assert source.read_bytes() == original
    executed = tmp_path / "b.out.ipynb"
    assert outputs_text(json.loads(executed.read_text())) == ["42"]
    assert str(executed) in completed.stdout

    in_place = run_command("run", str(source), "-q", "--in-place")
    assert in_place.returncode == 0, in_place.stderr
    assert outputs_text(json.loads(source.read_text())) == ["42"]

    both = run_command("run", str(source), "--in-place", "-o", str(tmp_path / "x.ipynb"))
    assert both.returncode != 0 and "--in-place" in both.stderr
    assert not (tmp_path / "x.ipynb").exists()


def test_run_warns_about_a_parameter_the_notebook_does_not_declare(tmp_path):
    # Like papermill's "Passed unknown parameter", naming the notebook's parameters; the
    # value is injected all the same.
    source = make_notebook(tmp_path / "p.ipynb", PARAMETERIZED)
    executed = tmp_path / "out.ipynb"
    completed = run_command("run", str(source), "-o", str(executed), "-q", "-p", "stepz=3")
    assert completed.returncode == 0, completed.stderr
    warnings = [line for line in completed.stderr.splitlines() if "stepz" in line]
    assert len(warnings) == 1, completed.stderr
    assert "unknown parameter" in warnings[0] and "did you mean steps?" in warnings[0]
    assert "steps, name, rate" in warnings[0]
    # A declared parameter is not warned about.
    quiet = run_command("run", str(source), "-o", str(executed), "-q", "-p", "steps=3")
    assert quiet.returncode == 0 and "warning" not in quiet.stderr, quiet.stderr


TYPED_PARAMETERS = [
    ("code", "let steps = 10_000          // training steps\n"
             "let ratio = 0.5             // a Double: its default is a floating-point literal\n"
             "let quick = false\n"
             "let label = \"moons\"       // a String\n"
             "var rate: Float = 0.1", ["parameters"]),
    ("code", "print(type(of: steps), type(of: ratio), type(of: quick), type(of: label), type(of: rate))\n"
             "print(steps, ratio, quick, label, rate)", []),
]


def test_run_gives_each_value_its_parameters_type(tmp_path):
    # `let ratio = 0.5` is a Double, so -p ratio=3 is the Double 3.0 (not the Int 3); a
    # String parameter takes a value that looks like a number as text.
    source = make_notebook(tmp_path / "t.ipynb", TYPED_PARAMETERS)
    executed = tmp_path / "t-out.ipynb"
    completed = run_command("run", str(source), "-o", str(executed), "-q",
                            "-p", "steps=+2_000", "-p", "ratio=3", "-p", "quick=TRUE", "-p", "label=42", "-p", "rate=1e-3")
    assert completed.returncode == 0, completed.stderr
    assert outputs_text(json.loads(executed.read_text())) == ["Int Double Bool String Float\n2000 3.0 true 42 0.001\n"]


@pytest.mark.parametrize("argument, expected", [
    ("steps=abc", "parameter steps is an Int"),
    ("steps=0.5", "parameter steps is an Int"),
    ("steps=99999999999999999999", "out of Int's range"),
    ("ratio=fast", "parameter ratio is a Double"),
    ("quick=yes", "parameter quick is a Bool"),
    ("rate=x", "parameter rate is a Float"),
])
def test_run_rejects_a_value_not_of_its_parameters_type_at_once(tmp_path, argument, expected):
    # Before any cell runs (no notebook is written), naming the parameter and the value.
    source = make_notebook(tmp_path / "t.ipynb", TYPED_PARAMETERS)
    executed = tmp_path / "t-out.ipynb"
    completed = run_command("run", str(source), "-o", str(executed), "-q", "-p", argument, timeout=60)
    assert completed.returncode != 0
    assert expected in completed.stderr, completed.stderr
    assert argument.split("=", 1)[1] in completed.stderr
    assert not re.search(r"cell \d+ failed", completed.stderr) and not executed.exists()


def test_run_refuses_an_output_in_a_missing_folder_before_running(tmp_path):
    # Refused at once, naming the folder, rather than after every cell has run.
    source = make_notebook(tmp_path / "t.ipynb", [("code", "print(\"ran\")", [])])
    missing = tmp_path / "missing" / "t-out.ipynb"
    completed = run_command("run", str(source), "-o", str(missing), timeout=60)
    assert completed.returncode != 0
    assert f"the folder {tmp_path / 'missing'} does not exist" in completed.stderr, completed.stderr
    assert "ran" not in completed.stderr and not missing.parent.exists()


def test_run_rejects_a_file_that_is_not_a_notebook(tmp_path):
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{\"cells\": 3}")
    completed = run_command("run", str(bad))
    assert completed.returncode != 0
    assert "not an nbformat 4 notebook" in completed.stderr


def test_nbconvert_executes_with_the_kernelspec(tmp_path):
    source = make_notebook(tmp_path / "n.ipynb", PARAMETERIZED)
    completed = subprocess.run(
        [str(VENV_BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", str(source),
         "--output", "converted", "--ExecutePreprocessor.kernel_name=swift-margin"],
        capture_output=True, text=True, timeout=300, env=os.environ.copy(),
    )
    assert completed.returncode == 0, completed.stderr
    texts = outputs_text(json.loads((tmp_path / "converted.ipynb").read_text()))
    assert texts[0] == "moons: 10 steps at 0.5\n"
    assert texts[-1] == "20"


def test_papermill_injects_swift_parameters(tmp_path):
    source = make_notebook(tmp_path / "pm.ipynb", PARAMETERIZED[:3] + PARAMETERIZED[4:])
    executed = tmp_path / "pm-out.ipynb"
    completed = subprocess.run(
        [str(VENV_BIN / "papermill"), str(source), str(executed), "-k", "swift-margin",
         "-p", "steps", "4", "-p", "name", "spirals", "-p", "stepz", "1"],
        capture_output=True, text=True, timeout=300, env=os.environ.copy(),
    )
    assert completed.returncode == 0, completed.stderr
    texts = outputs_text(json.loads(executed.read_text()))
    assert "spirals: 4 steps at 0.5\n" in texts
    assert texts[-1] == "8"
    # The translator reads the parameters cell: papermill warns about the undeclared name only.
    assert "does not support parameter introspection" not in completed.stderr
    unknown = [line for line in completed.stderr.splitlines() if "Passed unknown parameter" in line]
    assert len(unknown) == 1 and unknown[0].endswith("stepz"), completed.stderr


def test_papermill_reads_the_swift_parameters_cell(tmp_path):
    # Name, type (written, or inferred from the literal default), default and the trailing
    # comment as help, for papermill.inspect_notebook and `papermill --help-notebook`.
    import papermill

    source = make_notebook(tmp_path / "t.ipynb", TYPED_PARAMETERS)
    parameters = papermill.inspect_notebook(str(source))
    assert parameters == {
        "steps": {"name": "steps", "inferred_type_name": "Int", "default": "10_000", "help": "training steps"},
        "ratio": {"name": "ratio", "inferred_type_name": "Double", "default": "0.5",
                  "help": "a Double: its default is a floating-point literal"},
        "quick": {"name": "quick", "inferred_type_name": "Bool", "default": "false", "help": ""},
        "label": {"name": "label", "inferred_type_name": "String", "default": '"moons"', "help": "a String"},
        "rate": {"name": "rate", "inferred_type_name": "Float", "default": "0.1", "help": ""},
    }
    completed = subprocess.run(
        [str(VENV_BIN / "papermill"), "--help-notebook", str(source)],
        capture_output=True, text=True, timeout=120, env=os.environ.copy(),
    )
    assert completed.returncode == 0, completed.stderr
    assert "steps: Int (default 10_000)" in completed.stdout and "training steps" in completed.stdout
    assert "label: String (default \"moons\")" in completed.stdout
    assert "does not support parameter introspection" not in completed.stderr



def test_run_updates_a_display_shown_by_an_earlier_cell(tmp_path):
    # As nbclient does: display ids are mapped across the whole notebook, so a later cell's
    # updateDisplay replaces the earlier cell's output (a figure that training redraws).
    source = make_notebook(tmp_path / "displays.ipynb", [
        ("code", 'display("first frame", id: "figure")', []),
        ("code", 'updateDisplay("last frame", id: "figure")\nprint("updated")', []),
    ])
    result = run_command("run", str(source), "-o", str(tmp_path / "out.ipynb"), "-q")
    assert result.returncode == 0, result.stderr
    executed = json.loads((tmp_path / "out.ipynb").read_text())
    assert outputs_text(executed) == ['"last frame"', "updated\n"]

"""Headless, reproducible notebook runs: `swift-margin run`, `jupyter nbconvert --execute`,
and papermill with the project's Swift translator (python/papermill-swift)."""

from __future__ import annotations

import json
import os
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
    assert 'let name = "circles"' in injected[0]["source"]
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


def test_run_stops_at_a_failing_cell_with_a_non_zero_exit(tmp_path):
    source = make_notebook(tmp_path / "f.ipynb", [
        ("code", "let a = 1", []),
        ("code", "let b: Int = \"not a number\"", []),
        ("code", "print(\"after\")", []),
    ])
    completed = run_command("run", str(source))
    assert completed.returncode == 1
    assert "cell 2 failed: CompileError" in completed.stderr
    notebook = json.loads(source.read_text())
    assert notebook["cells"][1]["outputs"][0]["output_type"] == "error"
    assert notebook["cells"][2]["outputs"] == [] and notebook["cells"][2]["execution_count"] is None

    continued = run_command("run", str(source), "--allow-errors")
    assert continued.returncode == 1
    notebook = json.loads(source.read_text())
    assert outputs_text(notebook)[-1] == "after\n"


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
         "-p", "steps", "4", "-p", "name", "spirals"],
        capture_output=True, text=True, timeout=300, env=os.environ.copy(),
    )
    assert completed.returncode == 0, completed.stderr
    texts = outputs_text(json.loads(executed.read_text()))
    assert "spirals: 4 steps at 0.5\n" in texts
    assert texts[-1] == "8"

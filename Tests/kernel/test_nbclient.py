"""Running a whole notebook with nbclient (as `jupyter nbconvert --execute` and papermill do)."""

from pathlib import Path

import nbformat
from nbclient import NotebookClient

import kernel_helpers as kh

NOTEBOOK = Path(__file__).parent / "notebooks" / "smoke.ipynb"


def run_notebook():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, kernel_name=kh.KERNEL_NAME, timeout=120, startup_timeout=60,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    return nb


def text_outputs(nb):
    """Per code cell: the outputs reduced to their text (stream text and text/plain)."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        texts = []
        for output in cell.outputs:
            if output.output_type == "stream":
                texts.append((output.output_type, output.name, output.text))
            elif output.output_type in ("execute_result", "display_data"):
                texts.append((output.output_type, output.data.get("text/plain")))
            else:
                texts.append((output.output_type, output.get("ename")))
        cells.append(texts)
    return cells


def test_notebook_runs_and_is_deterministic(kernelspec_prefix):
    first = run_notebook()
    code = [cell for cell in first.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == [1, 2, 3, 4]
    outputs = text_outputs(first)
    assert outputs[0] == [("stream", "stdout", "hello from swift-margin\n")]
    assert outputs[1] == []
    assert outputs[2] == [("execute_result", "110")]
    assert outputs[3] == [("display_data", "shown"), ("execute_result", '"done"')]
    display = code[3].outputs[0]
    assert display.data["text/html"] == "<i>shown</i>"
    assert first.metadata["language_info"]["name"] == "swift"
    second = run_notebook()
    assert text_outputs(second) == outputs

"""The tour notebook (notebooks/01-tour.ipynb), run headlessly twice with quick=true (the debug
build's numerics are slow): byte-identical notebooks and results files, the two-panel figure and
the margin distribution, the models the issue names, and a claim per comparison."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import kernel_helpers as kh

TOUR = kh.REPO_ROOT / "notebooks" / "01-tour.ipynb"
VIEW = "application/vnd.jupyter.widget-view+json"


def run_tour(directory):
    directory.mkdir()
    completed = subprocess.run(
        [str(kh.executable()), "run", str(TOUR), "-o", "01-tour.ipynb", "-q", "-p", "quick=true"],
        capture_output=True, text=True, timeout=900, cwd=directory,
    )
    assert completed.returncode == 0, completed.stderr
    return directory


def test_tour_is_reproducible_and_shows_its_results(tmp_path):
    first = run_tour(tmp_path / "first")
    second = run_tour(tmp_path / "second")
    assert (first / "01-tour.ipynb").read_bytes() == (second / "01-tour.ipynb").read_bytes()
    assert (first / "01-tour.results.json").read_bytes() == (second / "01-tour.results.json").read_bytes()

    notebook = json.loads((first / "01-tour.ipynb").read_text())
    outputs = [output for cell in notebook["cells"] for output in cell.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    figures = [o["data"] for o in outputs if o.get("data", {}).get("text/plain", "").startswith("Figure: ")]
    # The first looks (the live figures' last frames: cross-entropy, the large margin), the
    # two-panel figure, the margin distribution.
    assert [f["text/plain"].split(",")[0] for f in figures] == [
        "Figure: decision boundaries", "Figure: decision boundaries", "Figure: decision boundaries",
        "Figure: line plot: the closest 25% of training points' exact distance to the boundary"]
    assert figures[0]["text/plain"].startswith("Figure: decision boundaries, 1 panel")
    assert figures[1]["text/plain"].startswith("Figure: decision boundaries, 1 panel")
    # The first figure is in the first five code cells.
    code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    first_figure = next(index for index, cell in enumerate(code_cells)
                        if any("image/png" in output.get("data", {}) for output in cell["outputs"]))
    assert first_figure < 5
    # The explorer: its controls as a widget view (saved in metadata.widgets) and its first
    # view, the boundaries and margins at the default settings, drawn as PNG images.
    explorer = next(cell for cell in code_cells if "explorer" in cell["metadata"].get("tags", []))
    views = [output["data"] for output in explorer["outputs"] if VIEW in output.get("data", {})]
    assert views[0]["text/plain"].startswith("VBox(children=(FloatSlider(value=0.2") and "description='gamma'" in views[0]["text/plain"]
    assert views[-1]["text/plain"].startswith("cross-entropy: smallest margin ")
    assert views[-1]["text/html"].count("data:image/png;base64,") == 2
    state = notebook["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert all(view[VIEW]["model_id"] in state for view in views)
    assert (first / "tour-training.gif").read_bytes().startswith(b"GIF89a")
    for figure in figures:
        assert base64.b64decode(figure["image/png"]).startswith(b"\x89PNG\r\n\x1a\n")
    for name in ("tour-decision-boundaries.png", "tour-margin-distribution.png"):
        assert (first / name).read_bytes().startswith(b"\x89PNG")

    results = json.loads((first / "01-tour.results.json").read_text())
    assert results["notebook"] == "01-tour"
    assert results["parameters"]["quick"] is True
    assert list(results["models"]) == sorted(
        ["cross-entropy", "large-margin", "cross-entropy, untuned", "large-margin, gamma 1, all layers"])
    for model in results["models"].values():
        assert model["seeds"] == [0, 1]
        for quantity in ("test_accuracy", "train_margin_min", "train_margin_p10", "train_margin_median"):
            assert len(model[quantity]) == 2
    # The claims compare the large margin with tuned cross-entropy on the smallest margins first.
    assert results["claims"][0]["claim"].startswith("The large margin raises the smallest training margin over tuned cross-entropy")
    assert all(isinstance(claim["holds"], bool) for claim in results["claims"])
    # nbconvert's HTML shows the figures, and the controls from the saved widget state: the
    # state (the explorer's Output widget holding its first view) and a view per widget output
    # (drawn by the widgets' HTML manager where the page can load it).
    subprocess.run([str(Path(sys.executable).parent / "jupyter"), "nbconvert", "--to", "html", "01-tour.ipynb",
                    "--output", "tour.html"], cwd=first, check=True, capture_output=True, timeout=300)
    html = (first / "tour.html").read_text()
    assert len(re.findall(r'<img [^>]*src="data:image/(?:png|svg\+xml);base64,', html)) == 4  # the distribution as SVG
    assert html.count('<script type="application/vnd.jupyter.widget-state+json">') == 1
    assert html.count('<script type="application/vnd.jupyter.widget-view+json">') == len(views)
    saved_state = json.loads(html.split('<script type="application/vnd.jupyter.widget-state+json">')[1].split("</script>")[0])
    assert saved_state["state"] == state
    assert any(model["model_name"] == "OutputModel" and model["state"]["outputs"]
               and "data:image/png;base64," in model["state"]["outputs"][0]["data"]["text/html"]
               for model in state.values())

    # The findings: the sentences the claims' verdicts chose, and the tally.
    findings = code_cells[-1]["outputs"][-1]["data"]["text/plain"]
    held = sum(claim["holds"] for claim in results["claims"])
    assert findings.endswith(f"{held} of {len(results['claims'])} claims hold on seeds 0 to 1.")
    assert findings.startswith("The large margin")

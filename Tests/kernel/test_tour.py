"""The tour notebook (notebooks/01-tour.ipynb), run headlessly twice with quick=true (the debug
build's numerics are slow): byte-identical notebooks and results files, the two-panel figure and
the margin distribution, the models the issue names, and a claim per comparison."""

from __future__ import annotations

import base64
import json
import subprocess

import kernel_helpers as kh

TOUR = kh.REPO_ROOT / "notebooks" / "01-tour.ipynb"


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
    # The first look (the live figure's last frame), the two-panel figure, the margin distribution.
    assert [f["text/plain"].split(",")[0] for f in figures] == [
        "Figure: decision boundaries", "Figure: decision boundaries",
        "Figure: line plot: the closest 25% of training points' exact distance to the boundary"]
    assert figures[0]["text/plain"].startswith("Figure: decision boundaries, 1 panel")
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
    printed = "".join("".join(o["text"]) for o in outputs if o["output_type"] == "stream")
    held = sum(claim["holds"] for claim in results["claims"])
    assert f"{held} of {len(results['claims'])} claims hold on seeds 0 to 1." in printed

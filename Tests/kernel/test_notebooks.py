"""Notebooks 4-6 (noisy labels, little data, adversarial robustness), each run headlessly with
`swift-margin run` and small parameters (the debug build's numerics are slow): no errors, the
promised figure as a PNG, and the numbers in the relations that hold even at these sizes.
Which loss wins is left to the full-size runs: at a few hundred steps it is not robust."""

from __future__ import annotations

import base64
import json
import re
import subprocess

import kernel_helpers as kh

NOTEBOOKS = kh.REPO_ROOT / "notebooks"
MODELS = ["cross-entropy", "hinge", "large margin"]
ATTACKED = ["cross-entropy", "cross-entropy + adv. training", "large margin", "large margin + adv. training"]


def run_notebook(tmp_path, name: str, parameters: dict[str, object]) -> tuple[str, list[dict]]:
    """Runs notebooks/NAME with the parameters; returns the printed text and the display outputs."""
    output = tmp_path / name
    overrides = [argument for key, value in parameters.items() for argument in ("-p", f"{key}={value}")]
    completed = subprocess.run(
        [str(kh.executable()), "run", str(NOTEBOOKS / name), "-o", str(output), "-q", *overrides],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    assert completed.returncode == 0, completed.stderr
    notebook = json.loads(output.read_text())
    outputs = [output for cell in notebook["cells"] for output in cell.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    printed = "".join("".join(o["text"]) for o in outputs if o["output_type"] == "stream")
    displays = [o for o in outputs if "data" in o]
    return printed, displays


def assert_ends_with_figure(displays: list[dict], summary: str) -> None:
    """The notebook's last display is the promised figure, with a PNG."""
    last = displays[-1]["data"]
    assert last["text/plain"].startswith(f"Figure: {summary}"), last["text/plain"]
    assert base64.b64decode(last["image/png"]).startswith(b"\x89PNG\r\n\x1a\n")


def accuracies(line: str) -> dict[str, float]:
    """'cross-entropy 0.955, hinge 0.945, large margin 0.925' as a dictionary."""
    return {name: float(value) for name, value in re.findall(r"([a-z][a-z +.-]*?) ([01]\.\d{3})", line)}


def test_noisy_labels(tmp_path):
    printed, displays = run_notebook(tmp_path, "04-noisy-labels.ipynb", {
        "steps": 150, "trainCount": 100, "testCount": 200, "noiseLevels": 2,
    })
    rows = re.findall(r"^label noise (\d+)% \((\d+) of (\d+) flipped\): (.*)$", printed, re.M)
    assert [(noise, flipped, total) for noise, flipped, total, _ in rows] == [
        ("0", "0", "100"), ("40", "40", "100"), ("80", "80", "100")]
    by_noise = {int(noise): accuracies(line) for noise, _, _, line in rows}
    for noise, accuracy in by_noise.items():
        assert list(accuracy) == MODELS, (noise, accuracy)
    for model in MODELS:
        # Ten blobs: clean labels give far better than chance (0.1); 80% noise costs accuracy.
        assert by_noise[0][model] > 0.5, by_noise
        assert by_noise[80][model] < by_noise[0][model], by_noise
    assert "accuracy on the noisy training labels" in printed
    assert_ends_with_figure(displays, "line plot: test accuracy against label noise (blobs, 100 training points), 4 series")


def test_little_data(tmp_path):
    printed, displays = run_notebook(tmp_path, "05-little-data.ipynb", {
        "steps": 150, "poolCount": 200, "testCount": 200, "smallestFraction": 0.2, "repeats": 1,
    })
    rows = re.findall(r"^fraction ([0-9.]+) \((\d+) points\): (.*)$", printed, re.M)
    # Nested, stratified subsets of round(fraction * 200) points.
    assert [(fraction, size) for fraction, size, _ in rows] == [("0.2", "40"), ("0.5", "100"), ("1", "200")]
    for _, _, line in rows:
        accuracy = accuracies(line)
        assert list(accuracy) == MODELS, line
        # Two moons are learnt well above chance (0.5) even from 40 points.
        assert all(value > 0.7 for value in accuracy.values()), line
    assert_ends_with_figure(displays, "line plot: test accuracy against training-set size (moons, 200 points = 1), 3 series")


def table(printed: str, heading: str) -> dict[str, list[float]]:
    """The columns of a printed epsilon-by-model table, by model, from its heading line on."""
    lines = printed[printed.index(heading + "\n"):].splitlines()[1:]
    rows = []
    for line in lines[1:]:
        if not line.strip():
            break
        rows.append([float(value) for value in line.split()])
    return {"epsilon": [row[0] for row in rows], **{model: [row[1 + i] for row in rows] for i, model in enumerate(ATTACKED)}}


def test_adversarial_robustness(tmp_path):
    printed, displays = run_notebook(tmp_path, "06-adversarial-robustness.ipynb", {
        "steps": 150, "trainCount": 100, "testCount": 200, "epsilonCount": 2, "gridSize": 5,
    })
    clean = {name: float(value) for name, value in re.findall(r"^(.+): clean test accuracy ([0-9.]+)$", printed, re.M)}
    assert list(clean)[:4] == ATTACKED
    assert all(value > 0.8 for value in clean.values()), clean
    shares = re.findall(r"^(.+): ([0-9.]+)% of test points with a zero gradient$", printed, re.M)
    assert [name for name, _ in shares] == ATTACKED
    assert all(0 <= float(share) <= 100 for _, share in shares)

    headings = ["white-box accuracy under FGSM", "black-box accuracy under FGSM",
                "white-box accuracy under iterative FGSM", "black-box accuracy under iterative FGSM"]
    grid = table(printed, "accuracy under the worst offset of a 5 x 5 grid")
    for heading in headings + ["accuracy under the worst offset of a 5 x 5 grid"]:
        curves = table(printed, heading)
        assert curves["epsilon"] == [0, 0.15, 0.3], heading
        for model in ATTACKED:
            # An attack of size 0 changes nothing: every curve starts at the clean accuracy.
            assert abs(curves[model][0] - clean[model]) < 1e-9, (heading, model)
            assert all(0 <= value <= 1 for value in curves[model])
    for model in ATTACKED:
        # The grid holds the unperturbed point, so no point is robust that is not correct.
        assert all(value <= clean[model] for value in grid[model]), grid

    figures = [d["data"]["text/plain"] for d in displays if d["data"].get("text/plain", "").startswith("Figure:")]
    assert figures == [
        "Figure: line plot: accuracy under FGSM on the logit margin (moons), 8 series, 1000x480",
        "Figure: line plot: accuracy under iterative FGSM on the logit margin (moons), 12 series, 1000x480",
    ]
    assert_ends_with_figure(displays, "line plot: accuracy under iterative FGSM on the logit margin (moons), 12 series")

"""The tour notebook (notebooks/01-tour.ipynb), run headlessly twice with small parameters
(the debug build's numerics are slow): byte-identical results, the two-panel figure, and
the large-margin model at least as accurate as the cross-entropy one."""

from __future__ import annotations

import base64
import json
import re
import subprocess

import kernel_helpers as kh

TOUR = kh.REPO_ROOT / "notebooks" / "01-tour.ipynb"
SMALL = ["-p", "steps=200", "-p", "trainCount=40", "-p", "testCount=200", "-p", "resolution=50"]


def run_tour(tmp_path, name):
    output = tmp_path / name
    completed = subprocess.run(
        [str(kh.executable()), "run", str(TOUR), "-o", str(output), "-q", *SMALL],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    assert completed.returncode == 0, completed.stderr
    return output


def test_tour_is_reproducible_and_shows_the_figure(tmp_path):
    first = run_tour(tmp_path, "first.ipynb")
    second = run_tour(tmp_path, "second.ipynb")
    assert first.read_bytes() == second.read_bytes()

    notebook = json.loads(first.read_text())
    outputs = [output for cell in notebook["cells"] for output in cell.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    figures = [o for o in outputs if o.get("data", {}).get("text/plain", "").startswith("Figure: decision boundaries, 2 panels")]
    assert len(figures) == 1
    png = base64.b64decode(figures[0]["data"]["image/png"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert (tmp_path / "tour-decision-boundaries.png").read_bytes().startswith(b"\x89PNG")

    printed = "".join(o.get("text", "") for o in outputs if o["output_type"] == "stream")
    accuracy = dict(re.findall(r"^(cross-entropy|large margin):\s+test accuracy ([0-9.]+)", printed, re.M))
    assert set(accuracy) == {"cross-entropy", "large margin"}, printed
    assert float(accuracy["large margin"]) >= float(accuracy["cross-entropy"])

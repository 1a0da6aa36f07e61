"""Every notebook in notebooks/ run headlessly with quick=true (small runs; the debug build's
numerics are slow): it finishes without an error output, shows at least one figure, writes its
NAME.results.json in the documented shape (notebooks/README.md) with quick recorded, and its
Markdown holds no hand-typed results. Which model wins is left to the full runs (make reproduce):
at a few hundred steps it is not a finding."""

from __future__ import annotations

import base64
import json
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import kernel_helpers as kh

sys.path.insert(0, str(kh.REPO_ROOT / "notebooks"))
import reproduce  # noqa: E402  (notebooks/reproduce.py: the same checks make reproduce applies)

NOTEBOOKS = reproduce.notebook_paths()


def test_every_notebook_is_checked():
    assert [path.name for path in NOTEBOOKS][:6] == [
        "01-tour.ipynb", "02-geometry.ipynb", "03-norms-and-layers.ipynb", "04-noisy-labels.ipynb",
        "05-little-data.ipynb", "06-adversarial-robustness.ipynb"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_markdown_holds_no_typed_results(notebook):
    assert reproduce.markdown_numbers(json.loads(notebook.read_text())) == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_is_a_lesson_calling_the_library(notebook):
    """No code cell over 30 lines, no declaration over 5 (what takes more is a library call)."""
    assert reproduce.shape_problems(json.loads(notebook.read_text())) == []


def test_tour_reads_as_a_lesson():
    tour = json.loads((kh.REPO_ROOT / "notebooks" / "01-tour.ipynb").read_text())
    assert reproduce.markdown_words(tour) < 1500


def test_shape_check_finds_long_cells_and_declarations():
    long_function = "func f() {\n" + "    print(\"{\")\n" * 5 + "}\n"
    notebook = {"cells": [
        {"cell_type": "code", "source": ["let a = 1\n" * 31]},
        {"cell_type": "markdown", "source": ["func not code {\n\n\n\n\n\n}"]},
        {"cell_type": "code", "source": [long_function, "struct S { var x = 1 }\n",
                                         "@discardableResult public static func g() -> Int {\n  1\n}\n"]},
        {"cell_type": "code", "source": ["extension Int {\n  var twice: Int {\n    2 * self\n  }\n  var thrice: Int { 3 * self }\n}"]},
    ]}
    assert reproduce.shape_problems(notebook) == [
        "code cell 1: 31 lines (at most 30)", "code cell 2: func f is 7 lines (at most 5)",
        "code cell 3: extension Int is 6 lines (at most 5)"]
    assert reproduce.markdown_words(notebook) == 5  # "func not code {" and "}"


QUICK_RUN_NOTEBOOKS = [p for p in NOTEBOOKS if p.stem != "01-tour"]  # the tour's: test_tour.py
# Quick runs two at a time: much of one is compiling cells, on one core.
QUICK_RUNS_AT_ONCE = 2


@pytest.fixture(scope="module")
def quick_runs(tmp_path_factory):
    """Every notebook's quick run, started two at a time when the first test asks for them;
    each test waits for its own: notebook stem -> (its folder, the run's future)."""
    pool = ThreadPoolExecutor(max_workers=QUICK_RUNS_AT_ONCE)
    runs = {}
    for notebook in QUICK_RUN_NOTEBOOKS:
        folder = tmp_path_factory.mktemp(notebook.stem)
        runs[notebook.stem] = (folder, pool.submit(reproduce.run_notebook, kh.executable(), notebook, folder, {"quick": "true"}))
    yield runs
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.parametrize("notebook", QUICK_RUN_NOTEBOOKS, ids=lambda p: p.stem)
def test_quick_run_writes_its_results(quick_runs, notebook):
    folder, run = quick_runs[notebook.stem]
    results, _ = run.result()
    assert reproduce.check_results(results, notebook.stem) == []
    assert results["parameters"]["quick"] is True
    executed = json.loads((folder / notebook.name).read_text())
    outputs = [output for cell in executed["cells"] for output in cell.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    figures = [o["data"] for o in outputs if "image/png" in o.get("data", {})]
    assert figures, "no figure shown"
    assert all(base64.b64decode(f["image/png"]).startswith(b"\x89PNG\r\n\x1a\n") for f in figures)
    for claim in results["claims"]:
        assert claim["detail"], claim


def test_markdown_check_finds_typed_results():
    notebook = {"cells": [
        {"cell_type": "markdown", "source": ["accuracy 0.968 against 96.4% and $x = 0.25$, `0.125`; 80% noise"]},
        {"cell_type": "code", "source": ["let rate = 0.001"]},
    ]}
    assert reproduce.markdown_numbers(notebook) == ["0.968", "96.4%"]


def test_results_check_names_problems():
    good = {"notebook": "x", "parameters": {}, "models": {"m": {"seeds": [0, 1], "test_accuracy": [0.5, 0.6]}},
            "claims": [{"claim": "c", "holds": True, "detail": "d"}]}
    assert reproduce.check_results(good, "x") == []
    short = json.loads(json.dumps(good))
    short["models"]["m"]["test_accuracy"] = [0.5]
    assert reproduce.check_results(short, "x") == ["m: test_accuracy has 1 entries for 2 seeds"]
    assert reproduce.check_results(dict(good, claims=[]), "x") == ["no claims"]


PRIMARY_RECORD = {"claim": "a is not worse than b", "test": "non-inferiority, margin 0.01", "level": "noise 80%",
                  "effect": 0.014, "lower": 0.0016, "upper": 0.0264, "seeds": 5, "p": 0.012, "holm_p": 0.024,
                  "alpha": 0.05, "holds": True}


def test_results_check_accepts_primary_claims():
    good = {"notebook": "x", "parameters": {}, "models": {"m": {"seeds": [0, 1], "test_accuracy": [0.5, 0.6]}},
            "claims": [], "primary": [PRIMARY_RECORD, dict(PRIMARY_RECORD, level=None, holds=False, p=None)]}
    assert reproduce.check_results(good, "x") == []
    assert reproduce.check_results(dict(good, primary=[]), "x") == ["primary is empty or not a list"]
    missing = {k: v for k, v in PRIMARY_RECORD.items() if k != "holm_p"}
    assert reproduce.check_results(dict(good, primary=[missing]), "x")[0].startswith("primary claim {")
    assert reproduce.check_results(dict(good, primary=[dict(PRIMARY_RECORD, holds="yes")]), "x") == [
        "primary claim 'a is not worse than b': holds, seeds or level of the wrong type"]
    without = {k: v for k, v in good.items() if k != "primary"}
    assert reproduce.check_results(without, "x") == ["no claims"]
    assert reproduce.check_results(dict(good, extra=1), "x") == [
        "top-level keys ['claims', 'extra', 'models', 'notebook', 'parameters', 'primary']"]


def test_results_markdown_leads_each_section_with_its_primary_claims():
    models = {"m @ noise 80%": {"seeds": [0, 1], "chosen": ["-", "-"], "test_accuracy": [0.5, 0.6]}}
    with_primary = {"notebook": "07-x", "parameters": {"seeds": 2}, "models": models,
                    "claims": [{"claim": "c", "holds": False, "detail": "d"}],
                    "primary": [PRIMARY_RECORD, dict(PRIMARY_RECORD, claim="b below 0.05", test="mean below 0.05", level=None,
                                                     effect=0.014, lower=-0.002, upper=0.03, p=0.0004, holm_p=0.0008)]}
    without = {"notebook": "02-y", "parameters": {}, "models": models, "claims": [{"claim": "e", "holds": True, "detail": "f"}]}
    text = reproduce.results_markdown([("07-x", with_primary, 3.0), ("02-y", without, 1.0)], "abc123")
    assert ("2 of 2 primary claims hold (each notebook's Holm-corrected together); "
            "1 of 2 other claims hold (exploratory, not corrected).") in text
    section = text.split("## 07-x\n")[1].split("## 02-y")[0].splitlines()
    assert section[:7] == [
        "", "Parameters: seeds=2. Ran in 3 s.", "", "Primary claims (Holm-corrected across 2, alpha 0.05):", "",
        "| claim | test | effect [95% CI] | seeds | p | Holm p | verdict |", "|---|---|---:|---:|---:|---:|---|"]
    assert section[7] == "| noise 80%: a is not worse than b | non-inferiority, margin 0.01 | +0.0140 [0.0016, 0.0264] | 5 | 0.012 | 0.024 | holds |"
    assert section[8] == "| b below 0.05 | mean below 0.05 | 0.0140 [-0.0020, 0.0300] | 5 | <0.001 | <0.001 | holds |"
    assert "Other claims (exploratory):" in section
    other = text.split("## 02-y\n")[1]
    assert "Primary claims" not in other and "\nClaims:\n" in other
    only_old = reproduce.results_markdown([("02-y", without, 1.0)], "abc123")
    assert "1 of 1 claims hold." in only_old and "primary" not in only_old


def test_sweep_parameters_separate_the_swept_values_from_the_shared_ones():
    """The gathering run of a sweep is given the tasks' shared parameters and, for a swept
    one, its values joined by commas in the order met; seeds and firstSeed are the sweep's own."""
    runs = [{"parameters": {"full": "true", "fractions": "0.005", "seeds": "1", "firstSeed": str(seed)}} for seed in range(2)] \
        + [{"parameters": {"full": "true", "fractions": "0.00125", "seeds": "1", "firstSeed": str(seed)}} for seed in range(2)]
    assert reproduce.sweep_parameters(runs) == ({"full": "true"}, {"fractions": "0.005,0.00125"})


def test_full_runs_part_records_each_sweep_with_its_wall_time(tmp_path, monkeypatch):
    monkeypatch.setattr(reproduce, "FULL_RUNS", tmp_path)
    assert "None recorded yet." in reproduce.full_runs_markdown()
    models = {"cross-entropy @ 68 images": {"seeds": [0, 1], "chosen": ["-", "-"], "test_accuracy": [0.5, 0.7]}}
    results = {"notebook": "08-x", "parameters": {"full": True}, "models": models, "claims": [], "primary": [PRIMARY_RECORD]}
    record = {"name": "08-x", "scale": "full=true", "swept": {"fractions": "0.005,0.00125"}, "shared": {"full": "true"},
              "tasks": 4, "seeds": "0-1", "ran_on": "Dask (2 workers)", "commit": "abc123", "wall_seconds": 5400.0,
              "task_seconds": 10000.0, "gather_seconds": 61.0}
    (tmp_path / "08-x.results.json").write_text(json.dumps(results))
    (tmp_path / "08-x.sweep.json").write_text(json.dumps(record))
    text = reproduce.full_runs_markdown()
    assert text.startswith(reproduce.FULL_RUNS_HEADING)
    section = text.split("## 08-x, full=true\n")[1].splitlines()
    assert section[1] == ("Parameters: full=true. A sweep of 4 tasks (fractions=0.005,0.00125; one seed each, seeds 0-1) on Dask (2 workers), "
                          "at commit `abc123`: 5400 s wall (1.5 h) from the first task's start to the last one's end, "
                          "the tasks' wall times summing to 2.8 h; the gathering run took 61 s.")
    assert "Primary claims (Holm-corrected across 1, alpha 0.05):" in section
    assert "| cross-entropy @ 68 images | 0-1 | 0.6000 ± 1.2706 |" in section


def test_fashion_adversarial_quick_run_attacks_every_model_at_every_epsilon(quick_runs):
    """09's quick run: PGD with restarts and the strongest attack at every epsilon of the curve
    (and PGD at the sanity epsilon), the checks on them, the transfer matrix's quantities, the
    trade-off experiment's results, and a quick cross-entropy model that has learnt."""
    folder, run = quick_runs["09-fashion-adversarial"]
    results, _ = run.result()
    epsilons = sorted({float(name.rsplit("_eps", 1)[1]) for name in results["models"]["cross-entropy"]
                       if name.startswith("robust_ifgsm_whitebox_eps")})
    assert len(epsilons) == 2
    sanity = results["parameters"]["sanityEpsilon"]
    for model, lists in results["models"].items():
        for epsilon in epsilons:
            for curve in ("pgd_whitebox", "strongest_whitebox"):
                assert len(lists[f"robust_{curve}_eps{epsilon}"]) == len(lists["seeds"]), (model, curve, epsilon)
            # per image the worst of iterative FGSM and every restart
            for strongest, ifgsm, pgd in zip(lists[f"robust_strongest_whitebox_eps{epsilon}"],
                                             lists[f"robust_ifgsm_whitebox_eps{epsilon}"], lists[f"robust_pgd_whitebox_eps{epsilon}"]):
                assert strongest <= min(ifgsm, pgd)
        assert f"robust_pgd_whitebox_eps{sanity}" in lists
        assert {"pgd_excess_over_ifgsm", "masking_gap_pgd", "attacker_test_accuracy_l-inf"} <= set(lists)
        for norm in ("l-inf", "l2"):
            assert f"robust_transfer_{norm}_eps{epsilons[-1]}" in lists
    claims = [claim["claim"] for claim in results["claims"]]
    assert any(claim.startswith(f"Check: PGD with restarts at epsilon {sanity} leaves at most") for claim in claims)
    assert any(claim.startswith("Check: PGD with 2 random restart(s) is at least as strong as iterative FGSM") for claim in claims)
    cross_entropy = results["models"]["cross-entropy"]["test_accuracy"]
    assert min(cross_entropy) > 0.70, cross_entropy
    tradeoff = json.loads((folder / "09-fashion-adversarial-tradeoff.results.json").read_text())
    assert {"cross-entropy", "l-inf, gamma 1", "l-inf, gamma 0.3", "l2, gamma 3"} == set(tradeoff["models"])
    executed = json.loads((folder / "09-fashion-adversarial.ipynb").read_text())
    texts = ["".join(output.get("data", {}).get("text/plain", "")) for cell in executed["cells"] for output in cell.get("outputs", [])]
    assert any("source \\ target" in text for text in texts)


def test_fashion_noisy_labels_quick_run_learns_and_states_primary_claims(quick_runs):
    """07's quick run: cross-entropy learns (above 0.70 test accuracy at every seed without
    noise), every tuned model keeps a training curve (the figure is drawn), the margins' grid
    holds the loss forms the paper names, and the primary claims are in the results with
    their intervals and Holm's p-values."""
    folder, run = quick_runs["07-fashion-noisy-labels"]
    results, _ = run.result()
    cross_entropy = results["models"]["cross-entropy @ noise 0%"]["test_accuracy"]
    assert min(cross_entropy) > 0.70, cross_entropy
    chosen = results["models"]["large margin l2, all layers @ noise 0%"]["chosen"]
    assert all("gamma=" in c and "crossEntropyWeight=" in c and "clipFactor=" in c for c in chosen), chosen
    primary = results["primary"]
    assert len(primary) == 5 and {p["level"] for p in primary} == {"noise 0%", "noise 80%"}
    for claim in primary:
        assert claim["lower"] <= claim["effect"] <= claim["upper"] and claim["p"] <= claim["holm_p"] <= 1, claim
    executed = json.loads((folder / "07-fashion-noisy-labels.ipynb").read_text())
    texts = ["".join(output.get("data", {}).get("text/plain", "")) for cell in executed["cells"] for output in cell.get("outputs", [])]
    assert any(text.startswith("Figure: training curves of seed") for text in texts)


def test_fashion_little_data_quick_run_learns_and_states_primary_claims(quick_runs):
    """08's quick run: cross-entropy learns at the larger size (above 0.70 test accuracy at
    every seed), the smallest size trains at least its minimum steps, and the primary claims
    are in the results at the smallest and the largest size."""
    folder, run = quick_runs["08-fashion-little-data"]
    results, _ = run.result()
    cross_entropy = results["models"]["cross-entropy @ 1000 images"]["test_accuracy"]
    assert min(cross_entropy) > 0.70, cross_entropy
    primary = results["primary"]
    assert len(primary) == 6 and {p["level"] for p in primary} == {"68 images", "1000 images"}
    executed = json.loads((folder / "08-fashion-little-data.ipynb").read_text())
    texts = ["".join(output.get("data", {}).get("text/plain", "")) + "".join(output.get("text", ""))
             for cell in executed["cells"] for output in cell.get("outputs", [])]
    assert any("68 images: 100 steps of 50" in text for text in texts)
    assert any(text.startswith("Figure: training curves of seed") for text in texts)
    assert any(text.startswith("This run: about ") and "CPU-hours" in text for text in texts)


def test_fashion_little_data_gathers_a_sweeps_runs_into_the_same_results(quick_runs, tmp_path):
    """A run with sweep=FOLDER trains nothing and gathers the NAME.runs.json files under FOLDER
    (here the quick run's own): its results file is the quick run's, to the last digit, but for
    the sweep parameter, and it states no cost (nothing to train)."""
    folder, run = quick_runs["08-fashion-little-data"]
    results, _ = run.result()
    notebook = next(p for p in NOTEBOOKS if p.stem == "08-fashion-little-data")
    gathered, _ = reproduce.run_notebook(kh.executable(), notebook, tmp_path, {"quick": "true", "sweep": str(folder)})
    assert gathered["parameters"].pop("sweep") == str(folder) and results["parameters"].pop("sweep") == ""
    assert gathered == results
    executed = (tmp_path / "08-fashion-little-data.ipynb").read_text()
    assert "This run: about" not in executed


def test_every_image_notebook_has_the_full_scale_and_the_cnn():
    """Notebooks 07-09 (Fashion-MNIST) each declare `full` and `network` among their parameters;
    `reproduce.py --full-costs` finds them by `full`."""
    with_full = [p.stem for p in NOTEBOOKS if reproduce.has_full_scale(json.loads(p.read_text()))]
    assert with_full == ["07-fashion-noisy-labels", "08-fashion-little-data", "09-fashion-adversarial"]
    for notebook in NOTEBOOKS:
        if notebook.stem in with_full:
            parameters = next(c for c in json.loads(notebook.read_text())["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
            assert "let network = " in "".join(parameters["source"]), notebook.stem


def test_image_notebook_refuses_two_scales_at_once(tmp_path):
    """quick=true with full=true stops at the data cell with an error naming both."""
    notebook = next(p for p in NOTEBOOKS if p.stem == "08-fashion-little-data")
    with pytest.raises(RuntimeError) as failure:
        reproduce.run_notebook(kh.executable(), notebook, tmp_path, {"quick": "true", "full": "true"})
    assert "quick and full must be true one at a time (they are two scales), got both true" in str(failure.value)

"""`swift-margin sweep`: a notebook over a grid of parameters, on local worker processes or a
Dask cluster; results collected, failures recorded, interrupted sweeps resumed.

The tour runs with quick=true over two training-set sizes and two seeds, locally and on a Dask
LocalCluster (scheduler and two worker processes on loopback, started here), which must give
the same results.csv byte for byte. The other tests use Tests/kernel/notebooks/sweep-probe.ipynb,
a notebook of a few lines that writes a results file from its parameters, fails on purpose
when value == failAt and can sleep.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kernel_helpers as kh

REPO = Path(__file__).resolve().parents[2]
TOUR = REPO / "notebooks" / "01-tour.ipynb"
PROBE = Path(__file__).resolve().parent / "notebooks" / "sweep-probe.ipynb"
TOUR_GRID = ["-p", "quick=true", "-p", "trainCount=30,40", "--seeds", "2"]
TOUR_MODELS = 4


def sweep_environment() -> dict[str, str]:
    """The environment of a sweep: the Python running the tests drives Dask."""
    return {**os.environ, "SWIFT_MARGIN_PYTHON": sys.executable}


def sweep(*arguments: str, timeout: float = 240) -> subprocess.CompletedProcess:
    """Runs `swift-margin sweep ARGUMENTS` to its end."""
    return subprocess.run([str(kh.executable()), "sweep", *arguments], capture_output=True, text=True, timeout=timeout,
                          env=sweep_environment())


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text())))


def run_folders(out: Path) -> list[Path]:
    return sorted(p for p in (out / "runs").iterdir() if not p.name.startswith("."))


@pytest.fixture(scope="module")
def local_tour(tmp_path_factory) -> Path:
    """The tour's grid swept with two local workers (shared by the local and Dask tests)."""
    out = tmp_path_factory.mktemp("sweep") / "local"
    completed = sweep(str(TOUR), *TOUR_GRID, "-o", str(out), "--workers", "2", "--status-every", "5")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return out


def test_local_sweep_of_the_tour(local_tour):
    out = local_tour
    rows = csv_rows(out / "results.csv")
    header = (out / "results.csv").read_text().splitlines()[0].split(",")
    assert header[:5] == ["quick", "trainCount", "seed", "model", "chosen"]
    assert "test_accuracy" in header and "train_margin_min" in header
    # A row per run (2 sizes x 2 seeds) and model.
    assert len(rows) == 2 * 2 * TOUR_MODELS
    assert {(r["trainCount"], r["seed"]) for r in rows} == {("30", "0"), ("30", "1"), ("40", "0"), ("40", "1")}
    assert {r["model"] for r in rows} >= {"cross-entropy", "large-margin"}
    assert all(0 <= float(r["test_accuracy"]) <= 1 for r in rows)

    results = json.loads((out / "results.json").read_text())
    assert results["notebook"] == "01-tour"
    assert results["swept"] == ["trainCount"]
    assert results["seeds"] == [0, 1]
    assert results["failed"] == [] and results["unfinished"] == []
    assert results["columns"] == header
    assert len(results["rows"]) == len(rows)

    folders = run_folders(out)
    assert [f.name for f in folders] == [f"quick=true,trainCount={n},seed={s}" for n in (30, 40) for s in (0, 1)]
    for folder in folders:
        record = json.loads((folder / "run.json").read_text())
        assert record["status"] == "succeeded" and record["ran_on"] == "local"
        assert record["parameters"]["seeds"] == "1"
        assert (folder / "01-tour.results.json").exists() and (folder / "01-tour.ipynb").exists()
        # The notebook ran one seed, the point's.
        assert json.loads((folder / "01-tour.results.json").read_text())["parameters"]["firstSeed"] == record["seed"]

    summary = (out / "summary.md").read_text()
    assert "### test_accuracy" in summary
    assert "| trainCount | model | seeds | mean | 95% interval |" in summary
    assert "| 30 | cross-entropy | 2 |" in summary
    plot = out / "plots" / "test_accuracy.png"
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "plots" / "train_margin_min.png").exists()


@pytest.fixture(scope="module")
def dask_cluster():
    """A Dask LocalCluster on loopback: a scheduler and two worker processes of one thread."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None)
    yield cluster.scheduler_address
    cluster.close()


def test_dask_sweep_gives_the_same_results_csv(local_tour, dask_cluster, tmp_path):
    out = tmp_path / "dask"
    completed = sweep(str(TOUR), *TOUR_GRID, "-o", str(out), "--scheduler", dask_cluster, "--status-every", "5")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "on Dask at tcp://127.0.0.1:" in completed.stdout
    assert (out / "results.csv").read_bytes() == (local_tour / "results.csv").read_bytes()
    for folder in run_folders(out):
        record = json.loads((folder / "run.json").read_text())
        assert record["ran_on"].startswith("tcp://127.0.0.1:")
        assert (folder / "01-tour.results.json").read_bytes() == (local_tour / "runs" / folder.name / "01-tour.results.json").read_bytes()


def wait_for_finished_runs(out: Path, count: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (out / "runs").exists() and sum((f / "run.json").exists() for f in run_folders(out)) >= count:
            return
        assert process.poll() is None, "the sweep ended before it could be stopped"
        time.sleep(0.1)
    raise AssertionError(f"no {count} finished runs in {timeout} s")


def processes_working_in(folder: Path) -> list[int]:
    """Processes whose working folder is inside `folder` (runs left going)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and os.readlink(entry / "cwd").startswith(str(folder)):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "sigkill"])
def test_stopped_sweep_resumes_without_rerunning_finished_points(tmp_path, stop):
    out = tmp_path / "probe"
    grid = [str(PROBE), "-p", "value=1,2,3", "-p", "sleepSeconds=1", "--seeds", "1", "-o", str(out), "--no-plots"]
    process = subprocess.Popen([str(kh.executable()), "sweep", *grid, "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env=sweep_environment())
    try:
        wait_for_finished_runs(out, 1, process)
        process.send_signal(stop)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    finished = {f.name: (f / "run.json").stat().st_mtime_ns for f in run_folders(out)}
    assert 1 <= len(finished) < 3, output
    if stop == signal.SIGINT:
        # Ctrl-C: the running run is stopped and dropped, the finished ones kept and collected.
        assert process.returncode == 130, output
        assert "the same command resumes the others" in output
        assert not any(p.name.startswith(".tmp-") for p in (out / "runs").iterdir())
        assert not processes_working_in(out)
        assert len(csv_rows(out / "results.csv")) == 2 * len(finished)
    else:
        assert process.returncode == -signal.SIGKILL

    # The same grid again (two workers now: how it runs is not part of a point).
    completed = sweep(*grid, "--workers", "2")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert f"3 runs, {len(finished)} finished before, {3 - len(finished)} to run ({3 - len(finished)} new)" in completed.stdout
    for name, mtime in finished.items():
        assert (out / "runs" / name / "run.json").stat().st_mtime_ns == mtime, f"{name} ran again"
    rows = csv_rows(out / "results.csv")
    assert sorted({r["value"] for r in rows}) == ["1", "2", "3"] and len(rows) == 3 * 2
    assert not any(p.name.startswith(".") for p in (out / "runs").iterdir())
    assert not processes_working_in(out)

    if stop == signal.SIGINT:
        return
    # A changed notebook reruns every point.
    changed = tmp_path / "sweep-probe.ipynb"
    notebook = json.loads(PROBE.read_text())
    notebook["cells"][0]["source"] = "# Sweep probe, edited\n"
    changed.write_text(json.dumps(notebook))
    grid[0] = str(changed)
    completed = sweep(*grid, "--workers", "2")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "3 runs, 0 finished before, 3 to run (3 notebook changed)" in completed.stdout


def test_a_failing_run_is_recorded_and_the_others_finish(tmp_path):
    out = tmp_path / "probe"
    completed = sweep(str(PROBE), "-p", "value=1,2,3", "-p", "failAt=2", "-o", str(out), "--workers", "2")
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "failed: failAt=2,value=2: exit status 1: cell 4 failed: Refused: value 2 is refused on purpose" in completed.stdout
    record = json.loads((out / "runs" / "failAt=2,value=2" / "run.json").read_text())
    assert record["status"] == "failed" and record["exit_status"] == 1
    assert "value 2 is refused on purpose" in record["error"]
    # The error names the executed notebook where it is kept, not the temporary folder.
    assert str(out / "runs" / "failAt=2,value=2" / "sweep-probe.ipynb") in record["error"]
    results = json.loads((out / "results.json").read_text())
    assert [f["point"] for f in results["failed"]] == ["failAt=2,value=2"]
    assert "refused on purpose" in results["failed"][0]["error"]
    # Without --seeds each run trains the notebook's own two seeds: a row per model and seed.
    rows = csv_rows(out / "results.csv")
    assert sorted({(r["value"], r["seed"]) for r in rows}) == [("1", "0"), ("1", "1"), ("3", "0"), ("3", "1")]
    assert len(rows) == 8
    assert "Failed runs: failAt=2,value=2" in (out / "summary.md").read_text()
    # A rerun retries the failed point only.
    completed = sweep(str(PROBE), "-p", "value=1,2,3", "-p", "failAt=2", "-o", str(out), "--workers", "2")
    assert "3 runs, 2 finished before, 1 to run (1 failed before)" in completed.stdout


@pytest.mark.parametrize("arguments, message", [
    (["nowhere.ipynb", "-p", "value=1", "-o", "OUT"], "Error: no notebook at nowhere.ipynb"),
    ([str(PROBE), "-p", "value", "-o", "OUT"], 'Error: a sweep parameter is name=v1,v2,..., not "value"'),
    ([str(PROBE), "-p", "value=1,x", "-o", "OUT"], 'Error: parameter value is an Int (declared let value = 1 in the cell tagged \'parameters\'), but "x" is not a whole number'),
    ([str(PROBE), "-p", "seeds=2", "--seeds", "2", "-o", "OUT"], "Error: give either --seeds 2 or -p seeds=..., not both"),
    ([str(REPO / "Tests/kernel/notebooks/smoke.ipynb"), "--seeds", "2", "-o", "OUT"], "declares no seeds or firstSeed in its cell tagged 'parameters'"),
    ([str(PROBE), "-p", "value=1", "-o", "OUT", "--scheduler", "127.0.0.1"], "Error: --scheduler takes a Dask scheduler's address such as tcp://127.0.0.1:8786"),
])
def test_errors_name_the_problem(tmp_path, arguments, message):
    completed = sweep(*[str(tmp_path / "out") if a == "OUT" else a for a in arguments], timeout=60)
    assert completed.returncode != 0
    assert message in completed.stderr, completed.stderr
    assert not (tmp_path / "out" / "runs").exists()


def test_dask_errors_say_what_to_set(tmp_path):
    environment = {**os.environ, "SWIFT_MARGIN_PYTHON": "/bin/true-python-missing"}
    completed = subprocess.run([str(kh.executable()), "sweep", str(PROBE), "-p", "value=1", "-o", str(tmp_path / "a"),
                                "--scheduler", "tcp://127.0.0.1:9"], capture_output=True, text=True, env=environment, timeout=60)
    assert completed.returncode != 0
    assert "SWIFT_MARGIN_PYTHON names /bin/true-python-missing, which cannot drive Dask: no executable there" in completed.stderr

    completed = sweep(str(PROBE), "-p", "value=1", "-o", str(tmp_path / "b"), "--scheduler", "tcp://127.0.0.1:9",
                      "--scheduler-timeout", "2", timeout=60)
    assert completed.returncode != 0
    assert "Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9" in completed.stderr, completed.stderr

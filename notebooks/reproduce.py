#!/usr/bin/env python3
"""Runs every notebook headlessly and collects what each measured into notebooks/RESULTS.md.

    python notebooks/reproduce.py --executable .build/release/swift-margin          # make reproduce
    python notebooks/reproduce.py --executable ... --quick --out /tmp/quick          # small runs, checked

Each notebook NAME.ipynb runs with `swift-margin run` in the output folder (default
notebooks/out), where it writes the executed NAME.ipynb and NAME.results.json. Every results
file is checked against the schema of notebooks/README.md, and every Markdown cell against
hand-typed results (numbers with two or more decimals, or percentages, outside LaTeX math).
RESULTS.md is written from the results files only, with the commit the notebooks ran on.
The standard library only: the tests import this file to check the same things.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent
REPO = NOTEBOOKS.parent

# A hand-typed result: a number with two or more decimals (0.968, 12.50) or a percentage
# with decimals (96.4%; whole percentages describe settings, such as 80% noise), outside $...$ math, inline code and links.
RESULT_NUMBER = re.compile(r"(?<![\w.])(\d+\.\d{2,}|\d+\.\d+\s?%)")


def notebook_paths() -> list[Path]:
    """The numbered notebooks, in order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def markdown_numbers(notebook: dict) -> list[str]:
    """The result-like numbers written in the notebook's Markdown cells."""
    found = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`|\]\([^)]*\)", " ", text, flags=re.S)
        found += RESULT_NUMBER.findall(text)
    return found


# A notebook is a lesson that calls the library: its code cells and declarations stay short.
LONGEST_CODE_CELL = 30
LONGEST_DECLARATION = 5
DECLARATION = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|static|final|mutating|"
    r"nonisolated|override|indirect)\s+)*(func|init|struct|class|enum|extension|protocol|actor)\b\s*(\w*)")


def shape_problems(notebook: dict) -> list[str]:
    """Code cells longer than LONGEST_CODE_CELL lines and declarations (func, init, struct,
    class, enum, extension, protocol, actor; from the first line to the closing brace) longer
    than LONGEST_DECLARATION lines, as "code cell N: ..." (N counts code cells from 1)."""
    problems = []
    code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    for number, cell in enumerate(code_cells, start=1):
        lines = "".join(cell["source"]).rstrip("\n").split("\n")
        if len(lines) > LONGEST_CODE_CELL:
            problems.append(f"code cell {number}: {len(lines)} lines (at most {LONGEST_CODE_CELL})")
        for start, line in enumerate(lines):
            match = DECLARATION.match(line)
            if not match:
                continue
            depth, opened, end = 0, False, start
            for end in range(start, len(lines)):
                code = re.sub(r'"(?:\\.|[^"\\])*"|//.*', "", lines[end])  # braces in strings and comments do not count
                depth += code.count("{") - code.count("}")
                opened = opened or "{" in code
                if opened and depth <= 0:
                    break
            length = end - start + 1
            if length > LONGEST_DECLARATION:
                name = f"{match.group(1)} {match.group(2)}".strip()
                problems.append(f"code cell {number}: {name} is {length} lines (at most {LONGEST_DECLARATION})")
    return problems


def markdown_words(notebook: dict) -> int:
    """The words of the notebook's Markdown cells."""
    return sum(len("".join(cell["source"]).split()) for cell in notebook["cells"] if cell["cell_type"] == "markdown")


PRIMARY_KEYS = {"claim", "test", "level", "effect", "lower", "upper", "seeds", "p", "holm_p", "alpha", "holds"}


def check_results(results: dict, name: str) -> list[str]:
    """Problems with a results file's shape (empty when it follows notebooks/README.md).
    With primary claims ("primary"), the other claims may be none."""
    problems = []
    if set(results) - {"primary"} != {"notebook", "parameters", "models", "claims"}:
        problems.append(f"top-level keys {sorted(results)}")
    if results.get("notebook") != name:
        problems.append(f"notebook {results.get('notebook')!r}, expected {name!r}")
    if not isinstance(results.get("parameters"), dict):
        problems.append("parameters is not an object")
    models = results.get("models")
    if not isinstance(models, dict) or not models:
        problems.append("models is empty or not an object")
        models = {}
    for model, lists in models.items():
        seeds = lists.get("seeds")
        if not isinstance(seeds, list) or not seeds:
            problems.append(f"{model}: no seeds")
            continue
        for quantity, values in lists.items():
            if not isinstance(values, list) or len(values) != len(seeds):
                problems.append(f"{model}: {quantity} has {len(values) if isinstance(values, list) else '?'} entries for {len(seeds)} seeds")
        if "test_accuracy" not in lists:
            problems.append(f"{model}: no test_accuracy")
    claims = results.get("claims")
    if not isinstance(claims, list) or (not claims and "primary" not in results):
        problems.append("no claims")
        claims = []
    for claim in claims:
        if set(claim) != {"claim", "holds", "detail"} or not isinstance(claim.get("holds"), bool):
            problems.append(f"claim {claim!r} is not {{claim, holds, detail}}")
    if "primary" in results:
        primary = results["primary"]
        if not isinstance(primary, list) or not primary:
            problems.append("primary is empty or not a list")
            primary = []
        for record in primary:
            if not isinstance(record, dict) or set(record) != PRIMARY_KEYS:
                problems.append(f"primary claim {record!r} is not {{{', '.join(sorted(PRIMARY_KEYS))}}}")
            elif not isinstance(record["holds"], bool) or not isinstance(record["seeds"], int) \
                    or not (record["level"] is None or isinstance(record["level"], str)):
                problems.append(f"primary claim {record['claim']!r}: holds, seeds or level of the wrong type")
    return problems


def run_notebook(executable: Path, notebook: Path, out: Path, parameters: dict[str, object]) -> tuple[dict, float]:
    """Runs one notebook into `out`; returns its results file and the wall time in seconds."""
    overrides = [argument for key, value in parameters.items() for argument in ("-p", f"{key}={value}")]
    start = time.monotonic()
    completed = subprocess.run(
        [str(executable), "run", str(notebook), "-o", notebook.name, "-q", *overrides],
        cwd=out, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if completed.returncode != 0:
        raise RuntimeError(f"{notebook.name} failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")
    results = json.loads((out / f"{notebook.stem}.results.json").read_text())
    return results, seconds


def interval(values: list) -> str:
    """'0.9680 ± 0.0041' (mean and 95% t half-width) of the finite values."""
    finite = [v for v in values if isinstance(v, (int, float))]
    if not finite:
        return "-"
    n = len(finite)
    mean = sum(finite) / n
    if n < 2:
        return f"{mean:.4f}"
    sd = (sum((v - mean) ** 2 for v in finite) / (n - 1)) ** 0.5
    # Student's t, 97.5% quantile, for the small seed counts notebooks use.
    t_table = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
               10: 2.228, 11: 2.201, 12: 2.179, 14: 2.145, 19: 2.093, 29: 2.045}
    t = t_table.get(n - 1) or min((v for k, v in t_table.items() if k <= n - 1), default=1.96)
    return f"{mean:.4f} ± {t * sd / n ** 0.5:.4f}"


def fixed(value, digits: int = 4, signed: bool = False) -> str:
    """A number as the library writes it ("0.0140", "+0.0140"); "nan" for null."""
    if not isinstance(value, (int, float)):
        return "nan"
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    return text.replace("-0.0000", "0.0000").replace("+0.0000", "0.0000") if float(text) == 0 else text


def p_value(value) -> str:
    """A p-value as the library writes it: "0.003", "<0.001", "1.000"; "nan" for null."""
    if not isinstance(value, (int, float)):
        return "nan"
    return "<0.001" if value < 0.001 else f"{value:.3f}"


def primary_markdown(primary: list[dict]) -> list[str]:
    """The primary claims' table: claim | effect [95% CI] | seeds | p | Holm p | verdict."""
    alphas = sorted({record["alpha"] for record in primary if isinstance(record["alpha"], (int, float))})
    alpha = ", ".join(f"{a:g}" for a in alphas) or "?"
    lines = [f"Primary claims (Holm-corrected across {len(primary)}, alpha {alpha}):", "",
             "| claim | test | effect [95% CI] | seeds | p | Holm p | verdict |", "|---|---|---:|---:|---:|---:|---|"]
    for record in primary:
        claim = record["claim"] if record["level"] is None else f"{record['level']}: {record['claim']}"
        paired = not record["test"].startswith("mean ")  # a one-sample test's effect is the mean itself
        effect = f"{fixed(record['effect'], signed=paired)} [{fixed(record['lower'])}, {fixed(record['upper'])}]"
        verdict = "holds" if record["holds"] else "**does not hold**"
        lines.append(f"| {claim} | {record['test']} | {effect} | {record['seeds']} | {p_value(record['p'])} | "
                     f"{p_value(record['holm_p'])} | {verdict} |")
    return lines + [""]


def notebook_markdown(results: dict, ran: str) -> list[str]:
    """One notebook's section below its heading: its parameters and `ran` (how long, where),
    its primary claims (when it has them), each model's quantities and its other claims."""
    lines = []
    parameters = ", ".join(f"{k}={json.dumps(v)}" for k, v in sorted(results["parameters"].items()))
    lines += [f"Parameters: {parameters}. {ran}", ""]
    if results.get("primary"):
        lines += primary_markdown(results["primary"])
    models = results["models"]
    quantities = [q for q in next(iter(models.values())) if q not in ("seeds", "chosen")]
    lines += ["| model | seeds | " + " | ".join(quantities) + " |", "|---|---|" + "---:|" * len(quantities)]
    for model, lists in models.items():
        seeds = lists["seeds"]
        seed_text = f"{seeds[0]}-{seeds[-1]}" if seeds == list(range(seeds[0], seeds[-1] + 1)) else ",".join(map(str, seeds))
        lines.append(f"| {model} | {seed_text} | " + " | ".join(interval(lists.get(q, [])) for q in quantities) + " |")
    lines.append("")
    if results["claims"]:
        lines += ["Other claims (exploratory):" if results.get("primary") else "Claims:", ""]
    for claim in results["claims"]:
        verdict = "holds" if claim["holds"] else "**does not hold**"
        lines.append(f"- {verdict}: {claim['claim']}  ")
        lines.append(f"  {claim['detail']}")
    lines.append("")
    return lines


def results_markdown(runs: list[tuple[str, dict, float]], commit: str) -> str:
    """RESULTS.md's default part: per notebook its parameters, its primary claims (when it
    has them), each model's quantities and its other claims."""
    lines = [
        "# Results of the notebooks",
        "",
        f"Generated by `make reproduce` (`notebooks/reproduce.py`) at commit `{commit}`, every notebook",
        "at its default parameters, from the `NAME.results.json` files the notebooks wrote. Values are",
        "mean ± 95% confidence half-width over the seeds listed (Student's t); nothing here is typed by hand.",
        "The full-scale runs, recorded from sweeps, follow at the end.",
        "",
    ]
    held = sum(claim["holds"] for _, results, _ in runs for claim in results["claims"])
    total = sum(len(results["claims"]) for _, results, _ in runs)
    primary_held = sum(record["holds"] for _, results, _ in runs for record in results.get("primary", []))
    primary_total = sum(len(results.get("primary", [])) for _, results, _ in runs)
    if primary_total:
        lines += [f"{primary_held} of {primary_total} primary claims hold (each notebook's Holm-corrected together); "
                  f"{held} of {total} other claims hold (exploratory, not corrected).", ""]
    else:
        lines += [f"{held} of {total} claims hold.", ""]
    for name, results, seconds in runs:
        lines += [f"## {name}", ""] + notebook_markdown(results, f"Ran in {seconds:.0f} s.")
    return "\n".join(lines)


FULL_RUNS = NOTEBOOKS / "full-runs"
FULL_RUNS_HEADING = "# Full-scale runs, from sweeps"


def full_runs_markdown() -> str:
    """RESULTS.md's last part: every run recorded in notebooks/full-runs/ (`--record-full-run`),
    each gathered from a sweep's tasks, with the sweep's tasks and wall time."""
    lines = [FULL_RUNS_HEADING, "",
             "Runs at `full=true` (or a part of it), too long for `make reproduce`: each ran as a sweep",
             "(`swift-margin sweep ... --seeds N`, each seed and setting a task), and a gathering run of",
             "the notebook with `sweep=DIR` put the tasks' runs together; `notebooks/reproduce.py",
             "--record-full-run DIR` recorded it in `notebooks/full-runs/`. Values as above.", ""]
    records = sorted(FULL_RUNS.glob("*.sweep.json")) if FULL_RUNS.is_dir() else []
    if not records:
        lines += ["None recorded yet.", ""]
    for record_path in records:
        record = json.loads(record_path.read_text())
        results = json.loads((FULL_RUNS / f"{record['name']}.results.json").read_text())
        swept = ", ".join(f"{k}={v}" for k, v in sorted(record["swept"].items()))
        ran = (f"A sweep of {record['tasks']} tasks ({swept}; one seed each, seeds {record['seeds']}) on {record['ran_on']}, "
               f"at commit `{record['commit']}`: {record['wall_seconds']:.0f} s wall ({record['wall_seconds'] / 3600:.1f} h) "
               f"from the first task's start to the last one's end, the tasks' wall times summing to {record['task_seconds'] / 3600:.1f} h; "
               f"the gathering run took {record['gather_seconds']:.0f} s." + (f" {record['note']}" if record.get("note") else ""))
        lines += [f"## {record['name']}, {record['scale']}", ""] + notebook_markdown(results, ran)
    return "\n".join(lines)


def sweep_parameters(runs: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """The parameters a sweep's tasks shared, and those it swept (their values joined by commas
    in the order first met), from the tasks' run.json records; seeds and firstSeed left out."""
    shared, swept = {}, {}
    names = sorted({name for run in runs for name in run["parameters"]} - {"seeds", "firstSeed"})
    for name in names:
        values = []
        for run in runs:
            value = run["parameters"].get(name)
            if value is not None and value not in values:
                values.append(value)
        (swept if len(values) > 1 else shared)[name] = ",".join(values)
    return shared, swept


def record_full_run(executable: Path, folder: Path, note: str = "") -> int:
    """Gathers a finished sweep in `folder` (its notebook run with sweep=FOLDER and the tasks'
    shared and swept parameters), records the results and the sweep's times in
    notebooks/full-runs/, and rewrites RESULTS.md's full-scale part."""
    runs = [json.loads(path.read_text()) for path in sorted((folder / "runs").glob("*/run.json"))]
    failed = [run["point"] for run in runs if run["status"] != "succeeded"]
    if not runs or failed:
        print(f"{folder}: {len(runs)} finished tasks, failed: {failed}; record a sweep whose every task succeeded", file=sys.stderr)
        return 1
    notebook = REPO / "notebooks" / Path(runs[0]["notebook"]).name
    shared, swept = sweep_parameters(runs)
    gathered = folder / "gathered"
    gathered.mkdir(exist_ok=True)
    results, seconds = run_notebook(executable.resolve(), notebook, gathered, {**shared, **swept, "sweep": str(folder.resolve())})
    problems = check_results(results, notebook.stem)
    for problem in problems:
        print(f"{notebook.name}: gathered results file: {problem}", file=sys.stderr)
    if problems:
        return 1
    starts = [datetime.fromisoformat(run["finished"].replace("Z", "+00:00")).timestamp() - run["wall_seconds"] for run in runs]
    ends = [datetime.fromisoformat(run["finished"].replace("Z", "+00:00")).timestamp() for run in runs]
    workers = sorted({run["ran_on"] for run in runs})
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    record = {
        "name": notebook.stem, "scale": " ".join(f"{k}={v}" for k, v in sorted(shared.items()) if k in ("full", "quick")) or "default",
        "swept": swept, "shared": shared, "tasks": len(runs), "seeds": f"{min(r['seed'] for r in runs)}-{max(r['seed'] for r in runs)}",
        "ran_on": "local workers" if workers == ["local"] else f"Dask ({len(workers)} workers)",
        "commit": commit, "wall_seconds": max(ends) - min(starts), "task_seconds": sum(run["wall_seconds"] for run in runs),
        "gather_seconds": seconds, "note": note,
    }
    FULL_RUNS.mkdir(exist_ok=True)
    (FULL_RUNS / f"{notebook.stem}.results.json").write_text((gathered / f"{notebook.stem}.results.json").read_text())
    (FULL_RUNS / f"{notebook.stem}.sweep.json").write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
    text = (NOTEBOOKS / "RESULTS.md").read_text()
    default_part = text.split(FULL_RUNS_HEADING)[0].rstrip("\n") + "\n\n"
    (NOTEBOOKS / "RESULTS.md").write_text(default_part + full_runs_markdown())
    print(f"recorded {notebook.stem} from {folder}: {len(runs)} tasks, {record['wall_seconds']:.0f} s wall; rewrote RESULTS.md's full-scale part")
    return 0


COST_MARKERS = ("This run: about ", "Training the models: about ")


def has_full_scale(notebook: dict) -> bool:
    """Whether the notebook's parameters cell declares `full` (the image notebooks' third scale)."""
    return any(cell["cell_type"] == "code" and "parameters" in cell.get("metadata", {}).get("tags", [])
               and re.search(r"^let full = ", "".join(cell["source"]), re.MULTILINE) for cell in notebook["cells"])


def full_cost(executable: Path, notebook: Path) -> list[str]:
    """The cost a notebook states at full=true before it trains (`CostEstimate`): runs it until
    that statement is printed, then stops it (and the processes it started)."""
    with tempfile.TemporaryDirectory() as folder:
        process = subprocess.Popen([str(executable), "run", str(notebook), "-o", notebook.name, "-p", "full=true"],
                                   cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        lines: list[str] = []
        try:
            for line in process.stdout:
                line = line.rstrip("\n")
                if lines and not line.strip():
                    break
                if lines or line.startswith(COST_MARKERS):
                    lines.append(line)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
    if not lines:
        raise RuntimeError(f"{notebook.name} at full=true ended without stating its cost")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--executable", type=Path, default=REPO / ".build/release/swift-margin")
    parser.add_argument("--out", type=Path, default=NOTEBOOKS / "out")
    parser.add_argument("--quick", action="store_true", help="run with quick=true and check, without writing RESULTS.md")
    parser.add_argument("--record-full-run", type=Path, metavar="DIR",
                        help="gather the finished sweep in DIR, record it in notebooks/full-runs/ and RESULTS.md's full-scale part")
    parser.add_argument("--note", default="", help="with --record-full-run: a sentence on how the sweep ran, shown with its times")
    parser.add_argument("--full-costs", action="store_true",
                        help="print the cost each image notebook states at full=true, stopping it before it trains")
    parser.add_argument("notebooks", nargs="*", help="names of notebooks to run (default: all)")
    arguments = parser.parse_args()
    if arguments.record_full_run:
        return record_full_run(arguments.executable, arguments.record_full_run, arguments.note)
    if arguments.full_costs:
        for notebook in notebook_paths():
            if has_full_scale(json.loads(notebook.read_text())):
                print(f"== {notebook.name} at full=true", flush=True)
                print("\n".join(full_cost(arguments.executable.resolve(), notebook)), flush=True)
        return 0
    arguments.out.mkdir(parents=True, exist_ok=True)
    chosen = [p for p in notebook_paths() if not arguments.notebooks or p.name in arguments.notebooks or p.stem in arguments.notebooks]
    runs = []
    failed = False
    for notebook in chosen:
        content = json.loads(notebook.read_text())
        typed = markdown_numbers(content)
        if typed:
            print(f"{notebook.name}: Markdown holds result-like numbers {typed}", file=sys.stderr)
            failed = True
        results, seconds = run_notebook(arguments.executable.resolve(), notebook, arguments.out, {"quick": "true"} if arguments.quick else {})
        problems = check_results(results, notebook.stem)
        for problem in problems:
            print(f"{notebook.name}: results file: {problem}", file=sys.stderr)
        failed = failed or bool(problems)
        holds = sum(c["holds"] for c in results["claims"])
        primary = results.get("primary", [])
        primary_text = f"{sum(r['holds'] for r in primary)} of {len(primary)} primary claims and " if primary else ""
        print(f"{notebook.name}: {seconds:.0f} s, {primary_text}{holds} of {len(results['claims'])} claims hold", flush=True)
        runs.append((notebook.stem, results, seconds))
    if not arguments.quick and not arguments.notebooks:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        (NOTEBOOKS / "RESULTS.md").write_text(results_markdown(runs, commit + (" with uncommitted changes" if dirty else "")) + "\n"
                                              + full_runs_markdown())
        print(f"wrote {NOTEBOOKS / 'RESULTS.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

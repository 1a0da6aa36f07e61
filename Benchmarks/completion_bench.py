#!/usr/bin/env python3
"""Latency of editor help (complete_request and inspect_request answered by sourcekit-lsp),
printed, never asserted.

    SWIFT_MARGIN_EXECUTABLE=$PWD/.build/debug/swift-margin \\
        .venv/bin/python Benchmarks/completion_bench.py [--repeats 20] [--cells 50]

Every figure is a round trip seen by a Jupyter client (request sent -> reply received):
1. cold: the first completion of a new kernel (sourcekit-lsp starts and loads the standard
   library and the project's modules);
2. warm: each sample completed --repeats times in turn (the document changes between
   requests, as when typing), median, 90th percentile and maximum; typing: a name completed
   one more character at a time;
3. inspection of `print` and `largeMarginLoss` (every overload), warm;
4. after a cell that declares something: the first completion (the server is started again so
   it sees the new cell module), then warm;
5. after --cells more declaring cells: the first completion and warm completions;
6. the symbol-graph fallback (SWIFT_MARGIN_SOURCEKIT_LSP=off) for comparison.
Target: warm requests under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "kernel"))

import kernel_helpers as kh  # noqa: E402

SAMPLES = [
    ("stdlib member", "Double(2).squareR"),
    ("name in the cell", "let zebraQuagga = 3\nzebraQ"),
    ("project member", "model.par"),
    ("enum case", "let c = MarginConfiguration(gamma: 1, norm: ."),
    ("global", "largeMarg"),
]


def timed(kc, method: str, code: str) -> tuple[float, dict]:
    started = time.perf_counter()
    reply = kh.request(kc, method, code, cursor_pos=len(code), timeout=60)["content"]
    return (time.perf_counter() - started) * 1000, reply


def summary(values: list[float]) -> str:
    values = sorted(values)
    p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
    return f"median {statistics.median(values):7.1f} ms   p90 {p90:7.1f} ms   max {values[-1]:7.1f} ms   (n={len(values)})"


def warm(kc, repeats: int, label: str) -> None:
    figures: dict[str, list[float]] = {name: [] for name, _ in SAMPLES}
    for _ in range(repeats):
        for name, code in SAMPLES:
            ms, _ = timed(kc, "complete", code)
            figures[name].append(ms)
    print(f"  {label}")
    for name, values in figures.items():
        print(f"    {name:18s} {summary(values)}")


def tool_rss_mb(km) -> float:
    """The resident memory of the sourcekit-lsp processes under the kernel."""
    pid = kh.kernel_pid(km)
    total = 0
    for process in kh.process_tree(pid):
        try:
            with open(f"/proc/{process}/cmdline", "rb") as f:
                if b"sourcekit-lsp" not in f.read():
                    continue
            total += kh.process_tree_rss_kb(process)
        except OSError:
            pass
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--cells", type=int, default=50)
    args = parser.parse_args()
    print(f"kernel: {kh.executable()}   cores: {os.cpu_count()}")

    km, kc = kh.start_kernel()
    try:
        kh.run_ok(kc, "1 + 1")
        ms, reply = timed(kc, "complete", "Double(2).squareR")
        print(f"1. cold first completion: {ms:.1f} ms -> {reply['matches']}")

        kh.run_ok(kc, "var g = SeededGenerator(seed: 1)\n"
                      "var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 4, 2], using: &g)")
        ms, reply = timed(kc, "complete", "model.par")
        print(f"4. first completion after a declaring cell: {ms:.1f} ms -> {reply['matches']}")
        print("2. warm completion")
        warm(kc, args.repeats, "after 2 cells")
        typing = []
        word = "model.parameterCount"
        for end in range(len("model.p"), len(word) + 1):
            ms, _ = timed(kc, "complete", word[:end])
            typing.append(ms)
        print(f"    {'typing':18s} {summary(typing)}")

        print("3. warm inspection")
        for name in ["print", "largeMarginLoss", "model.saveParameters"]:
            values = [timed(kc, "inspect", name)[0] for _ in range(args.repeats)]
            print(f"    {name:22s} {summary(values)}")

        for index in range(args.cells):
            kh.run_ok(kc, f"var benchName{index} = {index}\nfunc benchFunction{index}() -> Int {{ {index} }}")
        ms, reply = timed(kc, "complete", "benchFunction1")
        print(f"5. after {args.cells} more declaring cells: first completion {ms:.1f} ms -> {len(reply['matches'])} matches")
        warm(kc, args.repeats, f"warm, after {args.cells + 2} declaring cells")
        print(f"   sourcekit-lsp resident memory: {tool_rss_mb(km):.0f} MB")
    finally:
        kh.stop_kernel(km, kc)

    km, kc = kh.start_kernel(extra_env={"SWIFT_MARGIN_SOURCEKIT_LSP": "off"})
    try:
        kh.run_ok(kc, "1 + 1")
        timed(kc, "complete", "Tens")
        values = [timed(kc, "complete", "Tens")[0] for _ in range(args.repeats)]
        print(f"6. symbol-graph fallback ('Tens'): {summary(values)}")
    finally:
        kh.stop_kernel(km, kc)


if __name__ == "__main__":
    main()

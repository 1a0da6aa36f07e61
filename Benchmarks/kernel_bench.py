#!/usr/bin/env python3
"""Figures for the swift-margin Jupyter kernel (printed, never asserted).

    .venv/bin/python Benchmarks/kernel_bench.py [--executable PATH] [--cells 50] [--memory-cells 1000]

1. start: kernel start to the first kernel_info_reply, median of --starts starts, for
   swift-margin and for ipykernel (the venv's python3 kernel), and their ratio;
2. round trip: execute_request sent -> execute_reply and idle received, for a trivial cell
   (`1 + 1`), median over --cells runs, for both kernels;
3. bare compile: the newest generated cell source (CellN.swift in the session folder) compiled
   by bare swiftc with the session's own arguments (CellN.command), --cells times,
   median, and round trip / bare compile (targets: round trip < 300 ms, within 1.5x of bare);
4. memory: resident memory of the kernel and its executor processes (VmRSS from /proc) before
   and after --memory-cells trivial cells, and the growth (target: < 200 MB for 1000 cells).
   --memory-cells 0 skips it.
5. session length: the round trip of `1 + 1` (median of 5) after 0, 100, 200 and 300
   declaring cells (`let vN = N`), for both kernels, beside bare swiftc of the newest
   generated `1 + 1` cell (target: under 300 ms after 300 cells). --session-cells 0 skips it.

Run it with the venv's python (it needs jupyter_client and ipykernel).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

REPO_ROOT = Path(__file__).resolve().parents[1]
SWIFT_KERNEL = "swift-margin"
PYTHON_KERNEL = "python3"

try:
    from jupyter_client.manager import KernelManager
except ImportError:  # pragma: no cover
    sys.exit("kernel_bench.py needs jupyter_client: run it with .venv/bin/python")


# ---------------------------------------------------------------------------------------------
# Setup


def install_kernels(executable: Path, prefix: Path) -> None:
    """Installs both kernelspecs under `prefix` and points JUPYTER_PATH there."""
    subprocess.run([str(executable), "install", "--prefix", str(prefix), "--name", SWIFT_KERNEL],
                   check=True, capture_output=True, timeout=60)
    subprocess.run([sys.executable, "-m", "ipykernel", "install", "--prefix", str(prefix), "--name", PYTHON_KERNEL],
                   check=True, capture_output=True, timeout=60)
    os.environ["JUPYTER_PATH"] = str(prefix / "share" / "jupyter")


def kernel_environment(tmpdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["TMPDIR"] = str(tmpdir)
    return env


def wait_reply(channel_get, msg_id: str, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no reply to {msg_id} within {timeout} s")
        try:
            msg = channel_get(timeout=min(remaining, 1.0))
        except Empty:
            continue
        if msg.get("parent_header", {}).get("msg_id") == msg_id:
            return msg


def wait_idle(kc, msg_id: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no idle for {msg_id} within {timeout} s")
        try:
            msg = kc.get_iopub_msg(timeout=min(remaining, 1.0))
        except Empty:
            continue
        if (msg.get("parent_header", {}).get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return


def start(kernel_name: str, env: dict[str, str]):
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel(env=env)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return km, kc


def stop(km, kc) -> None:
    try:
        kc.stop_channels()
    except Exception:
        pass
    try:
        km.shutdown_kernel(now=False)
    except Exception:
        km.shutdown_kernel(now=True)


def execute(kc, code: str, timeout: float = 120.0) -> tuple[float, dict]:
    """Round trip of one cell: request sent -> reply and idle received. Returns (seconds, reply)."""
    t0 = time.perf_counter()
    msg_id = kc.execute(code, allow_stdin=False)
    reply = wait_reply(kc.get_shell_msg, msg_id, timeout)
    wait_idle(kc, msg_id, timeout)
    elapsed = time.perf_counter() - t0
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell {code!r} failed: {reply['content']}")
    return elapsed, reply


# ---------------------------------------------------------------------------------------------
# 1. Start


def time_start(kernel_name: str, env: dict[str, str], starts: int) -> list[float]:
    times = []
    for _ in range(starts):
        km = KernelManager(kernel_name=kernel_name)
        t0 = time.perf_counter()
        km.start_kernel(env=env)
        kc = km.client()
        kc.start_channels()
        try:
            # One kernel_info_request, queued by ZeroMQ until the kernel's socket is bound.
            msg_id = kc.kernel_info()
            wait_reply(kc.get_shell_msg, msg_id, 60)
            times.append(time.perf_counter() - t0)
        finally:
            stop(km, kc)
    return times


# ---------------------------------------------------------------------------------------------
# 3. Bare compile


def newest_cell_source(tmpdir: Path) -> Path | None:
    sources = [p for p in tmpdir.glob("swift-margin-session-*/Cell*.swift") if p.stem[4:].isdigit()]
    return max(sources, key=lambda p: (p.stat().st_mtime, int(p.stem[4:]))) if sources else None


def compile_command(source: Path, output_dir: Path) -> list[str] | None:
    """The argv the session compiled `source` with (its CellN.command), with every output
    redirected into `output_dir` (the session's own library stays untouched: the executor
    has it loaded); None when the session wrote no command file."""
    command_file = source.with_suffix(".command")
    if not command_file.exists():
        return None
    redirected = []
    replace_next = None
    for argument in json.loads(command_file.read_text()):
        if replace_next is not None:
            redirected.append(str(output_dir / Path(argument).name))
            replace_next = None
            continue
        redirected.append(argument)
        if argument in ("-o", "-emit-module-path", "-emit-symbol-graph-dir"):
            replace_next = argument
    return redirected


def time_bare_compile(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        completed = subprocess.run(argv, capture_output=True, text=True, timeout=300)
        times.append(time.perf_counter() - t0)
        if completed.returncode != 0:
            raise RuntimeError(f"bare compile failed:\n{' '.join(argv)}\n{completed.stdout}{completed.stderr}")
    return times


# ---------------------------------------------------------------------------------------------
# 4. Memory


def process_tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                children.setdefault(int(stat[stat.rindex(")") + 2:].split()[1]), []).append(int(entry))
            except (OSError, ValueError):
                pass
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def rss_mb(pid: int) -> tuple[float, str]:
    """Sum of VmRSS of `pid` and its descendants in MB, and how many processes that is
    (zombies counted apart: they hold a process id, no memory)."""
    total_kb = 0
    live = zombies = 0
    for current in process_tree(pid):
        try:
            status = Path(f"/proc/{current}/status").read_text().splitlines()
        except OSError:
            continue
        state = next((line.split()[1] for line in status if line.startswith("State:")), "?")
        if state in ("Z", "X"):
            zombies += 1
            continue
        live += 1
        for line in status:
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
                break
    return total_kb / 1024, f"{live} processes" + (f" + {zombies} zombies" if zombies else "")


def kernel_pid(km) -> int:
    return km.provisioner.process.pid


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


# ---------------------------------------------------------------------------------------------


def median_ms(values: list[float]) -> float:
    return 1000 * statistics.median(values)


def describe(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"median {median_ms(values):.1f} ms (min {1000 * ordered[0]:.1f}, p90 {1000 * p90:.1f}, n={len(values)})"


def session_length_rows(env: dict[str, str], tmpdir: Path, bare_out: Path, total: int) -> list[tuple[str, str, str, str]]:
    """[5]: both kernels run `let vN = N` cells; at each quarter of `total`, five `1 + 1` round
    trips are timed, and bare swiftc of the newest generated `1 + 1` cell."""
    marks = sorted({0, total // 3, 2 * total // 3, total})
    rows = []
    km, kc = start(SWIFT_KERNEL, env)
    pkm, pkc = start(PYTHON_KERNEL, env)
    try:
        execute(kc, "1 + 1")
        execute(pkc, "1 + 1")
        declared = 0
        for mark in marks:
            while declared < mark:
                execute(kc, f"let v{declared} = {declared}")
                execute(pkc, f"v{declared} = {declared}")
                declared += 1
            swift = [execute(kc, "1 + 1")[0] for _ in range(5)]
            python = [execute(pkc, "1 + 1")[0] for _ in range(5)]
            source = newest_cell_source(tmpdir)
            argv = compile_command(source, bare_out) if source is not None else None
            bare = time_bare_compile(argv, 3) if argv is not None else []
            bare_text = f"{median_ms(bare):.0f} ms" if bare else "n/a"
            print(f"    after {mark:3d} declaring cells: swift-margin {median_ms(swift):.0f} ms, "
                  f"ipykernel {median_ms(python):.1f} ms, bare swiftc {bare_text}", flush=True)
            rows.append((f"`1 + 1` after {mark} declaring cells", f"{median_ms(swift):.0f} ms",
                         f"ipykernel {median_ms(python):.1f} ms, bare swiftc {bare_text}",
                         f"{statistics.median(swift) / statistics.median(bare):.2f}x bare" if bare else ""))
    finally:
        stop(pkm, pkc)
        stop(km, kc)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--executable", type=Path,
                        default=Path(os.environ.get("SWIFT_MARGIN_EXECUTABLE", REPO_ROOT / ".build/debug/swift-margin")))
    parser.add_argument("--cells", type=int, default=50, help="round trips and bare compiles to time")
    parser.add_argument("--memory-cells", type=int, default=1000, help="trivial cells for the memory figure (0 skips)")
    parser.add_argument("--starts", type=int, default=5, help="kernel starts to time")
    parser.add_argument("--session-cells", type=int, default=300,
                        help="declaring cells for the latency-against-session-length figure (0 skips)")
    args = parser.parse_args()
    executable = args.executable.resolve()
    if not executable.is_file():
        sys.exit(f"no kernel executable at {executable} (build it, or pass --executable)")

    work = Path(tempfile.mkdtemp(prefix="swift-margin-bench-"))
    prefix, tmpdir, bare_out = work / "prefix", work / "tmp", work / "bare"
    for folder in (tmpdir, bare_out):
        folder.mkdir(parents=True)
    install_kernels(executable, prefix)
    env = kernel_environment(tmpdir)
    print(f"swift-margin kernel benchmark: {executable}")
    print(f"machine: {os.cpu_count()} cores, {platform.platform()}, load {os.getloadavg()[0]:.2f}; "
          f"python {platform.python_version()}; scratch {work}")
    rows: list[tuple[str, str, str, str]] = []

    try:
        # 1. Start.
        print(f"\n[1] kernel start -> first kernel_info_reply ({args.starts} starts each)", flush=True)
        swift_starts = time_start(SWIFT_KERNEL, env, args.starts)
        print(f"    swift-margin: {describe(swift_starts)}", flush=True)
        python_starts = time_start(PYTHON_KERNEL, env, args.starts)
        print(f"    ipykernel:    {describe(python_starts)}", flush=True)
        rows.append(("start to kernel_info_reply", f"{median_ms(swift_starts):.0f} ms",
                     f"ipykernel {median_ms(python_starts):.0f} ms",
                     f"{statistics.median(swift_starts) / statistics.median(python_starts):.2f}x"))

        # 2. and 3. Round trips of a trivial cell, interleaved with bare compiles of the same
        # generated source, so that both see the same machine speed (this VM's speed drifts).
        print(f"\n[2] round trip of `1 + 1` (execute_request -> execute_reply + idle), {args.cells} runs", flush=True)
        km, kc = start(SWIFT_KERNEL, env)
        try:
            cold, _ = execute(kc, "1 + 1")
            print(f"    swift-margin first (cold) cell: {1000 * cold:.0f} ms", flush=True)
            execute(kc, "1 + 1")
            source = newest_cell_source(tmpdir)
            argv = compile_command(source, bare_out) if source is not None else None
            if argv is not None:
                time_bare_compile(argv, 1)  # warm the file cache
            swift_trips, bare = [], []
            for _ in range(args.cells):
                swift_trips.append(execute(kc, "1 + 1")[0])
                if argv is not None:
                    bare += time_bare_compile(argv, 1)
            print(f"    swift-margin: {describe(swift_trips)}", flush=True)

            pkm, pkc = start(PYTHON_KERNEL, env)
            try:
                execute(pkc, "1 + 1")
                python_trips = [execute(pkc, "1 + 1")[0] for _ in range(args.cells)]
            finally:
                stop(pkm, pkc)
            print(f"    ipykernel:    {describe(python_trips)}", flush=True)
            rows.append(("first (cold) cell", f"{1000 * cold:.0f} ms", "", ""))
            rows.append(("round trip `1 + 1`", f"{median_ms(swift_trips):.0f} ms",
                         f"ipykernel {median_ms(python_trips):.1f} ms",
                         f"{statistics.median(swift_trips) / statistics.median(python_trips):.0f}x"))

            print(f"\n[3] bare swiftc on the newest generated cell, {args.cells} runs (interleaved with [2])", flush=True)
            if argv is None:
                print(f"    no CellN.swift with its CellN.command under {tmpdir}/swift-margin-session-*/: skipped")
            else:
                print(f"    {source.name} with {source.with_suffix('.command').name} (the session's exact argv):")
                print("    " + " ".join(argv))
                print(f"    bare swiftc:  {describe(bare)}", flush=True)
                ratio = statistics.median(swift_trips) / statistics.median(bare)
                overhead = median_ms(swift_trips) - median_ms(bare)
                print(f"    round trip / bare compile = {ratio:.2f} (kernel overhead {overhead:.0f} ms); "
                      f"targets: round trip < 300 ms ({'met' if median_ms(swift_trips) < 300 else 'NOT met'}), "
                      f"ratio <= 1.5 ({'met' if ratio <= 1.5 else 'NOT met'})")
                rows.append(("bare swiftc of that cell", f"{median_ms(bare):.0f} ms", "round trip / bare",
                             f"{ratio:.2f}"))

            # 4. Memory.
            if args.memory_cells > 0:
                print(f"\n[4] resident memory before and after {args.memory_cells} trivial cells", flush=True)
                pid = kernel_pid(km)
                time.sleep(0.5)
                before, before_count = rss_mb(pid)
                session = max(tmpdir.glob("swift-margin-session-*"), key=lambda p: p.stat().st_mtime)
                disk_before = folder_mb(session)
                t0 = time.perf_counter()
                step = max(1, args.memory_cells // 10)
                for i in range(args.memory_cells):
                    execute(kc, "1 + 1")
                    if (i + 1) % step == 0:
                        now, count = rss_mb(pid)
                        print(f"    after {i + 1:5d} cells: {now:7.1f} MB in {count} "
                              f"({time.perf_counter() - t0:.0f} s)", flush=True)
                time.sleep(0.5)
                after, after_count = rss_mb(pid)
                disk_after = folder_mb(session)
                growth = after - before
                print(f"    before {before:.1f} MB ({before_count}), after {after:.1f} MB "
                      f"({after_count}): growth {growth:.1f} MB "
                      f"({1024 * growth / args.memory_cells:.0f} kB per cell); target < 200 MB per 1000 cells "
                      f"({'met' if growth * 1000 / args.memory_cells < 200 else 'NOT met'})")
                print(f"    session folder on disk: {disk_before:.1f} MB -> {disk_after:.1f} MB")
                rows.append((f"RSS growth over {args.memory_cells} cells", f"{growth:.1f} MB",
                             f"{before:.0f} -> {after:.0f} MB", f"{1024 * growth / args.memory_cells:.0f} kB/cell"))
                rows.append(("session folder growth", f"{disk_after - disk_before:.1f} MB", "", ""))
        finally:
            stop(km, kc)

        # 5. Latency against the session's length.
        if args.session_cells > 0:
            print(f"\n[5] round trip of `1 + 1` after 0 to {args.session_cells} declaring cells "
                  "(median of 5), beside bare swiftc of that cell", flush=True)
            for row in session_length_rows(env, tmpdir, bare_out, args.session_cells):
                rows.append(row)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("\n| figure | swift-margin | peer / detail | ratio |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

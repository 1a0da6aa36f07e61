"""An experiment in a notebook cell: its runs go to forked processes; the stop button ends the
runs under way within seconds, keeps the finished ones in the session, and leaves no run
process behind."""

from __future__ import annotations

import os
import tempfile
import time

import kernel_helpers as kh
from kernel_helpers import execute, run_ok, value_of

SETUP = """
import Foundation
let toy = DataSource.toy(.twoMoons(noise: 0.1), trainCount: 30, validationCount: 30, testCount: 50)
// Seed 1's run leaves a marker and hangs, so the interrupt comes while it runs.
let slow = DataSource(name: "slow") { seed in
    if seed == 1 {
        _ = FileManager.default.createFile(atPath: "MARKER", contents: nil)
        sleep(600)
    }
    return try toy.data(seed: seed)
}
let small = ModelSpec("cross-entropy", network: { Sequential<Float>.multilayerPerceptron(sizes: [2, 8, 2], using: &$0) }) { _ in
    ModelConfiguration(objective: .crossEntropy, steps: 20, batchSize: 16)
}
"""


def test_interrupt_keeps_finished_runs(kernel, kc):
    km, _ = kernel
    marker = os.path.join(tempfile.mkdtemp(prefix="experiment-interrupt-"), "marker")
    run_ok(kc, SETUP.replace("MARKER", marker))
    pid = kh.kernel_pid(km)
    processes_before = len(living_processes(pid))

    def interrupt_when_marked(_msg_id):
        import threading

        def wait_then_interrupt():
            deadline = time.monotonic() + 120
            while not os.path.exists(marker) and time.monotonic() < deadline:
                time.sleep(0.05)
            km.interrupt_kernel()
            interrupted_at.append(time.monotonic())

        threading.Thread(target=wait_then_interrupt, daemon=True).start()

    interrupted_at: list[float] = []
    ex = execute(kc, "let results = Experiment(data: slow, seeds: 0..<3, models: [small]).run(workers: 1)\nresults.statusLine",
                 timeout=180, during=interrupt_when_marked)
    assert interrupted_at, "the slow run never started"
    assert ex.replied_at - interrupted_at[0] < 5, f"the reply came {ex.replied_at - interrupted_at[0]:.1f} s after the interrupt"
    # An interrupted cell answers with an error (so Run All stops), and what it built stays.
    assert ex.status == "error" and ex.ename == "Interrupted", ex.describe()
    assert value_of(kc, "results.statusLine") == '"experiment: 1/3 runs done (1 models x 3 seeds), interrupted: the finished runs are kept"'
    assert value_of(kc, "results.runs.map(\\.seed)") == "[0]"
    # The hanging run's process is gone: as many processes live under the kernel as before the
    # cell (an executor that handed over to its cell's runner may linger as a zombie for a while).
    deadline = time.monotonic() + 15
    while len(living_processes(pid)) > processes_before and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(living_processes(pid)) == processes_before, living_processes(pid)


def living_processes(pid: int) -> list[int]:
    """`pid` and its descendants that have not exited (zombies left out)."""
    living = []
    for process in kh.process_tree(pid):
        try:
            with open(f"/proc/{process}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.append(process)
    return living

"""Starting, shutting down and restarting kernels."""

import time

from jupyter_client.manager import KernelManager

import kernel_helpers as kh
from kernel_helpers import execute, run_ok, value_of


def test_cold_start(kernelspec_prefix):
    km = KernelManager(kernel_name=kh.KERNEL_NAME)
    start = time.monotonic()
    km.start_kernel()
    kc = km.client()
    try:
        kc.start_channels()
        # The first kernel_info_reply (ask repeatedly, as wait_for_ready does).
        info_at = None
        while time.monotonic() - start < 30:
            msg_id = kc.kernel_info()
            try:
                reply = kh.shell_reply(kc, msg_id, timeout=0.5)
            except TimeoutError:
                continue
            if reply["content"]["status"] == "ok":
                info_at = time.monotonic()
                break
        assert info_at is not None, "no kernel_info_reply within 30 s"
        assert info_at - start < 5.0, f"first kernel_info_reply after {info_at - start:.2f} s"
        kh.drain_iopub(kc)
        cell_start = time.monotonic()
        ex = run_ok(kc, "1 + 1", timeout=60)
        cold = time.monotonic() - cell_start
        assert ex.result == "2"
        assert cold < 15.0, f"the first (cold) cell took {cold:.2f} s"
    finally:
        kh.stop_kernel(km, kc)


def test_shutdown_request_ends_the_process(fresh_kernel):
    km, kc = fresh_kernel
    run_ok(kc, "var x = 1")
    pid = kh.kernel_pid(km)
    processes = kh.process_tree(pid) if pid is not None else []
    assert len(processes) >= 2, "expected the kernel and its executor process"
    msg_id = kc.shutdown()
    reply = kh.control_reply(kc, msg_id, timeout=10)
    assert reply["msg_type"] == "shutdown_reply"
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["restart"] is False
    deadline = time.monotonic() + 5
    while km.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not km.is_alive(), "the kernel is still alive 5 s after shutdown_reply"
    # No executor processes are left behind either.
    deadline = time.monotonic() + 5
    while any(kh.is_running(p) for p in processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in processes if kh.is_running(p)], "processes left running after shutdown"


def test_restart_forgets_state(fresh_kernel):
    km, kc = fresh_kernel
    run_ok(kc, "var survivor = 1")
    assert value_of(kc, "survivor") == "1"
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=60)
    kh.drain_iopub(kc)
    ex = execute(kc, "survivor")
    assert ex.status == "error" and ex.ename == "CompileError", ex.describe()
    assert value_of(kc, "40 + 2") == "42"
    first = run_ok(kc, "1")
    assert first.content["execution_count"] <= 3


def zombie_children(pid):
    found = []
    for child in kh.process_tree(pid)[1:]:
        try:
            stat = open(f"/proc/{child}/stat").read()
        except OSError:
            continue
        if stat[stat.rindex(")") + 2] == "Z":
            found.append(child)
    return found


def test_finished_executor_processes_are_reaped(fresh_kernel):
    """Each cell runs in a forked executor; the ones that end must be collected, or a long
    session piles up zombie processes (one process id each)."""
    km, kc = fresh_kernel
    pid = kh.kernel_pid(km)
    for _ in range(12):
        run_ok(kc, "1 + 1")
    time.sleep(1.0)
    zombies = zombie_children(pid)
    assert len(zombies) <= 1, f"{len(zombies)} zombie processes under the kernel after 12 cells: {zombies}"
    live = [p for p in kh.process_tree(pid) if kh.is_running(p)]
    assert len(live) == 2, f"expected the kernel and one executor, found {live}"

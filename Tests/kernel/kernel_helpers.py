"""Helpers for talking to the swift-margin Jupyter kernel from tests and the benchmark.

Everything here waits with a timeout, so a kernel that stops answering makes a test fail
instead of hanging the run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from typing import Any, Callable

REPO_ROOT = Path(__file__).resolve().parents[2]
KERNEL_NAME = "swift-margin"

# Generous defaults: a cold first cell compiles in 1-3 s, later ones in about 0.5 s, but a
# loaded 2-core machine can be several times slower.
EXECUTE_TIMEOUT = float(os.environ.get("SWIFT_MARGIN_TEST_TIMEOUT", "60"))
STARTUP_TIMEOUT = 60.0


def executable() -> Path:
    """The kernel executable: $SWIFT_MARGIN_EXECUTABLE, else .build/debug/swift-margin."""
    configured = os.environ.get("SWIFT_MARGIN_EXECUTABLE")
    path = Path(configured) if configured else REPO_ROOT / ".build" / "debug" / "swift-margin"
    if not path.is_absolute():
        path = (REPO_ROOT / path).resolve()
    return path


_installed_prefix: Path | None = None


def install_kernelspec() -> Path:
    """Installs the kernelspec once per process into a temporary prefix P (with
    `<exe> install --prefix P --name swift-margin`) and points JUPYTER_PATH at P/share/jupyter.
    Returns P."""
    global _installed_prefix
    if _installed_prefix is not None:
        return _installed_prefix
    exe = executable()
    if not exe.is_file():
        raise RuntimeError(
            f"the kernel executable {exe} does not exist: build it (swift build --product swift-margin) "
            "or set SWIFT_MARGIN_EXECUTABLE"
        )
    prefix = Path(tempfile.mkdtemp(prefix="swift-margin-kernelspec-"))
    completed = subprocess.run(
        [str(exe), "install", "--prefix", str(prefix), "--name", KERNEL_NAME],
        capture_output=True, text=True, timeout=60,
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"{exe} install failed ({completed.returncode}):\n{completed.stdout}\n{completed.stderr}"
        )
    jupyter_path = prefix / "share" / "jupyter"
    existing = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(jupyter_path) + (os.pathsep + existing if existing else "")
    _installed_prefix = prefix
    return prefix


def kernelspec_file() -> Path:
    return install_kernelspec() / "share" / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json"


# ---------------------------------------------------------------------------------------------
# Starting kernels


def start_kernel(extra_env: dict[str, str] | None = None, timeout: float = STARTUP_TIMEOUT):
    """A started KernelManager and a BlockingKernelClient with its channels running, ready."""
    from jupyter_client.manager import KernelManager

    install_kernelspec()
    km = KernelManager(kernel_name=KERNEL_NAME)
    env = dict(os.environ)
    if extra_env:
        env.update(extra_env)
    km.start_kernel(env=env)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=timeout)
    except Exception:
        stop_kernel(km, kc)
        raise
    return km, kc


def stop_kernel(km, kc, timeout: float = 10.0) -> None:
    """Stops the channels and the kernel; kills it when it does not stop in time."""
    try:
        kc.stop_channels()
    except Exception:
        pass
    try:
        if km.has_kernel:
            km.shutdown_wait_time = timeout
            km.shutdown_kernel(now=False)
    except Exception:
        try:
            km.shutdown_kernel(now=True)
        except Exception:
            pass


# ---------------------------------------------------------------------------------------------
# Executing cells


@dataclass
class Execution:
    """Everything one execute_request produced."""

    code: str
    msg_id: str
    reply: dict[str, Any]
    # The iopub messages whose parent is the request, in arrival order (busy ... idle).
    iopub: list[dict[str, Any]]
    stdin_requests: list[dict[str, Any]] = field(default_factory=list)
    sent_at: float = 0.0
    replied_at: float = 0.0
    # Arrival time (monotonic) of each iopub message, parallel to `iopub`.
    iopub_times: list[float] = field(default_factory=list)

    @property
    def content(self) -> dict[str, Any]:
        return self.reply["content"]

    @property
    def status(self) -> str:
        return self.content["status"]

    @property
    def types(self) -> list[str]:
        return [m["msg_type"] for m in self.iopub]

    @property
    def outputs(self) -> list[dict[str, Any]]:
        """The iopub messages between execute_input and idle (no status, no execute_input)."""
        return [m for m in self.iopub if m["msg_type"] not in ("status", "execute_input")]

    def stream(self, name: str = "stdout") -> str:
        return "".join(
            m["content"]["text"] for m in self.iopub
            if m["msg_type"] == "stream" and m["content"]["name"] == name
        )

    @property
    def stdout(self) -> str:
        return self.stream("stdout")

    @property
    def stderr(self) -> str:
        return self.stream("stderr")

    @property
    def results(self) -> list[dict[str, Any]]:
        return [m for m in self.iopub if m["msg_type"] == "execute_result"]

    @property
    def result(self) -> str | None:
        """The text/plain of the one execute_result, None when there is none."""
        results = self.results
        assert len(results) <= 1, f"more than one execute_result: {results}"
        return results[0]["content"]["data"].get("text/plain") if results else None

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [m for m in self.iopub if m["msg_type"] == "error"]

    @property
    def ename(self) -> str | None:
        return self.content.get("ename")

    @property
    def evalue(self) -> str | None:
        return self.content.get("evalue")

    def describe(self) -> str:
        """A readable summary for assertion messages."""
        lines = [f"code: {self.code!r}", f"reply: {json.dumps(self.content, default=str)[:2000]}"]
        for m in self.iopub:
            lines.append(f"  iopub {m['msg_type']}: {json.dumps(m['content'], default=str)[:500]}")
        return "\n".join(lines)


def _get(channel_get: Callable[..., dict], deadline: float) -> dict:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("timed out waiting for a kernel message")
    return channel_get(timeout=min(remaining, 1.0))


def drain_iopub(kc, quiet: float = 0.05) -> list[dict]:
    """Reads and returns whatever iopub messages are waiting."""
    drained = []
    while True:
        try:
            drained.append(kc.get_iopub_msg(timeout=quiet))
        except Empty:
            return drained


def collect_iopub(kc, msg_id: str, timeout: float = EXECUTE_TIMEOUT, times: list[float] | None = None) -> list[dict]:
    """The iopub messages with parent `msg_id`, up to and including its `idle` status."""
    deadline = time.monotonic() + timeout
    collected: list[dict] = []
    while True:
        try:
            msg = _get(kc.get_iopub_msg, deadline)
        except Empty:
            if time.monotonic() >= deadline:
                raise TimeoutError(f"no idle status for {msg_id} within {timeout} s; got {[m['msg_type'] for m in collected]}")
            continue
        except TimeoutError:
            raise TimeoutError(f"no idle status for {msg_id} within {timeout} s; got {[m['msg_type'] for m in collected]}")
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        collected.append(msg)
        if times is not None:
            times.append(time.monotonic())
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return collected


def shell_reply(kc, msg_id: str, timeout: float = EXECUTE_TIMEOUT) -> dict:
    """The shell reply whose parent is `msg_id` (other replies are skipped)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            msg = _get(kc.get_shell_msg, deadline)
        except Empty:
            if time.monotonic() >= deadline:
                raise TimeoutError(f"no shell reply to {msg_id} within {timeout} s")
            continue
        except TimeoutError:
            raise TimeoutError(f"no shell reply to {msg_id} within {timeout} s")
        if msg.get("parent_header", {}).get("msg_id") == msg_id:
            return msg


def control_reply(kc, msg_id: str, timeout: float = 10.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        try:
            msg = _get(kc.control_channel.get_msg, deadline)
        except Empty:
            if time.monotonic() >= deadline:
                raise TimeoutError(f"no control reply to {msg_id} within {timeout} s")
            continue
        except TimeoutError:
            raise TimeoutError(f"no control reply to {msg_id} within {timeout} s")
        if msg.get("parent_header", {}).get("msg_id") == msg_id:
            return msg


def execute(
    kc,
    code: str,
    *,
    timeout: float = EXECUTE_TIMEOUT,
    allow_stdin: bool = False,
    stdin_answers: list[str] | None = None,
    silent: bool = False,
    store_history: bool = True,
    stop_on_error: bool = False,
    during: Callable[[str], None] | None = None,
) -> Execution:
    """Runs `code` and returns the reply and every iopub message of the request.

    With `stdin_answers`, each input_request on the stdin channel is answered with the next
    answer (the requests are kept in `Execution.stdin_requests`). `during(msg_id)` is called
    right after the request is sent (e.g. to interrupt or ping the heartbeat).

    `stop_on_error` defaults to False (jupyter_client's default is True): the tests send one
    request at a time, and the abort rule for queued requests is tested on its own
    (test_protocol.py), so that a failure in it does not hide other behaviour."""
    import zmq

    sent_at = time.monotonic()
    msg_id = kc.execute(
        code, silent=silent, store_history=store_history, allow_stdin=allow_stdin,
        stop_on_error=stop_on_error,
    )
    if during is not None:
        during(msg_id)
    deadline = sent_at + timeout
    answers = list(stdin_answers or [])
    stdin_requests: list[dict] = []
    iopub: list[dict] = []
    times: list[float] = []
    reply = None
    replied_at = 0.0
    idle = False
    # Read the three channels as messages arrive, so arrival times are real.
    poller = zmq.Poller()
    channels = {kc.iopub_channel.socket: kc.iopub_channel, kc.shell_channel.socket: kc.shell_channel,
                kc.stdin_channel.socket: kc.stdin_channel}
    for socket in channels:
        poller.register(socket, zmq.POLLIN)
    while reply is None or not idle:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(
                f"{code!r}: reply {'received' if reply else 'missing'}, idle {'seen' if idle else 'missing'} "
                f"after {timeout} s; iopub so far {[m['msg_type'] for m in iopub]}")
        ready = dict(poller.poll(int(min(remaining, 0.5) * 1000)))
        now = time.monotonic()
        if kc.iopub_channel.socket in ready:
            msg = kc.iopub_channel.get_msg(timeout=0)
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                iopub.append(msg)
                times.append(now)
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
        if kc.shell_channel.socket in ready:
            msg = kc.shell_channel.get_msg(timeout=0)
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                reply = msg
                replied_at = now
        if kc.stdin_channel.socket in ready:
            msg = kc.stdin_channel.get_msg(timeout=0)
            if msg["msg_type"] == "input_request":
                stdin_requests.append(msg)
                if stdin_answers is not None:
                    kc.input(answers.pop(0) if answers else "")
    return Execution(
        code=code, msg_id=msg_id, reply=reply, iopub=iopub, stdin_requests=stdin_requests,
        sent_at=sent_at, replied_at=replied_at, iopub_times=times,
    )


def run_ok(kc, code: str, **kwargs) -> Execution:
    """Executes `code` and asserts it succeeded."""
    ex = execute(kc, code, **kwargs)
    assert ex.status == "ok", f"cell failed:\n{ex.describe()}"
    return ex


def value_of(kc, expression: str) -> str | None:
    """The text/plain result of evaluating `expression` in its own cell."""
    return run_ok(kc, expression).result


def request(kc, method: str, *args, timeout: float = EXECUTE_TIMEOUT, **kwargs) -> dict:
    """Sends a shell request with the client's method (complete, inspect, ...) and returns the
    reply's content, after its idle status."""
    msg_id = getattr(kc, method)(*args, **kwargs)
    reply = shell_reply(kc, msg_id, timeout=timeout)
    collect_iopub(kc, msg_id, timeout=10)
    return reply


def heartbeat_ping(port: int, ip: str = "127.0.0.1", transport: str = "tcp", timeout: float = 1.0) -> float | None:
    """Sends one heartbeat ping on a fresh REQ socket; the round-trip seconds, or None on timeout."""
    import zmq

    context = zmq.Context.instance()
    socket = context.socket(zmq.REQ)
    socket.linger = 0
    try:
        socket.connect(f"{transport}://{ip}:{port}")
        start = time.monotonic()
        socket.send(b"ping")
        if socket.poll(int(timeout * 1000)):
            echoed = socket.recv()
            assert echoed == b"ping", echoed
            return time.monotonic() - start
        return None
    finally:
        socket.close(linger=0)


# ---------------------------------------------------------------------------------------------
# Processes


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    return children


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants (from /proc)."""
    children = _children_map()
    found = []
    stack = [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def is_running(pid: int) -> bool:
    """Whether `pid` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def process_tree_rss_kb(pid: int) -> int:
    """The sum of VmRSS (kB) of `pid` and all its descendants, from /proc."""
    total = 0
    for current in process_tree(pid):
        try:
            with open(f"/proc/{current}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def kernel_pid(km) -> int | None:
    """The kernel process id of a KernelManager started with the local provisioner."""
    provisioner = getattr(km, "provisioner", None)
    process = getattr(provisioner, "process", None)
    if process is not None:
        return process.pid
    pid = getattr(provisioner, "pid", None)
    return pid


if __name__ == "__main__":  # a quick manual check: python kernel_helpers.py 'print(1)'
    km, kc = start_kernel()
    try:
        for code in sys.argv[1:]:
            print(execute(kc, code).describe())
    finally:
        stop_kernel(km, kc)

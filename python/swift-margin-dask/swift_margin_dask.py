"""The Dask side of `swift-margin sweep --scheduler tcp://HOST:PORT`.

`swift-margin sweep` starts `python -m swift_margin_dask` and writes one JSON request to its
standard input:

    {"scheduler": "tcp://127.0.0.1:8786", "executable": "/path/to/swift-margin",
     "notebook_name": "01-tour", "notebook": "<the notebook's text>", "connect_timeout": 20,
     "jobs": [{"key": "quick=true,trainCount=30,seed=0", "parameters": ["-p", "quick=true", ...]}, ...]}

It submits one task per job to the cluster and writes one JSON line per event to its
standard output:

    {"event": "connected", "workers": 2, "threads": 2}
    {"event": "finished", "key": ..., "exit_status": 0, "seconds": 12.3, "worker": "tcp://...",
     "directory": "/tmp/...", "files": {"01-tour.results.json": "<base64>", ...}, "problem": null}
    {"event": "error", "message": "cannot reach the Dask scheduler at ...: ..."}

Each task runs `swift-margin run NOTEBOOK -o NAME.ipynb -q -p ...` on its worker in a
temporary folder (the notebook's text travels with the task, so workers share no files with
the client) and returns every file the run wrote there, run.log included (its output and
errors). The executable is the request's path when the worker has it, else `swift-margin` on
the worker's PATH. This module is sent to the workers by value (cloudpickle), so they need
only `dask[distributed]` and swift-margin, not this package.

On SIGTERM or SIGINT (the sweep was stopped) the driver sets a cluster-wide stop event, which
the running tasks poll once a second to kill their runs, cancels the rest and ends.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid


def emit(event: dict) -> None:
    """Writes one event line for swift-margin sweep."""
    sys.stdout.write(json.dumps(event, sort_keys=True) + "\n")
    sys.stdout.flush()


def run_notebook(executable: str, notebook_name: str, notebook_text: str, parameters: list[str], stop_name: str | None = None) -> dict:
    """Runs the notebook once on this machine; the run's files (base64) and how it ended.

    The command is `EXECUTABLE run input/NAME.ipynb -o NAME.ipynb -q PARAMETERS...` in a new
    temporary folder `out/`, the same as a local sweep's, so the run writes the same files.
    """
    found = executable if os.path.isfile(executable) and os.access(executable, os.X_OK) else shutil.which("swift-margin")
    host = socket.gethostname()
    try:
        from distributed import get_worker
        host = get_worker().address
    except Exception:  # outside a worker
        pass
    if found is None:
        return {"exit_status": -1, "seconds": 0.0, "files": {}, "directory": None, "worker": host,
                "problem": f"no swift-margin on worker {host}: {executable} is not there and swift-margin is not on its PATH "
                           "(give the workers' path with --worker-executable)"}
    stop = None
    if stop_name is not None:
        try:
            from distributed import Event
            stop = Event(stop_name)
        except Exception:  # outside a worker (a direct call): nothing to poll
            stop = None
    with tempfile.TemporaryDirectory(prefix="swift-margin-run-") as folder:
        source = os.path.join(folder, "input", notebook_name + ".ipynb")
        out = os.path.join(folder, "out")
        os.makedirs(os.path.dirname(source))
        os.makedirs(out)
        with open(source, "w", encoding="utf-8") as file:
            file.write(notebook_text)
        command = [found, "run", source, "-o", notebook_name + ".ipynb", "-q", *parameters]
        start = time.monotonic()
        with open(os.path.join(out, "run.log"), "wb") as log:
            process = subprocess.Popen(command, cwd=out, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       start_new_session=True)
            while True:
                try:
                    status = process.wait(timeout=1)
                    break
                except subprocess.TimeoutExpired:
                    if stop is not None and stop.is_set():
                        os.killpg(process.pid, signal.SIGKILL)
                        process.wait()
                        return {"exit_status": 128 + signal.SIGKILL, "seconds": time.monotonic() - start, "files": {},
                                "directory": out, "worker": host, "problem": "stopped: the sweep was interrupted"}
        seconds = time.monotonic() - start
        files = {}
        for name in sorted(os.listdir(out)):
            path = os.path.join(out, name)
            if os.path.isfile(path):
                with open(path, "rb") as file:
                    files[name] = base64.b64encode(file.read()).decode("ascii")
    exit_status = status if status >= 0 else 128 - status
    return {"exit_status": exit_status, "seconds": seconds, "files": files, "directory": out, "worker": host, "problem": None}


def main() -> int:
    """Reads the request, runs its jobs on the cluster, reports each as it finishes."""
    try:
        request = json.load(sys.stdin)
    except ValueError as error:
        emit({"event": "error", "message": f"the request on standard input is not JSON: {error}"})
        return 2
    try:
        import cloudpickle
        from distributed import Client, Event, as_completed
    except ImportError as error:
        emit({"event": "error", "message": f"{sys.executable} cannot import Dask ({error}); pip install 'dask[distributed]'"})
        return 2
    scheduler = request["scheduler"]
    try:
        client = Client(scheduler, timeout=f"{int(request.get('connect_timeout', 20))}s")
    except Exception as error:  # OSError, TimeoutError, ValueError for a bad address
        emit({"event": "error", "message": f"cannot reach the Dask scheduler at {scheduler}: {type(error).__name__}: {error}"})
        return 2
    # Workers import nothing of ours: the task's code travels with it.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    workers = client.scheduler_info().get("workers", {})
    emit({"event": "connected", "workers": len(workers), "threads": sum(w.get("nthreads", 1) for w in workers.values()) or 1})

    sweep = uuid.uuid4().hex
    stop_name = f"swift-margin-sweep-stop-{sweep}"
    stop = Event(stop_name, client=client)
    futures = {}
    for job in request["jobs"]:
        future = client.submit(
            run_notebook, request["executable"], request["notebook_name"], request["notebook"], job["parameters"], stop_name,
            key=f"swift-margin-run-{sweep}-{len(futures)}", pure=False, retries=1)
        futures[future] = job["key"]

    stopping = threading.Event()

    def stop_runs(signum, frame):
        stopping.set()
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_runs)
    signal.signal(signal.SIGINT, stop_runs)
    try:
        for future in as_completed(futures):
            key = futures[future]
            try:
                result = future.result()
            except Exception as error:  # the task raised, or its worker died more often than retries allow
                result = {"exit_status": -1, "seconds": 0.0, "files": {}, "worker": None, "directory": None,
                          "problem": f"the Dask task failed: {type(error).__name__}: {error}"}
            emit({"event": "finished", "key": key, **result})
    except KeyboardInterrupt:
        stop.set()
        client.cancel(list(futures))
        time.sleep(2)  # the running tasks see the event within a second and kill their runs
        client.close()
        return 130
    client.close()
    emit({"event": "done"})
    return 0


if __name__ == "__main__":
    sys.exit(main())

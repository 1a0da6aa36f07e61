"""The install command and the kernelspec Jupyter sees."""

import json
import os
import subprocess
import sys
from pathlib import Path

import kernel_helpers as kh


def test_install_writes_kernel_json_with_absolute_paths(kernelspec_prefix):
    spec = json.loads(kh.kernelspec_file().read_text())
    argv = spec["argv"]
    assert Path(argv[0]).is_absolute(), argv
    assert Path(argv[0]).resolve() == kh.executable().resolve()
    assert argv[1:] == ["kernel", "--connection-file", "{connection_file}"]
    assert spec["language"] == "swift"
    assert spec["interrupt_mode"] == "message"
    assert spec["display_name"]


def test_jupyter_kernelspec_list_shows_the_kernel(kernelspec_prefix):
    jupyter = Path(sys.executable).with_name("jupyter")
    command = [str(jupyter), "kernelspec", "list", "--json"] if jupyter.exists() else [
        sys.executable, "-m", "jupyter_client.kernelspecapp", "list", "--json"]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=60, env=dict(os.environ))
    assert completed.returncode == 0, completed.stderr
    specs = json.loads(completed.stdout)["kernelspecs"]
    assert kh.KERNEL_NAME in specs, sorted(specs)
    entry = specs[kh.KERNEL_NAME]
    assert Path(entry["resource_dir"]).resolve() == kh.kernelspec_file().parent.resolve()
    assert entry["spec"]["language"] == "swift"

"""Fixtures for the swift-margin kernel tests.

The kernel executable is $SWIFT_MARGIN_EXECUTABLE (default: .build/debug/swift-margin in the
repository). Once per run it is installed as kernelspec "swift-margin" into a temporary prefix
and JUPYTER_PATH points there, so jupyter_client, jupyter_kernel_test and nbclient find it.

Run:  .venv/bin/python -m pytest Tests/kernel -q
"""

from __future__ import annotations

import faulthandler
import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kernel_helpers as kh  # noqa: E402

# No single test may take longer than this (a hung wait dumps the stacks and ends the run).
TEST_WATCHDOG_SECONDS = float(os.environ.get("SWIFT_MARGIN_TEST_WATCHDOG", "240"))


def pytest_configure(config):
    # Install before collection-time imports or unittest setUpClass need it.
    try:
        kh.install_kernelspec()
    except Exception as error:  # reported by the fixture below as a test error
        config._swift_margin_install_error = error


def pytest_unconfigure(config):
    # The temporary kernelspec prefix goes when the run ends.
    prefix = kh._installed_prefix
    if prefix is not None and prefix.name.startswith("swift-margin-kernelspec-"):
        shutil.rmtree(prefix, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    faulthandler.dump_traceback_later(TEST_WATCHDOG_SECONDS, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


@pytest.fixture(scope="session", autouse=True)
def kernelspec_prefix(request) -> Path:
    """The temporary prefix holding share/jupyter/kernels/swift-margin (JUPYTER_PATH is set)."""
    error = getattr(request.config, "_swift_margin_install_error", None)
    if error is not None:
        pytest.fail(f"cannot install the kernelspec: {error}", pytrace=False)
    return kh.install_kernelspec()


@pytest.fixture(scope="module")
def kernel(kernelspec_prefix):
    """A kernel shared by the tests of one module: (KernelManager, BlockingKernelClient)."""
    km, kc = kh.start_kernel()
    yield km, kc
    kh.stop_kernel(km, kc)


@pytest.fixture(scope="module")
def kc(kernel):
    """The module's shared BlockingKernelClient (channels started, kernel ready)."""
    _, client = kernel
    kh.drain_iopub(client)
    return client


@pytest.fixture
def fresh_kernel(kernelspec_prefix):
    """A kernel of its own for one test."""
    km, kc = kh.start_kernel()
    yield km, kc
    kh.stop_kernel(km, kc)

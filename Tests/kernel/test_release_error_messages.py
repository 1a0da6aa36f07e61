"""Bad input must be named in the release build too.

Swift drops `precondition`'s message in optimised code: the release build that `make demo`
installs as the kernel, and cells after `%optimize on`, stop with a bare trap ("signal 4")
and no word of what was wrong. `fatalError` keeps its message at every optimisation level,
so checks of what a user passes (library arguments, notebook parameters) are written as
`guard condition else { fatalError("...") }`. Only internal invariants that no input can
break may stay preconditions; they are listed here.
"""

import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PRECONDITION = re.compile(r"\bprecondition\(")
INTERNAL_INVARIANTS = {
    # The caller has already classified the broadcast; no argument of a public API reaches it.
    ("Sources/Tensors/Kernels/KernelKinds.swift", "a general broadcast has no prefix layout"),
}


def precondition_sites():
    for path in sorted((REPO / "Sources").rglob("*.swift")):
        for line in path.read_text().splitlines():
            if PRECONDITION.search(line):
                yield str(path.relative_to(REPO)), line.strip()
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "code":
                for line in "".join(cell["source"]).splitlines():
                    if PRECONDITION.search(line):
                        yield str(path.relative_to(REPO)), line.strip()


def test_checks_of_user_input_keep_their_message_when_optimised():
    unexpected = [
        (where, line) for where, line in precondition_sites()
        if not any(where == allowed and message in line for allowed, message in INTERNAL_INVARIANTS)
    ]
    assert unexpected == [], "write these as guard ... else { fatalError(...) }: " + repr(unexpected)


def test_the_scan_finds_a_precondition():
    # The allowed internal invariant is found, so an empty result above is not a scan that sees nothing.
    assert any(message in line for where, line in precondition_sites() for _, message in INTERNAL_INVARIANTS)

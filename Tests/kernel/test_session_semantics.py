"""What a session carries from cell to cell: imports, and only the names that have a value."""

import kernel_helpers as kh
from kernel_helpers import execute, run_ok, value_of


def test_an_import_carries_into_later_cells(kc):
    run_ok(kc, "import Foundation")
    assert value_of(kc, "Thread.isMainThread || !Thread.isMainThread") == "true"
    run_ok(kc, "import Glibc")
    assert value_of(kc, "Int(getpid()) > 0") == "true"


def test_a_scoped_import_carries_too(kc):
    run_ok(kc, "import struct Foundation.Date")
    assert value_of(kc, "Date(timeIntervalSince1970: 0).timeIntervalSince1970") == "0.0"


def test_a_declaration_whose_initializer_throws_is_not_defined_afterwards(kc):
    ex = execute(kc, "struct Refusal: Error {}\nfunc refuse() throws -> Int { throw Refusal() }\n"
                     "let before = 1\nlet refused = try refuse()")
    assert ex.status == "error", ex.describe()
    assert "refused" in "\n".join(ex.content["traceback"]), ex.describe()
    # The name that has no value is gone: using it is a compile error naming it, not a trap.
    ex = execute(kc, "refused")
    assert ex.status == "error" and ex.content["ename"] == "CompileError", ex.describe()
    assert "refused" in ex.evalue, ex.describe()
    # The cell's function and type stay, and the name can be declared again.
    run_ok(kc, "let refused = (try? refuse()) ?? 5")
    assert value_of(kc, "refused") == "5"
    who = run_ok(kc, "%who").stdout
    assert "refused" in who and "Refusal" in who, who


def test_a_failed_redeclaration_keeps_the_earlier_value(kc):
    run_ok(kc, "var level = 3")
    ex = execute(kc, "struct Failure: Error {}\nvar level: Int = try { throw Failure() }()")
    assert ex.status == "error", ex.describe()
    assert value_of(kc, "level") == "3"


def test_a_forked_child_that_outlives_its_cell_never_answers_for_a_later_cell(kc):
    import time

    ex = run_ok(kc, "import Glibc\nlet forkedHere = fork()\nif forkedHere == 0 { usleep(500_000) }\nforkedHere == 0 ? 6 : 0")
    assert ex.result == "0", ex.describe()
    time.sleep(1.0)  # the child has returned from the cell by now
    for _ in range(3):
        assert value_of(kc, "1 + 2") == "3"
    assert value_of(kc, "forkedHere > 0") == "true"


def test_a_cell_that_imports_and_then_traps_leaves_no_import_behind(kernelspec_prefix):
    # A cell that fails leaves the session exactly as it was, imports included: a later cell
    # does not see what the trapping cell imported. (A fresh kernel: no test imported it yet.)
    km, kc = kh.start_kernel()
    try:
        assert execute(kc, "Thread.isMainThread").ename == "CompileError", "Foundation is not imported at the start"
        ex = execute(kc, "import Foundation\nlet noValues: [Int] = []\nnoValues[1]")
        assert ex.ename == "Trap", ex.describe()
        after = execute(kc, "Thread.isMainThread")
        assert after.ename == "CompileError" and "Thread" in after.evalue, after.describe()
        # The same import in a cell that completes, or that throws after it, carries over.
        ex = execute(kc, "import Foundation\nstruct Refused: Error {}\nthrow Refused()")
        assert ex.ename == "Refused", ex.describe()
        assert value_of(kc, "Thread.isMainThread || true") == "true"
    finally:
        kh.stop_kernel(km, kc)

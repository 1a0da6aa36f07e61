#ifndef CELL_TRAP_TRACE_H
#define CELL_TRAP_TRACE_H

/// Makes a Swift trap (SIGILL, SIGTRAP) in this process write the frames of the stack that
/// lie in cell libraries to standard error before the process dies of the signal, in the
/// runtime's own format after a "Current stack trace:" line:
///     "3 libCell4.so 0x00007f0a12345678 <unavailable> + 4660"
/// where the number after "+" is the return address's offset from the library's start.
/// The Swift runtime prints such a trace only for traps in unoptimised code; a trap in an
/// optimised library (the release build's Tensors, say) would otherwise name no cell line.
/// The handler runs on an alternate stack, then lets the signal kill the process as before.
/// Returns 0 on success, -1 with errno set otherwise.
int cell_trap_trace_install(void);

#endif

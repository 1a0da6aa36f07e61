#define _GNU_SOURCE
#include "cell_trap_trace.h"

#include <dlfcn.h>
#include <execinfo.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

static char alternate_stack[64 * 1024];

static void write_text(const char *text) {
    ssize_t ignored = write(STDERR_FILENO, text, strlen(text));
    (void)ignored;
}

/// Writes `value` in `base` (10, or 16 with a "0x" prefix) without formatting functions.
static void write_number(uintptr_t value, unsigned base) {
    char digits[2 + 2 * sizeof(uintptr_t) * 4];
    char *end = digits + sizeof digits;
    char *start = end;
    do {
        *--start = "0123456789abcdef"[value % base];
        value /= base;
    } while (value != 0);
    if (base == 16) {
        *--start = 'x';
        *--start = '0';
    }
    ssize_t ignored = write(STDERR_FILENO, start, (size_t)(end - start));
    (void)ignored;
}

static void write_cell_frames_and_die(int signal_number) {
    void *frames[256];
    int count = backtrace(frames, 256);
    write_text("Current stack trace:\n");
    for (int index = 0; index < count; index++) {
        Dl_info info;
        if (dladdr(frames[index], &info) == 0 || info.dli_fname == NULL) continue;
        const char *slash = strrchr(info.dli_fname, '/');
        const char *name = slash ? slash + 1 : info.dli_fname;
        if (strncmp(name, "libCell", 7) != 0) continue;
        write_number((uintptr_t)index, 10);
        write_text(" ");
        write_text(name);
        write_text(" ");
        write_number((uintptr_t)frames[index], 16);
        write_text(" <unavailable> + ");
        write_number((uintptr_t)frames[index] - (uintptr_t)info.dli_fbase, 10);
        write_text("\n");
    }
    // SA_RESETHAND restored the default action and SA_NODEFER lets it act at once.
    raise(signal_number);
}

int cell_trap_trace_install(void) {
    // The first backtrace() loads the unwinder; do that now rather than in the handler.
    void *warm_up[1];
    backtrace(warm_up, 1);
    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = alternate_stack;
    stack.ss_size = sizeof alternate_stack;
    if (sigaltstack(&stack, NULL) != 0) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = write_cell_frames_and_die;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_NODEFER | SA_ONSTACK;
    if (sigaction(SIGILL, &action, NULL) != 0) return -1;
    if (sigaction(SIGTRAP, &action, NULL) != 0) return -1;
    return 0;
}

#include "float_environment.h"

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>

// MXCSR bit 15: flush to zero (subnormal results become 0); bit 6: denormals are zero
// (subnormal inputs are read as 0).
#define FLUSH_BITS ((1u << 15) | (1u << 6))

int float_environment_set_flush_subnormals(int flush) {
    unsigned int csr = _mm_getcsr();
    _mm_setcsr(flush ? (csr | FLUSH_BITS) : (csr & ~FLUSH_BITS));
    return 0;
}

int float_environment_flushes_subnormals(void) {
    return (_mm_getcsr() & FLUSH_BITS) == FLUSH_BITS;
}

#elif defined(__aarch64__)
// FPCR bit 24: flush to zero (inputs and results).
#define FLUSH_BIT (1ull << 24)

static unsigned long long read_fpcr(void) {
    unsigned long long fpcr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    return fpcr;
}

int float_environment_set_flush_subnormals(int flush) {
    unsigned long long fpcr = read_fpcr();
    fpcr = flush ? (fpcr | FLUSH_BIT) : (fpcr & ~FLUSH_BIT);
    __asm__ volatile("msr fpcr, %0" : : "r"(fpcr));
    return 0;
}

int float_environment_flushes_subnormals(void) {
    return (read_fpcr() & FLUSH_BIT) != 0;
}

#else
int float_environment_set_flush_subnormals(int flush) {
    (void)flush;
    return -1;
}

int float_environment_flushes_subnormals(void) {
    return -1;
}
#endif

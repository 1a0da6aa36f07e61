// Loads OpenBLAS at run time, after choosing its kernels from the CPU's features.
//
// Debian's OpenBLAS picks its kernels in a load-time constructor and falls back to
// slow generic ones on CPUs it does not know. Linking it normally would run that
// constructor before any of our code, so the library is opened here with dlopen
// once OPENBLAS_CORETYPE has been decided. Only this target touches dlopen/dlsym.
#ifndef OPENBLAS_LOADER_H
#define OPENBLAS_LOADER_H

/// CPU feature bits reported by `openblas_loader_cpu_features`.
#define OPENBLAS_LOADER_AVX (1 << 0)
#define OPENBLAS_LOADER_AVX2 (1 << 1)
#define OPENBLAS_LOADER_FMA (1 << 2)
#define OPENBLAS_LOADER_AVX512F (1 << 3)
#define OPENBLAS_LOADER_AVX512BW (1 << 4)
#define OPENBLAS_LOADER_AVX512VL (1 << 5)
#define OPENBLAS_LOADER_AVX512DQ (1 << 6)
#define OPENBLAS_LOADER_AVX512CD (1 << 7)
#define OPENBLAS_LOADER_VENDOR_INTEL (1 << 8)
#define OPENBLAS_LOADER_VENDOR_AMD (1 << 9)


/// The running CPU's features (usable by the OS), as OPENBLAS_LOADER_* bits.
int openblas_loader_cpu_features(void);

/// Opens the first of `candidates` (a NULL-terminated list of paths or sonames) that loads
/// and has cblas_sgemm and cblas_dgemm. Returns 0 on success; otherwise writes the reason
/// into `error` and returns -1. Safe to call more than once (later calls return 0).
int openblas_loader_open(const char *const *candidates, char *error, int error_length);

/// The kernels OpenBLAS uses ("Haswell", "SkylakeX", ...), or "" before a successful open.
const char *openblas_loader_core_name(void);

/// OpenBLAS's build configuration string, or "" before a successful open.
const char *openblas_loader_config(void);

/// The number of threads OpenBLAS uses, or 0 before a successful open.
int openblas_loader_thread_count(void);

/// Sets the number of threads OpenBLAS uses for each later call (no effect before a
/// successful open).
void openblas_loader_set_thread_count(int count);

/// cblas_sgemm, row-major. Transposes are 0 (no) or 1 (yes).
void openblas_loader_sgemm(int transpose_a, int transpose_b, int m, int n, int k, float alpha,
                           const float *a, int lda, const float *b, int ldb, float beta, float *c,
                           int ldc);

/// cblas_dgemm, row-major. Transposes are 0 (no) or 1 (yes).
void openblas_loader_dgemm(int transpose_a, int transpose_b, int m, int n, int k, double alpha,
                           const double *a, int lda, const double *b, int ldb, double beta,
                           double *c, int ldc);

#endif

#include "openblas_loader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *,
                         int, float, float *, int);
typedef void (*dgemm_fn)(int, int, int, int, int, int, double, const double *, int,
                         const double *, int, double, double *, int);
typedef char *(*string_fn)(void);
typedef int (*int_fn)(void);
typedef void (*set_int_fn)(int);

static sgemm_fn loaded_sgemm;
static dgemm_fn loaded_dgemm;
static string_fn loaded_core_name;
static string_fn loaded_config;
static int_fn loaded_thread_count;
static set_int_fn loaded_set_thread_count;
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

enum { ROW_MAJOR = 101, NO_TRANSPOSE = 111, TRANSPOSE = 112 };

int openblas_loader_cpu_features(void) {
    int bits = 0;
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx")) bits |= OPENBLAS_LOADER_AVX;
    if (__builtin_cpu_supports("avx2")) bits |= OPENBLAS_LOADER_AVX2;
    if (__builtin_cpu_supports("fma")) bits |= OPENBLAS_LOADER_FMA;
    if (__builtin_cpu_supports("avx512f")) bits |= OPENBLAS_LOADER_AVX512F;
    if (__builtin_cpu_supports("avx512bw")) bits |= OPENBLAS_LOADER_AVX512BW;
    if (__builtin_cpu_supports("avx512vl")) bits |= OPENBLAS_LOADER_AVX512VL;
    if (__builtin_cpu_supports("avx512dq")) bits |= OPENBLAS_LOADER_AVX512DQ;
    if (__builtin_cpu_supports("avx512cd")) bits |= OPENBLAS_LOADER_AVX512CD;
    if (__builtin_cpu_is("intel")) bits |= OPENBLAS_LOADER_VENDOR_INTEL;
    if (__builtin_cpu_is("amd")) bits |= OPENBLAS_LOADER_VENDOR_AMD;
#endif
    return bits;
}

int openblas_loader_open(const char *const *candidates, char *error, int error_length) {
    pthread_mutex_lock(&open_lock);
    if (loaded_sgemm != NULL) {
        pthread_mutex_unlock(&open_lock);
        return 0;
    }
    const char *last_error = "no candidate library was given";
    for (const char *const *name = candidates; *name != NULL; name++) {
        void *handle = dlopen(*name, RTLD_NOW | RTLD_GLOBAL);
        if (handle == NULL) {
            last_error = dlerror();
            continue;
        }
        sgemm_fn s = (sgemm_fn)dlsym(handle, "cblas_sgemm");
        dgemm_fn d = (dgemm_fn)dlsym(handle, "cblas_dgemm");
        if (s == NULL || d == NULL) {
            last_error = "the library has no cblas_sgemm/cblas_dgemm";
            continue;
        }
        loaded_core_name = (string_fn)dlsym(handle, "openblas_get_corename");
        loaded_config = (string_fn)dlsym(handle, "openblas_get_config");
        loaded_thread_count = (int_fn)dlsym(handle, "openblas_get_num_threads");
        loaded_set_thread_count = (set_int_fn)dlsym(handle, "openblas_set_num_threads");
        loaded_dgemm = d;
        loaded_sgemm = s;
        pthread_mutex_unlock(&open_lock);
        return 0;
    }
    snprintf(error, (size_t)error_length, "%s", last_error);
    pthread_mutex_unlock(&open_lock);
    return -1;
}

const char *openblas_loader_core_name(void) {
    return loaded_core_name ? loaded_core_name() : "";
}

const char *openblas_loader_config(void) { return loaded_config ? loaded_config() : ""; }

int openblas_loader_thread_count(void) {
    return loaded_thread_count ? loaded_thread_count() : 0;
}

void openblas_loader_set_thread_count(int count) {
    if (loaded_set_thread_count) loaded_set_thread_count(count);
}

void openblas_loader_sgemm(int transpose_a, int transpose_b, int m, int n, int k, float alpha,
                           const float *a, int lda, const float *b, int ldb, float beta, float *c,
                           int ldc) {
    loaded_sgemm(ROW_MAJOR, transpose_a ? TRANSPOSE : NO_TRANSPOSE,
                 transpose_b ? TRANSPOSE : NO_TRANSPOSE, m, n, k, alpha, a, lda, b, ldb, beta, c,
                 ldc);
}

void openblas_loader_dgemm(int transpose_a, int transpose_b, int m, int n, int k, double alpha,
                           const double *a, int lda, const double *b, int ldb, double beta,
                           double *c, int ldc) {
    loaded_dgemm(ROW_MAJOR, transpose_a ? TRANSPOSE : NO_TRANSPOSE,
                 transpose_b ? TRANSPOSE : NO_TRANSPOSE, m, n, k, alpha, a, lda, b, ldb, beta, c,
                 ldc);
}

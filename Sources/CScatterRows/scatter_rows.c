// The sparse row accumulation of scatter_rows.h, written once (scatter_rows_body.h) for float
// and double with 32-byte vectors. On x86-64 every function is compiled three times, for
// AVX-512, for AVX2 with FMA and for the baseline, and the loader picks the best the CPU
// has (an ifunc): Swift cannot compile one function for several instruction sets.
#include "scatter_rows.h"

#if defined(__x86_64__)
#define MULTIVERSIONED __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define MULTIVERSIONED
#endif

// Element-aligned vectors: the rows start at any element.
typedef float float_x8 __attribute__((vector_size(32), aligned(4)));
typedef double double_x4 __attribute__((vector_size(32), aligned(8)));

#define SCALAR float
#define VECTOR float_x8
#define LANES 8
#define BLOCK scatter_rows_block_f32
#define FUNCTION scatter_rows_f32
#include "scatter_rows_body.h"
#undef SCALAR
#undef VECTOR
#undef LANES
#undef BLOCK
#undef FUNCTION

#define SCALAR double
#define VECTOR double_x4
#define LANES 4
#define BLOCK scatter_rows_block_f64
#define FUNCTION scatter_rows_f64
#include "scatter_rows_body.h"

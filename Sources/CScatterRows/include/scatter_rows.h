#ifndef SCATTER_ROWS_H
#define SCATTER_ROWS_H

#include <stddef.h>

/// Adds scaled copies of a few rows onto several target rows at once:
///
///     for e in 0..<entries, r in 0..<replicas, k in 0..<length:
///         target[r * replicaStride + k] += coefficients[e * replicas + r] * rows[rowOffsets[e] + k]
///
/// The inner loop of a transposed convolution whose output gradient is sparse (seeds routed
/// to max-pooling winners): each entry is one output channel's seed at one position, its row
/// one filter row, and the replicas the seeds of one sample. The target rows must not overlap
/// the rows or coefficients. Compiled for AVX-512, AVX2 with FMA and the baseline x86-64,
/// chosen when the library loads.
void scatter_rows_f32(
    const float *rows, const ptrdiff_t *rowOffsets, const float *coefficients, ptrdiff_t entries,
    ptrdiff_t replicas, float *target, ptrdiff_t replicaStride, ptrdiff_t length);

/// `scatter_rows_f32` in double precision.
void scatter_rows_f64(
    const double *rows, const ptrdiff_t *rowOffsets, const double *coefficients, ptrdiff_t entries,
    ptrdiff_t replicas, double *target, ptrdiff_t replicaStride, ptrdiff_t length);

#endif

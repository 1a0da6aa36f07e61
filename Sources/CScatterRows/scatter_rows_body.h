// One precision of scatter_rows.c, included once per scalar type with SCALAR (the type),
// VECTOR (a 32-byte vector of it), LANES (its element count), BLOCK and FUNCTION (the names
// to define) set.

/// Replicas 0 ..< `block` of `coefficients` and `target` (both already offset to the block's
/// first replica). `block` is a constant after inlining, so the accumulators, `block` x 2
/// vectors, live in registers while every entry's row is added on.
static inline __attribute__((always_inline)) void BLOCK(
    const int block, const SCALAR *rows, const ptrdiff_t *rowOffsets, const SCALAR *coefficients,
    ptrdiff_t entries, ptrdiff_t replicas, SCALAR *target, ptrdiff_t replicaStride, ptrdiff_t length
) {
    ptrdiff_t k = 0;
    for (; k + 2 * LANES <= length; k += 2 * LANES) {
        VECTOR sums[4][2];
        for (int r = 0; r < block; r++) {
            sums[r][0] = *(const VECTOR *)(target + r * replicaStride + k);
            sums[r][1] = *(const VECTOR *)(target + r * replicaStride + k + LANES);
        }
        for (ptrdiff_t e = 0; e < entries; e++) {
            const SCALAR *row = rows + rowOffsets[e] + k;
            const VECTOR low = *(const VECTOR *)row, high = *(const VECTOR *)(row + LANES);
            for (int r = 0; r < block; r++) {
                const SCALAR c = coefficients[e * replicas + r];
                sums[r][0] += c * low;
                sums[r][1] += c * high;
            }
        }
        for (int r = 0; r < block; r++) {
            *(VECTOR *)(target + r * replicaStride + k) = sums[r][0];
            *(VECTOR *)(target + r * replicaStride + k + LANES) = sums[r][1];
        }
    }
    for (; k + LANES <= length; k += LANES) {
        VECTOR sums[4];
        for (int r = 0; r < block; r++) sums[r] = *(const VECTOR *)(target + r * replicaStride + k);
        for (ptrdiff_t e = 0; e < entries; e++) {
            const VECTOR row = *(const VECTOR *)(rows + rowOffsets[e] + k);
            for (int r = 0; r < block; r++) sums[r] += coefficients[e * replicas + r] * row;
        }
        for (int r = 0; r < block; r++) *(VECTOR *)(target + r * replicaStride + k) = sums[r];
    }
    for (; k < length; k++) {
        for (ptrdiff_t e = 0; e < entries; e++) {
            const SCALAR value = rows[rowOffsets[e] + k];
            for (int r = 0; r < block; r++) target[r * replicaStride + k] += coefficients[e * replicas + r] * value;
        }
    }
}

MULTIVERSIONED void FUNCTION(
    const SCALAR *rows, const ptrdiff_t *rowOffsets, const SCALAR *coefficients, ptrdiff_t entries,
    ptrdiff_t replicas, SCALAR *target, ptrdiff_t replicaStride, ptrdiff_t length
) {
    // The replicas in blocks of at most four, as even as possible (9 gives 3, 3, 3).
    const ptrdiff_t blocks = (replicas + 3) / 4;
    ptrdiff_t first = 0;
    for (ptrdiff_t b = 0; b < blocks; b++) {
        const ptrdiff_t left = blocks - b;
        const ptrdiff_t size = (replicas - first + left - 1) / left;
        const SCALAR *c = coefficients + first;
        SCALAR *t = target + first * replicaStride;
        switch (size) {
        case 1: BLOCK(1, rows, rowOffsets, c, entries, replicas, t, replicaStride, length); break;
        case 2: BLOCK(2, rows, rowOffsets, c, entries, replicas, t, replicaStride, length); break;
        case 3: BLOCK(3, rows, rowOffsets, c, entries, replicas, t, replicaStride, length); break;
        default: BLOCK(4, rows, rowOffsets, c, entries, replicas, t, replicaStride, length); break;
        }
        first += size;
    }
}

// The calling thread's handling of subnormal floats, which Swift cannot reach: on x86-64 the
// MXCSR register's flush-to-zero (FTZ) and denormals-are-zero (DAZ) bits, on AArch64 the FPCR
// register's flush-to-zero bit. A thread started afterwards by this thread starts with the
// same setting (Linux copies the floating-point state into a new thread).
#ifndef FLOAT_ENVIRONMENT_H
#define FLOAT_ENVIRONMENT_H

/// Makes the calling thread treat subnormal inputs as zero and flush subnormal results to
/// zero (`flush` nonzero), or compute with them exactly (`flush` zero). Returns 0, or -1 on a
/// processor this file does not know (nothing changes then).
int float_environment_set_flush_subnormals(int flush);

/// 1 when the calling thread flushes subnormals to zero, 0 when it does not, -1 when unknown.
int float_environment_flushes_subnormals(void);

#endif

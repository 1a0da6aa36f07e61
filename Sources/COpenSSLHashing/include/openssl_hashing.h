#ifndef OPENSSL_HASHING_H
#define OPENSSL_HASHING_H

#include <stddef.h>
#include <stdint.h>

/// HMAC-SHA256 keyed with `key` (`key_length` bytes) over `length` bytes at `bytes`, written
/// to `digest` (32 bytes), by the system's OpenSSL (libcrypto). Returns 0 on success, -1 when
/// OpenSSL reports a failure.
int openssl_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *bytes, size_t length,
                        uint8_t digest[32]);

/// The SHA-256 of `length` bytes at `bytes`, written to `digest` (32 bytes). Returns 0 on
/// success, -1 when OpenSSL reports a failure.
int openssl_sha256(const uint8_t *bytes, size_t length, uint8_t digest[32]);

#endif
